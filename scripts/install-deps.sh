#!/usr/bin/env bash
# Installs every Debian 12 package the project needs to build, test and
# synthesize. Called by the README's set-up and by .ci/run; safe to re-run.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config clang-format ccache
  # libFuzzer targets (Clang's sanitizer runtime)
  clang libclang-rt-14-dev
  # RTL simulation and lint
  verilator
  # iCE40 synthesis, place and route, bitstreams
  yosys nextpnr-ice40 fpga-icestorm
  # loading bitstreams (ipsec-fpga board program): iceprog is in fpga-icestorm
  openfpgaloader
  # host libraries
  libssl-dev libboost-test-dev libboost-program-options-dev libusb-1.0-0-dev libtoml11-dev
  # interop and packet checks
  strongswan-charon strongswan-swanctl libcharon-extra-plugins libstrongswan-standard-plugins
  tshark iproute2 iputils-ping
  # throughput charts (ipsec-fpga bench --png)
  gnuplot-nox
  # generators of committed tables (ROMs, layouts)
  python3
)

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: must run as root (apt-get install)" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps.sh: all ${#packages[@]} packages already installed"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer it up front.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
