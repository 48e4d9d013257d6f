#!/usr/bin/env bash
# Installs the dependencies, builds everything and runs every test with CTest
# (RTL testbenches, lint, synthesis checks, unit and interop tests).
# Extra arguments go to ctest, e.g. `scripts/test.sh -L rtl` or `-LE synth`;
# without arguments the libFuzzer targets also run, for a bounded time each.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"

# libFuzzer needs Clang: a second, small build of just the fuzz targets, with
# the libraries they test instrumented too (coverage guidance, ASan, UBSan).
if [ $# -eq 0 ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" -DIPSEC_FPGA_SYNTH_TESTS=OFF
  cmake --build build-fuzz -j"$jobs" --target fuzz-targets
  ctest --test-dir build-fuzz -L fuzz --output-on-failure
fi

ctest --test-dir build --output-on-failure -j"$jobs" "$@"
