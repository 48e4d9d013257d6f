#!/usr/bin/env bash
# The main job: installs the dependencies, builds, and runs the simulated
# board (the Verilated RTL in-process): every crypto core's self-test and
# figures, then packets of every ESP suite through the whole ESP engine, out
# and back in, each checked against the reference ESP, with cycles per packet.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)" --target ipsec-fpga-core-bench ipsec-fpga-esp-bench
build/verif/bench/ipsec-fpga-core-bench
echo
echo "ESP engine (rtl/esp/esp_engine.v): every suite, both directions, cycles per packet"
exec build/verif/esp_engine/ipsec-fpga-esp-bench "$@"
