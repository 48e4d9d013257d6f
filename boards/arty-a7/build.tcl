# Arty A7-100T bitstream with Vivado in non-project mode:
#   vivado -mode batch -source boards/arty-a7/build.tcl [-tclargs OUT_DIR]
# (default OUT_DIR: build/boards/arty-a7/engine). Vivado is not in Debian 12:
# this script is shipped for users who have it and was NOT run here
# (README.md). Fails when implementation fails or timing is not met at
# 100 MHz. Load: openFPGALoader -b arty_a7_100t OUT_DIR/arty_a7-engine.bit
set here [file dirname [file normalize [info script]]]
set repo [file normalize [file join $here .. ..]]
set out [file join $repo build boards arty-a7 engine]
if {$argc > 0} { set out [file normalize [lindex $argv 0]] }
file mkdir $out

set sources {}
foreach dir {rtl/boards rtl/link rtl/esp rtl/sa rtl/crypto boards/common boards/arty-a7} {
  set sources [concat $sources [lsort [glob -nocomplain [file join $repo $dir *.v]]]]
}
read_verilog $sources
read_xdc [file join $here arty_a7.xdc]
synth_design -top arty_a7_top -part xc7a100tcsg324-1 \
  -include_dirs [list [file join $repo rtl link] [file join $repo rtl sa] [file join $repo rtl esp]]
opt_design
place_design
phys_opt_design
route_design
report_utilization -file [file join $out utilization.rpt]
report_timing_summary -file [file join $out timing.rpt]
set wns [get_property SLACK [get_timing_paths -delay_type max -max_paths 1]]
if {$wns < 0} {
  error "arty-a7: timing not met at 100 MHz: worst negative slack $wns ns (see $out/timing.rpt)"
}
write_bitstream -force [file join $out arty_a7-engine.bit]
puts "arty-a7: [file join $out arty_a7-engine.bit] (WNS $wns ns)"
