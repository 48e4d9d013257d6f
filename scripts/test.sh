#!/usr/bin/env bash
# Installs the dependencies, builds everything and runs every test with CTest
# (RTL testbenches, lint, synthesis checks, unit and interop tests).
# Extra arguments go to ctest, e.g. `scripts/test.sh -L rtl` or `-LE synth`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs" "$@"
