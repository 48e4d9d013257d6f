# Board bitstreams (docs/boards.md). Included from boards/CMakeLists.txt.
#
# ipsec_fpga_board(<board>) reads boards/<board>/board.conf and, for an iCE40
# board, for each of its configurations:
#  - a target bitstream.<board>.<configuration> (not built by default) that
#    runs cmake/board_bitstream.cmake: yosys synth_ice40, nextpnr-ice40 (the
#    board's part, package, pin file and clock, --seed 1; failing when the
#    design does not fit or a clock misses its target), icepack. Output:
#    ${IPSEC_FPGA_BOARDS_DIR}/<board>/<configuration>/<board>-<configuration>.bin
#    and result.json;
#  - a CTest test of the same name (labels synth;board) that builds it, but
#    only for a configuration whose description says `fits = yes`: a build
#    that is known not to fit has no test (it could only fail, or be made to
#    pass by pretending). `ipsec-fpga board build` builds any configuration
#    and says which resource overflowed.
# Boards of other families (ecp5, xilinx) are only listed: their flows are
# not installed here (their READMEs say what was run).
#
# board-figures: builds every fitting configuration and rewrites
# docs/figures/boards.md from the result.json files; with
# IPSEC_FPGA_SYNTH_ALL_PARTS it also tries the configurations that do not fit
# (each whole-engine build costs 5-8 minutes of yosys) so the table shows by
# how much.

include(${CMAKE_CURRENT_LIST_DIR}/board_conf.cmake)
set(IPSEC_FPGA_BOARDS_DIR ${CMAKE_BINARY_DIR}/boards)
find_program(ICEPACK_EXECUTABLE icepack)

function(ipsec_fpga_board board)
  set(board_dir ${CMAKE_SOURCE_DIR}/boards/${board})
  ipsec_fpga_read_board_conf(${board_dir}/board.conf b)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${board_dir}/board.conf)
  if(NOT b_family STREQUAL "ice40")
    # ECP5 / Xilinx: their place and route is not installed here. yosys
    # gives their resource figures (minutes per whole engine): only with
    # IPSEC_FPGA_SYNTH_ALL_PARTS.
    if(IPSEC_FPGA_SYNTH_ALL_PARTS AND YOSYS_EXECUTABLE)
      string(REPLACE " " ";" configurations "${b_configurations}")
      foreach(config ${configurations})
        set(command ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DBOARD=${board} -DCONFIG=${config}
                    -DOUT_DIR=${IPSEC_FPGA_BOARDS_DIR} -DYOSYS=${YOSYS_EXECUTABLE}
                    -P ${CMAKE_SOURCE_DIR}/cmake/board_synth_only.cmake)
        if(IPSEC_FPGA_SYNTH_TESTS)
          add_test(NAME synth.board.${board}.${config} COMMAND ${command})
          set_tests_properties(synth.board.${board}.${config} PROPERTIES LABELS "synth;board" TIMEOUT 7200)
        endif()
        string(JOIN "|" step ${command})
        set_property(GLOBAL APPEND PROPERTY IPSEC_FPGA_BOARD_FIGURE_STEPS "${step}")
      endforeach()
    endif()
    return()
  endif()
  if(NOT YOSYS_EXECUTABLE OR NOT NEXTPNR_ICE40_EXECUTABLE OR NOT ICEPACK_EXECUTABLE)
    message(WARNING "yosys, nextpnr-ice40 or icepack not found: no bitstreams for ${board}")
    return()
  endif()
  string(REPLACE " " ";" configurations "${b_configurations}")
  foreach(config ${configurations})
    set(command ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DBOARD=${board} -DCONFIG=${config}
                -DOUT_DIR=${IPSEC_FPGA_BOARDS_DIR} -DYOSYS=${YOSYS_EXECUTABLE}
                -DNEXTPNR=${NEXTPNR_ICE40_EXECUTABLE} -DICEPACK=${ICEPACK_EXECUTABLE})
    set(script -P ${CMAKE_SOURCE_DIR}/cmake/board_bitstream.cmake)
    add_custom_target(bitstream.${board}.${config} COMMAND ${command} ${script} VERBATIM)
    if(b_${config}_fits STREQUAL "yes")
      if(IPSEC_FPGA_SYNTH_TESTS)
        add_test(NAME bitstream.${board}.${config} COMMAND ${command} ${script})
        set_tests_properties(bitstream.${board}.${config} PROPERTIES LABELS "synth;board" TIMEOUT 1800)
      endif()
      string(JOIN "|" step ${command} ${script})
      set_property(GLOBAL APPEND PROPERTY IPSEC_FPGA_BOARD_FIGURE_STEPS "${step}")
    elseif(b_${config}_fits STREQUAL "no")
      if(IPSEC_FPGA_SYNTH_ALL_PARTS)
        string(JOIN "|" step ${command} -DALLOW_FAIL=ON ${script})
        set_property(GLOBAL APPEND PROPERTY IPSEC_FPGA_BOARD_FIGURE_STEPS "${step}")
      endif()
    else()
      message(FATAL_ERROR "${board_dir}/board.conf: ${config}.fits must be yes or no")
    endif()
  endforeach()
endfunction()

# After every ipsec_fpga_board(): the board-figures target.
function(ipsec_fpga_board_figures)
  get_property(steps GLOBAL PROPERTY IPSEC_FPGA_BOARD_FIGURE_STEPS)
  set(commands)
  foreach(step ${steps})
    # Each step is one command line, its words joined by "|".
    string(REPLACE "|" ";" words "${step}")
    list(APPEND commands COMMAND ${words})
  endforeach()
  add_custom_target(board-figures
    ${commands}
    COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DIN_DIR=${IPSEC_FPGA_BOARDS_DIR}
            -DOUTPUT=${CMAKE_SOURCE_DIR}/docs/figures/boards.md
            -P ${CMAKE_SOURCE_DIR}/cmake/boards_table.cmake
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
    COMMENT "Building the board bitstreams; rewriting docs/figures/boards.md"
    VERBATIM)
endfunction()
