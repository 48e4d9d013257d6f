# One yosys run for the synthesis scripts (synth_ice40, board_bitstream,
# board_synth_only): the script's log goes to <work>/yosys.log and
# <error_var> is set to why the run failed, or to "" when it did not. Yosys
# only warns about a net with two drivers and then silently drops logic (a
# whole AES core once; Verilator does not always see it), so that is a
# failure too. Uses the caller's YOSYS.
function(ipsec_fpga_yosys_checked work script error_var)
  execute_process(COMMAND ${YOSYS} -q -l ${work}/yosys.log -p "${script}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    set(${error_var} "yosys failed (exit ${rc}), see ${work}/yosys.log" PARENT_SCOPE)
    return()
  endif()
  file(STRINGS ${work}/yosys.log conflicts REGEX "multiple conflicting drivers")
  if(conflicts)
    list(GET conflicts 0 first_conflict)
    set(${error_var} "yosys found multiple drivers: ${first_conflict} (see ${work}/yosys.log)"
        PARENT_SCOPE)
    return()
  endif()
  set(${error_var} "" PARENT_SCOPE)
endfunction()

# The iCE40 flip-flops (every SB_DFF* cell) in a yosys `stat -json` file.
function(ipsec_fpga_yosys_ice40_flip_flops stat_file out_var)
  file(READ ${stat_file} stat)
  string(JSON cell_types GET "${stat}" design num_cells_by_type)
  string(JSON type_count LENGTH "${cell_types}")
  set(ff 0)
  math(EXPR last "${type_count} - 1")
  foreach(i RANGE ${last})
    string(JSON type MEMBER "${cell_types}" ${i})
    if(type MATCHES "^SB_DFF")
      string(JSON count GET "${cell_types}" ${type})
      math(EXPR ff "${ff} + ${count}")
    endif()
  endforeach()
  set(${out_var} ${ff} PARENT_SCOPE)
endfunction()
