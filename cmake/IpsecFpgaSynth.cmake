# Synthesis checks: yosys + nextpnr-ice40 (--seed 1) on real iCE40 parts.
# Each check is a CTest test (label synth) that fails when synthesis or
# place-and-route fails or the clock target is missed, and leaves its figures
# in ${IPSEC_FPGA_SYNTH_DIR}/<name>.<part>.json for the generated tables.

set(IPSEC_FPGA_SYNTH_DIR ${CMAKE_BINARY_DIR}/synth)
find_program(YOSYS_EXECUTABLE yosys)
find_program(NEXTPNR_ICE40_EXECUTABLE nextpnr-ice40)
# A design aimed at both parts is checked on the UP5K only (the tighter fit
# and the slower fabric) unless this is ON: the HX8K runs double the place
# and route time of the test suite for figures that change rarely. The
# `figures` target documents both; configure with it ON to regenerate them.
option(IPSEC_FPGA_SYNTH_ALL_PARTS "synthesis checks on every part a design names" OFF)

# ipsec_fpga_synth(<name> TOP <module> RTL <files...>
#                  [FREQ_UP5K <MHz>] [FREQ_HX8K <MHz>]
#                  [MAX_LC_UP5K <n>] [MAX_LC_HX8K <n>]
#                  [PARAMS <NAME=value>...])
# Adds synth.<name>.up5k (iCE40UP5K-SG48) and synth.<name>.hx8k
# (iCE40HX8K-CT256) for each part given a frequency (the HX8K one only when
# it is the design's only part, or with IPSEC_FPGA_SYNTH_ALL_PARTS). The check fails when the
# clock target is missed or the design takes more logic cells than its budget.
# PARAMS override parameters of the top module (yosys chparam), so one wrapper
# can be measured in several configurations under different names.
function(ipsec_fpga_synth name)
  cmake_parse_arguments(S "" "TOP;FREQ_UP5K;FREQ_HX8K;MAX_LC_UP5K;MAX_LC_HX8K" "RTL;PARAMS" ${ARGN})
  if(NOT IPSEC_FPGA_SYNTH_TESTS)
    return()
  endif()
  if(NOT YOSYS_EXECUTABLE OR NOT NEXTPNR_ICE40_EXECUTABLE)
    message(WARNING "yosys or nextpnr-ice40 not found: synthesis check ${name} not added")
    return()
  endif()
  string(REPLACE ";" "|" rtl_list "${S_RTL}")
  string(REPLACE ";" "|" param_list "${S_PARAMS}")
  foreach(part up5k hx8k)
    string(TOUPPER ${part} PART)
    set(freq ${S_FREQ_${PART}})
    if(NOT freq)
      continue()
    endif()
    if(part STREQUAL "hx8k" AND S_FREQ_UP5K AND NOT IPSEC_FPGA_SYNTH_ALL_PARTS)
      continue()
    endif()
    set(max_lc ${S_MAX_LC_${PART}})
    if(NOT max_lc)
      set(max_lc 0)
    endif()
    add_test(NAME synth.${name}.${part}
             COMMAND ${CMAKE_COMMAND}
                     -DNAME=${name} -DTOP=${S_TOP} -DPART=${part} -DFREQ=${freq} -DMAX_LC=${max_lc}
                     "-DRTL=${rtl_list}" "-DPARAMS=${param_list}" -DOUT_DIR=${IPSEC_FPGA_SYNTH_DIR}
                     -DYOSYS=${YOSYS_EXECUTABLE} -DNEXTPNR=${NEXTPNR_ICE40_EXECUTABLE}
                     -P ${CMAKE_SOURCE_DIR}/cmake/synth_ice40.cmake)
    set_tests_properties(synth.${name}.${part} PROPERTIES LABELS synth TIMEOUT 2400)
  endforeach()
endfunction()
