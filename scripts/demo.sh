#!/usr/bin/env bash
# The main job: installs the dependencies, builds, and runs the simulated
# board (the Verilated RTL in-process): every crypto core's self-test and
# figures, then packets of every ESP suite through the whole ESP engine, out
# and back in, each checked against the reference ESP, with cycles per packet;
# then the whole host path: the C++ driver talking to the simulated board
# over the host link (ipsec-fpga-link-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)" --target ipsec-fpga-core-bench ipsec-fpga-esp-bench \
  ipsec-fpga-link-bench
build/verif/bench/ipsec-fpga-core-bench
echo
echo "ESP engine (rtl/esp/esp_engine.v): every suite, both directions, cycles per packet"
build/verif/esp_engine/ipsec-fpga-esp-bench "$@"
echo
echo "Host link: driver -> link framing -> board core (rtl/link/ipsec_fpga_core.v) on sim:"
exec build/driver/bench/ipsec-fpga-link-bench --quick
