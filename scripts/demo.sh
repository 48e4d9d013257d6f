#!/usr/bin/env bash
# The main job: installs the dependencies, builds, and runs the demo on the
# simulated board (the Verilated RTL in-process).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)" --target ipsec-fpga-core-bench
exec build/verif/bench/ipsec-fpga-core-bench "$@"
