#!/usr/bin/env bash
# The main job: installs the dependencies, builds the `ipsec-fpga` program and
# runs `ipsec-fpga demo`: a real IPsec tunnel between ipsec-fpga on the
# simulated board (the Verilated RTL: host link and ESP engine, in-process)
# and a strongSwan peer, in network namespaces it creates and removes. It
# brings the tunnel up with IKEv1, pings and sends a verified TCP transfer
# through it, and prints the IPSec log, the SA table read back from the
# board, a throughput summary and tshark's verdict on the captured ESP.
# Needs root (namespaces). Arguments go to `ipsec-fpga demo` (see --help):
# e.g. `scripts/demo.sh --suite 3des-sha1 --role responder`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
export CCACHE_DIR="$PWD/build/.ccache" CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache
cmake --build build -j"$(nproc)" --target ipsec-fpga
exec build/host/cli/ipsec-fpga demo "$@"
