# Reads a board description (boards/<board>/board.conf: `key = value` lines,
# `#` comments; a configuration's keys are <configuration>.<key>) into
# variables <prefix>_<key>, with the dots of a key turned into underscores:
# `engine.top = icebreaker_top` sets <prefix>_engine_top. Shared by
# cmake/IpsecFpgaBitstream.cmake (configure time) and
# cmake/board_bitstream.cmake (the build); host/board/ reads the same files.
macro(ipsec_fpga_read_board_conf conf_file prefix)
  if(NOT EXISTS ${conf_file})
    message(FATAL_ERROR "no board description ${conf_file}")
  endif()
  file(STRINGS ${conf_file} _board_conf_lines)
  foreach(_board_conf_line IN LISTS _board_conf_lines)
    if(_board_conf_line MATCHES "^[ \t]*(#|$)")
      continue()
    endif()
    if(NOT _board_conf_line MATCHES "^[ \t]*([A-Za-z0-9_.]+)[ \t]*=[ \t]*(.*)$")
      message(FATAL_ERROR "${conf_file}: '${_board_conf_line}' is not `key = value`")
    endif()
    string(REPLACE "." "_" _board_conf_key "${CMAKE_MATCH_1}")
    string(STRIP "${CMAKE_MATCH_2}" ${prefix}_${_board_conf_key})
  endforeach()
endmacro()

# The Verilog a board build reads, in a fixed order: the shared RTL, the
# boards' common modules and the board's own folder. Sets <out_var> to the
# files joined by spaces, for a yosys read_verilog command.
function(ipsec_fpga_board_sources source_dir board out_var)
  set(sources)
  foreach(dir rtl/boards rtl/link rtl/esp rtl/sa rtl/crypto boards/common boards/${board})
    file(GLOB dir_sources ${source_dir}/${dir}/*.v)
    list(SORT dir_sources)
    list(APPEND sources ${dir_sources})
  endforeach()
  string(JOIN " " joined ${sources})
  set(${out_var} "${joined}" PARENT_SCOPE)
endfunction()
