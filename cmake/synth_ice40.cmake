# Runs yosys and nextpnr-ice40 for one design on one part and writes the
# figures as JSON. Invoked by the synth.* CTest tests (see IpsecFpgaSynth.cmake).
# Inputs: NAME TOP PART(up5k|hx8k) FREQ(MHz) MAX_LC(0 = no budget) RTL(|-separated)
#         PARAMS(|-separated NAME=value, may be empty) OUT_DIR YOSYS NEXTPNR

include(${CMAKE_CURRENT_LIST_DIR}/yosys_checked.cmake)
string(REPLACE "|" ";" rtl_files "${RTL}")
set(work ${OUT_DIR}/${NAME}.${PART})
file(MAKE_DIRECTORY ${work})
if(PART STREQUAL "up5k")
  set(package sg48)
elseif(PART STREQUAL "hx8k")
  set(package ct256)
else()
  message(FATAL_ERROR "unknown iCE40 part '${PART}' (expected up5k or hx8k)")
endif()

string(JOIN " " rtl_args ${rtl_files})
set(chparams "")
if(PARAMS)
  string(REPLACE "|" ";" params "${PARAMS}")
  foreach(param ${params})
    if(NOT param MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=(.+)$")
      message(FATAL_ERROR "${NAME}: PARAMS entry '${param}' is not NAME=value")
    endif()
    string(APPEND chparams "chparam -set ${CMAKE_MATCH_1} ${CMAKE_MATCH_2} ${TOP}; ")
  endforeach()
endif()
ipsec_fpga_yosys_checked(${work}
  "read_verilog ${rtl_args}; ${chparams}synth_ice40 -top ${TOP} -json ${work}/netlist.json; tee -q -o ${work}/stat.json stat -json"
  yosys_error)
if(yosys_error)
  message(FATAL_ERROR "${NAME}: ${yosys_error}")
endif()

execute_process(
  COMMAND ${NEXTPNR} --${PART} --package ${package} --seed 1 --freq ${FREQ}
          --json ${work}/netlist.json --report ${work}/report.json
          --pcf-allow-unconstrained --timing-allow-fail -q -l ${work}/nextpnr.log
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NAME}: nextpnr-ice40 --${PART} failed (${rc}), see ${work}/nextpnr.log")
endif()

file(READ ${work}/report.json report)
string(JSON lc_used GET "${report}" utilization ICESTORM_LC used)
string(JSON lc_available GET "${report}" utilization ICESTORM_LC available)
string(JSON ebr_used GET "${report}" utilization ICESTORM_RAM used)
string(JSON ebr_available GET "${report}" utilization ICESTORM_RAM available)
set(spram_used 0)
if(PART STREQUAL "up5k")
  string(JSON spram_used GET "${report}" utilization ICESTORM_SPRAM used)
endif()
# The design's clock is the first (usually only) entry of fmax.
string(JSON clock_name MEMBER "${report}" fmax 0)
string(JSON fmax GET "${report}" fmax ${clock_name} achieved)

# Flip-flops from yosys' statistics.
ipsec_fpga_yosys_ice40_flip_flops(${work}/stat.json ff)

# if() compares numbers as doubles, so fractional MHz work.
string(REGEX MATCH "^[0-9]+(\\.[0-9][0-9]?)?" fmax "${fmax}")
if(fmax LESS FREQ)
  set(met false)
else()
  set(met true)
endif()

file(WRITE ${OUT_DIR}/${NAME}.${PART}.json "{
  \"name\": \"${NAME}\", \"top\": \"${TOP}\", \"part\": \"${PART}\",
  \"lc\": ${lc_used}, \"lc_available\": ${lc_available}, \"ff\": ${ff},
  \"ebr\": ${ebr_used}, \"ebr_available\": ${ebr_available}, \"spram\": ${spram_used},
  \"fmax_mhz\": \"${fmax}\", \"target_mhz\": ${FREQ}, \"timing_met\": ${met},
  \"lc_budget\": ${MAX_LC}
}
")
message("${NAME} on ${PART}: ${lc_used}/${lc_available} LC, ${ff} FF, ${ebr_used} EBR, "
        "${spram_used} SPRAM, Fmax ${fmax} MHz (target ${FREQ} MHz)")
if(NOT met)
  message(FATAL_ERROR "${NAME} on ${PART}: timing not met: ${fmax} MHz < ${FREQ} MHz")
endif()
if(MAX_LC GREATER 0 AND lc_used GREATER MAX_LC)
  message(FATAL_ERROR "${NAME} on ${PART}: ${lc_used} logic cells, over its budget of ${MAX_LC}")
endif()
