#!/usr/bin/env bash
# Installs the dependencies, builds everything and runs every test with CTest
# (RTL testbenches, lint, synthesis checks, unit and interop tests).
# Extra arguments go to ctest, e.g. `scripts/test.sh -L rtl` or `-LE synth`;
# without arguments the libFuzzer targets also run, for a bounded time each.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
jobs=$(nproc)
# ccache, kept inside the build tree: every Verilated program compiles the
# same Verilator runtime (verilated.cpp, the FST writer), and the second and
# later copies come from the cache. It also makes re-runs cheap.
export CCACHE_DIR="$PWD/build/.ccache" CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache
cmake --build build -j"$jobs"
echo "test.sh: build done after ${SECONDS} s"

# libFuzzer needs Clang: a second, small build of just the fuzz targets, with
# the libraries they test instrumented too (coverage guidance, ASan, UBSan).
if [ $# -eq 0 ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" -DIPSEC_FPGA_SYNTH_TESTS=OFF
  cmake --build build-fuzz -j"$jobs" --target fuzz-targets
  ctest --test-dir build-fuzz -L fuzz --output-on-failure
  echo "test.sh: fuzz build and runs done after ${SECONDS} s"
fi

ctest --test-dir build --output-on-failure -j"$jobs" "$@"
echo "test.sh: all tests done after ${SECONDS} s"
