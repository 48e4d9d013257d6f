# Warnings for the project's own C++. Verilator's generated code is compiled
# into the same targets, so testbenches apply these per source file instead.
set(IPSEC_FPGA_CXX_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
add_library(ipsec_fpga_warnings INTERFACE)
target_compile_options(ipsec_fpga_warnings INTERFACE ${IPSEC_FPGA_CXX_WARNINGS})
