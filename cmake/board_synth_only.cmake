# Resource figures for a board whose place-and-route tools are not installed
# here (family ecp5 or xilinx): yosys synth_ecp5 / synth_xilinx of one
# configuration, no placement, no timing. Run by the synth.board.<board>
# tests (IPSEC_FPGA_SYNTH_ALL_PARTS, cmake/IpsecFpgaBitstream.cmake).
#   cmake -DSOURCE_DIR=<repo> -DBOARD=<board> -DCONFIG=<configuration> -DOUT_DIR=<dir>
#         [-DYOSYS=yosys] -P cmake/board_synth_only.cmake
# -DSTAT_JSON=<file> -DSECONDS=<n> take the figures from the `stat -json` of
# an earlier run of the same yosys commands instead of running yosys again
# (each whole-engine run costs 10-40 minutes here).
# Writes OUT_DIR/<board>/<configuration>/result.json (status synthesized, or
# does_not_fit when a count exceeds the part's, which also fails) with the
# LUT, flip-flop, block RAM and DSP counts and the seconds yosys took.
cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/board_conf.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/yosys_checked.cmake)
if(NOT YOSYS)
  set(YOSYS yosys)
endif()
ipsec_fpga_read_board_conf(${SOURCE_DIR}/boards/${BOARD}/board.conf b)
set(top ${b_${CONFIG}_top})
if(NOT top)
  message(FATAL_ERROR "${BOARD}: no configuration '${CONFIG}'")
endif()
if(b_family STREQUAL "ecp5")
  set(synth synth_ecp5)
elseif(b_family STREQUAL "xilinx")
  # synth_xilinx keeps the hierarchy unless told (and yosys 0.23's stat
  # -json of a hierarchy is not valid JSON): flatten, as synth_ecp5 does.
  set(synth "synth_xilinx -flatten")
else()
  message(FATAL_ERROR "${BOARD}: family '${b_family}' is built by board_bitstream.cmake")
endif()
set(work ${OUT_DIR}/${BOARD}/${CONFIG})
file(MAKE_DIRECTORY ${work})
file(REMOVE ${work}/result.json)
ipsec_fpga_board_sources(${SOURCE_DIR} ${BOARD} source_args)
set(includes "-I${SOURCE_DIR}/rtl/link -I${SOURCE_DIR}/rtl/sa -I${SOURCE_DIR}/rtl/esp")
if(STAT_JSON)
  message("${BOARD}-${CONFIG}: figures from ${STAT_JSON} (yosys ${synth} run earlier)")
  file(READ ${STAT_JSON} stat)
  set(seconds ${SECONDS})
else()
  string(TIMESTAMP start "%s")
  message("${BOARD}-${CONFIG}: yosys ${synth} -top ${top} (no place and route here)")
  ipsec_fpga_yosys_checked(${work}
    "read_verilog -defer ${includes} ${source_args}; hierarchy -top ${top}; ${synth} -top ${top}; tee -q -o ${work}/stat.json stat -json"
    yosys_error)
  string(TIMESTAMP end "%s")
  math(EXPR seconds "${end} - ${start}")
  if(yosys_error)
    message(FATAL_ERROR "${BOARD}-${CONFIG}: ${yosys_error}")
  endif()
  file(READ ${work}/stat.json stat)
endif()
string(JSON cells GET "${stat}" design num_cells_by_type)
string(JSON count LENGTH "${cells}")
math(EXPR last "${count} - 1")
foreach(kind lut ff bram36x2 dsp carry lutram)
  set(${kind} 0)
endforeach()
foreach(i RANGE ${last})
  string(JSON type MEMBER "${cells}" ${i})
  string(JSON n GET "${cells}" ${type})
  set(kind "")
  if(type MATCHES "^(LUT[1-6]|LUT4)$")
    set(kind lut)
  elseif(type MATCHES "^(TRELLIS_FF|FD[A-Z]*)$")
    set(kind ff)
  elseif(type STREQUAL "DP16KD" OR type STREQUAL "RAMB18E1")
    math(EXPR bram36x2 "${bram36x2} + ${n}")  # in half units for RAMB36
  elseif(type STREQUAL "RAMB36E1")
    math(EXPR bram36x2 "${bram36x2} + 2 * ${n}")
  elseif(type MATCHES "^(MULT18X18D|DSP48E1)$")
    set(kind dsp)
  elseif(type MATCHES "^(CCU2C|CARRY4)$")
    set(kind carry)
  elseif(type MATCHES "^(TRELLIS_DPR16X4|RAM[0-9]+[MXS].*)$")
    set(kind lutram)
  endif()
  if(kind)
    math(EXPR ${kind} "${${kind}} + ${n}")
  endif()
endforeach()
if(b_family STREQUAL "ecp5")
  math(EXPR bram "${bram36x2}")  # DP16KD counted one each
  set(bram_name DP16KD)
else()
  math(EXPR bram_half "${bram36x2} % 2")
  math(EXPR bram "${bram36x2} / 2")
  if(bram_half)
    set(bram "${bram}.5")
  endif()
  set(bram_name RAMB36)
endif()
set(status synthesized)
set(message "${lut} LUT, ${ff} FF, ${bram} ${bram_name}, ${dsp} DSP, ${carry} carry, ${lutram} LUT RAM (yosys ${synth}, ${seconds} s; not placed)")
set(over "")
foreach(pair "lut;${lut};${b_luts_available}" "ff;${ff};${b_ffs_available}" "bram;${bram};${b_bram_available}")
  list(GET pair 0 what)
  list(GET pair 1 used)
  list(GET pair 2 available)
  if(available AND used GREATER available)
    string(APPEND over " ${what} ${used} of ${available}")
  endif()
endforeach()
if(over)
  set(status does_not_fit)
  set(message "does not fit the ${b_part}:${over}; ${message}")
endif()
file(WRITE ${work}/result.json "{
  \"board\": \"${BOARD}\", \"configuration\": \"${CONFIG}\", \"top\": \"${top}\",
  \"part\": \"${b_part}\", \"clock_mhz\": ${b_clock_mhz}, \"fits_expected\": \"${b_${CONFIG}_fits}\",
  \"status\": \"${status}\", \"message\": \"${message}\", \"synth\": \"${synth}\",
  \"lut\": ${lut}, \"lut_available\": ${b_luts_available}, \"ff\": ${ff},
  \"bram\": \"${bram}\", \"bram_name\": \"${bram_name}\", \"bram_available\": ${b_bram_available},
  \"dsp\": ${dsp}, \"carry\": ${carry}, \"lutram\": ${lutram}, \"seconds\": ${seconds}
}
")
if(status STREQUAL "does_not_fit")
  message(FATAL_ERROR "${BOARD}-${CONFIG}: ${message}")
endif()
message("${BOARD}-${CONFIG}: ${message}")
