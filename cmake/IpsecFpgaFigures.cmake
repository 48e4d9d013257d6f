# `figures`: reruns what the generated pages in docs/figures/ come from (the
# synthesis checks, the core, ESP engine, host link and throughput benchmarks, the strongSwan
# interop matrix) and
# rewrites those pages. Included after every layer, so all targets exist.
set(figures_dir ${CMAKE_SOURCE_DIR}/docs/figures)
if(NOT IPSEC_FPGA_SYNTH_ALL_PARTS)
  # The tables have a row per part: a partial run would silently drop rows.
  add_custom_target(figures
    COMMAND ${CMAKE_COMMAND} -E echo "figures: configure with -DIPSEC_FPGA_SYNTH_ALL_PARTS=ON first"
    COMMAND ${CMAKE_COMMAND} -E false)
  return()
endif()
set(interop_matrix ${CMAKE_BINARY_DIR}/tests/interop/ike-interop-matrix.md)
add_custom_target(figures
  COMMAND ${CMAKE_CTEST_COMMAND} -L synth --output-on-failure -j2
  COMMAND ${CMAKE_COMMAND} -DIN_DIR=${IPSEC_FPGA_SYNTH_DIR}
          -DOUTPUT=${figures_dir}/crypto-cores-ice40.md -P ${CMAKE_SOURCE_DIR}/cmake/synth_table.cmake
  COMMAND $<TARGET_FILE:ipsec-fpga-core-bench> --markdown ${figures_dir}/crypto-cores-bench.md
  COMMAND $<TARGET_FILE:ipsec-fpga-esp-bench> --markdown ${figures_dir}/esp-engine-bench.md
  COMMAND $<TARGET_FILE:ipsec-fpga-link-bench> --markdown ${figures_dir}/host-link-bench.md
  COMMAND $<TARGET_FILE:ipsec-fpga-bench> --no-progress --csv ${figures_dir}/throughput.csv
          --png ${figures_dir}/throughput.png --markdown ${figures_dir}/throughput.md
  COMMAND ${CMAKE_CTEST_COMMAND} -R "^interop[.]ike[.]strongswan$" --output-on-failure
  COMMAND ${CMAKE_COMMAND} "-DTITLE=IKEv1 interop with strongSwan"
          -DSOURCE=tests/interop/strongswan_interop.sh -DIN=${interop_matrix}
          -DOUTPUT=${figures_dir}/ike-interop.md -P ${CMAKE_SOURCE_DIR}/cmake/generated_page.cmake
  DEPENDS ipsec-fpga-core-bench ipsec-fpga-esp-bench ipsec-fpga-link-bench ipsec-fpga-bench
          ike_udp_peer
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Rerunning synthesis, benchmarks and interop; rewriting docs/figures/"
  VERBATIM)
# The board bitstreams' table (docs/figures/boards.md) is rewritten with them.
if(TARGET board-figures)
  add_dependencies(figures board-figures)
endif()
