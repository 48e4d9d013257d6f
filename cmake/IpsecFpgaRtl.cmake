# Helpers shared by every RTL testbench, lint check and synthesis check.

set(IPSEC_FPGA_VERILATOR_ARGS -Wall --x-assign unique --x-initial unique -O3)

# ipsec_fpga_verilate(<target> TOP <module> RTL <files...> [PREFIX <Vname>]
#                     [ARGS <verilator args...>])
# Compiles one RTL configuration into <target>. Call it several times with
# different PREFIX/ARGS (e.g. -GUNROLL=1) to test several configurations of
# the same module from one testbench.
function(ipsec_fpga_verilate target)
  cmake_parse_arguments(V "" "TOP;PREFIX" "RTL;ARGS" ${ARGN})
  if(NOT V_PREFIX)
    set(V_PREFIX V${V_TOP})
  endif()
  set(include_dirs)
  foreach(dir crypto esp sa link synth boards)
    list(APPEND include_dirs -y ${IPSEC_FPGA_RTL_DIR}/${dir})
  endforeach()
  verilate(${target}
    SOURCES ${V_RTL}
    TOP_MODULE ${V_TOP}
    PREFIX ${V_PREFIX}
    TRACE_FST
    # Constructors, initial blocks and trace set-up run once: compiling them
    # at -O1 instead of -O3 saves a good part of the build for no run time.
    OPT_SLOW -O1
    VERILATOR_ARGS ${IPSEC_FPGA_VERILATOR_ARGS} ${include_dirs} ${V_ARGS})
endfunction()

# ipsec_fpga_rtl_testbench(<name> SOURCES <c++...> TOP <module> RTL <files...>
#                          [PREFIX <Vname>] [ARGS <verilator args...>]
#                          [LABELS <labels...>] [TIMEOUT <seconds>] [MODEL <library>])
# A Boost.Test executable that drives a Verilated model, registered with CTest
# as rtl.<name>. With MODEL it links an already Verilated model library (see
# verif/models/) instead of verilating TOP/RTL itself.
function(ipsec_fpga_rtl_testbench name)
  cmake_parse_arguments(T "" "TOP;PREFIX;TIMEOUT;MODEL" "SOURCES;RTL;ARGS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ipsec_fpga_verif_common Boost::unit_test_framework)
  set_source_files_properties(${T_SOURCES} PROPERTIES COMPILE_OPTIONS "${IPSEC_FPGA_CXX_WARNINGS}")
  target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK)
  if(T_MODEL)
    # A model library shared with other programs (e.g. the benchmarks):
    # verilated and compiled once for all of them.
    target_link_libraries(${name} PRIVATE ${T_MODEL})
  else()
    ipsec_fpga_verilate(${name} TOP ${T_TOP} RTL ${T_RTL} PREFIX ${T_PREFIX} ARGS ${T_ARGS})
  endif()
  add_test(NAME rtl.${name} COMMAND ${name} --report_level=short)
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set_tests_properties(rtl.${name} PROPERTIES LABELS "rtl;${T_LABELS}" TIMEOUT ${T_TIMEOUT})
endfunction()

# ipsec_fpga_esp_engine_rtl(<var>)
# Sets <var> to every RTL file of esp_engine: rtl/esp/*.v, the SA table and
# the crypto cores, duplicates removed. The board core (verif/link_core) and
# the board tops (verif/board_model) add their own layers in front.
function(ipsec_fpga_esp_engine_rtl var)
  file(GLOB esp_rtl CONFIGURE_DEPENDS ${IPSEC_FPGA_RTL_DIR}/esp/*.v)
  set(files
      ${esp_rtl}
      ${IPSEC_FPGA_RTL_DIR}/sa/sa_table.v
      ${IPSEC_FPGA_RTL_DIR}/sa/sa_memory.v
      ${IPSEC_FPGA_RTL_DIR}/sa/replay_window.v
      ${IPSEC_FPGA_AES_CORE_RTL}
      ${IPSEC_FPGA_TDES_CORE_RTL}
      ${IPSEC_FPGA_SHA1_CORE_RTL}
      ${IPSEC_FPGA_SHA256_CORE_RTL}
      ${IPSEC_FPGA_MD5_CORE_RTL}
      ${IPSEC_FPGA_GHASH_CORE_RTL})
  list(REMOVE_DUPLICATES files)
  set(${var} ${files} PARENT_SCOPE)
endfunction()

# ipsec_fpga_model_library(<library> TOP <module> RTL <files...>
#                          [PREFIX <Vname>] [ARGS <verilator args...>])
# A static library holding one Verilated model, verilated and compiled once
# for every program that links it (testbenches with MODEL <library>,
# benchmarks, the simulated board). Call ipsec_fpga_verilate(<library> ...)
# afterwards to add more models to the same library.
function(ipsec_fpga_model_library library)
  add_library(${library} STATIC)
  ipsec_fpga_verilate(${library} ${ARGN})
endfunction()
