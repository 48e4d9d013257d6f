#!/bin/sh
# ULX3S bitstream: yosys synth_ecp5 -> nextpnr-ecp5 (LFE5U-85F, CABGA381,
# speed 6, the pin file, 25 MHz, --seed 1) -> ecppack. nextpnr-ecp5 and
# ecppack (Project Trellis) are not in Debian 12: this script is shipped for
# users who have them (e.g. the OSS CAD Suite) and was NOT run here (README.md).
# Fails when place and route fails or the 25 MHz clock is not met.
# Usage: boards/ulx3s/build.sh [OUT_DIR]   (default: build/boards/ulx3s/engine)
# Load: openFPGALoader -b ulx3s OUT_DIR/ulx3s-engine.bit  (SRAM; -f for flash)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/build/boards/ulx3s/engine}
mkdir -p "$out"
cd "$repo"
for tool in yosys nextpnr-ecp5 ecppack; do
  command -v "$tool" >/dev/null || { echo "ulx3s: $tool not found (Project Trellis / OSS CAD Suite)" >&2; exit 1; }
done
sources=$(ls rtl/boards/*.v rtl/link/*.v rtl/esp/*.v rtl/sa/*.v rtl/crypto/*.v boards/common/*.v boards/ulx3s/*.v)
yosys -q -l "$out/yosys.log" -p "read_verilog -defer -Irtl/link -Irtl/sa -Irtl/esp $(echo $sources); \
  hierarchy -top ulx3s_top; synth_ecp5 -top ulx3s_top -json $out/netlist.json"
# Without --timing-allow-fail nextpnr fails when the clock is missed.
nextpnr-ecp5 --85k --package CABGA381 --speed 6 --lpf boards/ulx3s/ulx3s.lpf --freq 25 --seed 1 \
  --json "$out/netlist.json" --textcfg "$out/ulx3s-engine.config" --report "$out/report.json" \
  -l "$out/nextpnr.log"
ecppack --compress "$out/ulx3s-engine.config" "$out/ulx3s-engine.bit"
echo "ulx3s: $out/ulx3s-engine.bit"
