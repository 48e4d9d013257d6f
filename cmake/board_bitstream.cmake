# Builds one configuration of one iCE40 board: yosys synth_ice40 -> nextpnr-ice40
# (the board's part, package, pin file and clock; --seed 1) -> icepack. Run by
# the bitstream.<board>.<configuration> CTest tests and targets
# (cmake/IpsecFpgaBitstream.cmake) and by `ipsec-fpga board build`
# (host/board/), so both run the same flow. docs/boards.md.
#
#   cmake -DSOURCE_DIR=<repo> -DBOARD=<board> -DCONFIG=<configuration> -DOUT_DIR=<dir>
#         [-DYOSYS=yosys] [-DNEXTPNR=nextpnr-ice40] [-DICEPACK=icepack] [-DSEED=1]
#         [-DCLOCK_MHZ=<MHz>] [-DALLOW_FAIL=ON] -P cmake/board_bitstream.cmake
#
# Fails when synthesis fails, when the design does not fit the part (the
# message names each resource over), or when a clock misses its target (the
# message gives the clock, its Fmax and the shortfall). Whatever the outcome,
# OUT_DIR/<board>/<configuration>/result.json says it (status ok,
# does_not_fit, timing_failed or synthesis_failed, and the figures nextpnr
# got to), for docs/figures/boards.md and `ipsec-fpga board list`. The
# bitstream is <board>-<configuration>.bin there, written only when the build
# passed. ALLOW_FAIL=ON reports a failure without failing (the figures
# target's runs of boards that are known not to fit).

cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/board_conf.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/yosys_checked.cmake)
foreach(var SOURCE_DIR BOARD CONFIG OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "board_bitstream.cmake: -D${var}= is required")
  endif()
endforeach()
foreach(tool YOSYS NEXTPNR ICEPACK)
  string(TOLOWER ${tool} default)
  if(tool STREQUAL "NEXTPNR")
    set(default nextpnr-ice40)
  endif()
  if(NOT ${tool})
    set(${tool} ${default})
  endif()
endforeach()
if(NOT SEED)
  set(SEED 1)
endif()

set(board_dir ${SOURCE_DIR}/boards/${BOARD})
ipsec_fpga_read_board_conf(${board_dir}/board.conf b)
if(NOT b_family STREQUAL "ice40")
  message(FATAL_ERROR "${BOARD}: family '${b_family}' is not built here (only ice40 is: see ${board_dir}/README.md)")
endif()
string(REPLACE " " ";" configurations "${b_configurations}")
if(NOT CONFIG IN_LIST configurations)
  message(FATAL_ERROR "${BOARD}: no configuration '${CONFIG}' (it has: ${b_configurations})")
endif()
set(top ${b_${CONFIG}_top})
# CLOCK_MHZ= overrides the board's clock (to see how far a build is from a
# faster clock; tests use it to check that a miss fails).
if(CLOCK_MHZ)
  set(b_clock_mhz ${CLOCK_MHZ})
endif()
set(name ${BOARD}-${CONFIG})
set(work ${OUT_DIR}/${BOARD}/${CONFIG})
file(MAKE_DIRECTORY ${work})
file(REMOVE ${work}/result.json ${work}/${name}.bin ${work}/${name}.asc ${work}/report.json)

# Writes result.json with what is known so far and, unless the build passed,
# stops with `message` (or only prints it with ALLOW_FAIL).
set(r_lc 0)
set(r_lc_available 0)
set(r_ff 0)
set(r_ebr 0)
set(r_ebr_available 0)
set(r_spram 0)
set(r_fmax 0)
macro(finish status message)
  file(WRITE ${work}/result.json "{
  \"board\": \"${BOARD}\", \"configuration\": \"${CONFIG}\", \"top\": \"${top}\",
  \"part\": \"${b_part}\", \"clock_mhz\": ${b_clock_mhz}, \"fits_expected\": \"${b_${CONFIG}_fits}\",
  \"status\": \"${status}\", \"message\": \"${message}\",
  \"lc\": ${r_lc}, \"lc_available\": ${r_lc_available}, \"ff\": ${r_ff},
  \"ebr\": ${r_ebr}, \"ebr_available\": ${r_ebr_available}, \"spram\": ${r_spram},
  \"fmax_mhz\": \"${r_fmax}\", \"seed\": ${SEED}
}
")
  if("${status}" STREQUAL "ok")
    message("${name}: ${message}")
  elseif(ALLOW_FAIL)
    message("${name}: FAILED (${status}): ${message}")
    return()
  else()
    message(FATAL_ERROR "${name}: ${message}")
  endif()
endmacro()

# ---- yosys ----
ipsec_fpga_board_sources(${SOURCE_DIR} ${BOARD} source_args)
set(chparams "")
if(b_${CONFIG}_params)
  string(REPLACE " " ";" params "${b_${CONFIG}_params}")
  foreach(param ${params})
    if(NOT param MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=(.+)$")
      message(FATAL_ERROR "${BOARD}: ${CONFIG}.params entry '${param}' is not NAME=value")
    endif()
    string(APPEND chparams " -chparam ${CMAKE_MATCH_1} ${CMAKE_MATCH_2}")
  endforeach()
endif()
set(includes "-I${SOURCE_DIR}/rtl/link -I${SOURCE_DIR}/rtl/sa -I${SOURCE_DIR}/rtl/esp")
message("${name}: yosys synth_ice40 -top ${top}")
ipsec_fpga_yosys_checked(${work}
  "read_verilog -defer ${includes} ${source_args}; hierarchy -top ${top}${chparams}; synth_ice40 -top ${top} -json ${work}/netlist.json; tee -q -o ${work}/stat.json stat -json"
  yosys_error)
if(yosys_error)
  finish(synthesis_failed "${yosys_error}")
endif()
ipsec_fpga_yosys_ice40_flip_flops(${work}/stat.json r_ff)

# ---- nextpnr ----
# --timing-allow-fail: nextpnr writes its report either way; the clocks are
# checked below, so a miss still fails, with the figures.
message("${name}: nextpnr-ice40 --${b_device} --package ${b_package} --freq ${b_clock_mhz} --seed ${SEED}")
execute_process(
  COMMAND ${NEXTPNR} --${b_device} --package ${b_package} --pcf ${board_dir}/${b_constraints}
          --freq ${b_clock_mhz} --seed ${SEED} --json ${work}/netlist.json --asc ${work}/${name}.asc
          --report ${work}/report.json --timing-allow-fail -q -l ${work}/nextpnr.log
  RESULT_VARIABLE rc)
# nextpnr prints the device utilisation after packing, before it places:
# "Info: <tab> ICESTORM_LC: 14000/ 5280   265%".
file(STRINGS ${work}/nextpnr.log utilisation REGEX "^Info:[ \t]+[A-Z_0-9]+: +[0-9]+/ *[0-9]+ +[0-9]+%")
set(overflow "")
foreach(line ${utilisation})
  string(REGEX MATCH "([A-Z_0-9]+): +([0-9]+)/ *([0-9]+) +([0-9]+)%" _ "${line}")
  set(bel ${CMAKE_MATCH_1})
  set(used ${CMAKE_MATCH_2})
  set(available ${CMAKE_MATCH_3})
  if(bel STREQUAL "ICESTORM_LC")
    set(r_lc ${used})
    set(r_lc_available ${available})
  elseif(bel STREQUAL "ICESTORM_RAM")
    set(r_ebr ${used})
    set(r_ebr_available ${available})
  elseif(bel STREQUAL "ICESTORM_SPRAM")
    set(r_spram ${used})
  endif()
  if(used GREATER available)
    if(overflow)
      string(APPEND overflow ", ")
    endif()
    string(APPEND overflow "${bel} ${used} of ${available} (${CMAKE_MATCH_4}%)")
  endif()
endforeach()
if(overflow)
  finish(does_not_fit "does not fit the ${b_part}: ${overflow}")
endif()
if(NOT rc EQUAL 0)
  finish(place_and_route_failed "nextpnr-ice40 failed (exit ${rc}), see ${work}/nextpnr.log")
endif()

# Every clock in the report against its constraint.
file(READ ${work}/report.json report)
string(JSON clock_count LENGTH "${report}" fmax)
set(missed "")
set(r_fmax 0)
if(clock_count EQUAL 0)
  finish(timing_failed "nextpnr reports no clock: is the clock pin in ${b_constraints}?")
endif()
math(EXPR last "${clock_count} - 1")
foreach(i RANGE ${last})
  string(JSON clock MEMBER "${report}" fmax ${i})
  string(JSON achieved GET "${report}" fmax ${clock} achieved)
  string(JSON constraint GET "${report}" fmax ${clock} constraint)
  string(REGEX MATCH "^[0-9]+(\\.[0-9][0-9]?)?" achieved "${achieved}")
  string(REGEX MATCH "^[0-9]+(\\.[0-9][0-9]?)?" constraint "${constraint}")
  if(i EQUAL 0 OR achieved LESS r_fmax)
    set(r_fmax ${achieved})
  endif()
  # The pin file's set_frequency wins over --freq in nextpnr: check both.
  if(constraint LESS b_clock_mhz)
    set(constraint ${b_clock_mhz})
  endif()
  if(achieved LESS constraint)
    if(missed)
      string(APPEND missed ", ")
    endif()
    string(REGEX REPLACE "[$].*" "" clock_pin "${clock}")
    string(APPEND missed "clock ${clock_pin} reaches ${achieved} MHz, ${constraint} MHz needed")
  endif()
endforeach()
if(missed)
  finish(timing_failed "timing not met: ${missed}")
endif()

# ---- icepack ----
execute_process(COMMAND ${ICEPACK} ${work}/${name}.asc ${work}/${name}.bin RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  finish(pack_failed "icepack failed (exit ${rc})")
endif()
file(REMOVE ${work}/${name}.asc)
finish(ok "${r_lc}/${r_lc_available} LC, ${r_ff} FF, ${r_ebr}/${r_ebr_available} EBR, ${r_spram} SPRAM, Fmax ${r_fmax} MHz (clock ${b_clock_mhz} MHz); ${work}/${name}.bin")
