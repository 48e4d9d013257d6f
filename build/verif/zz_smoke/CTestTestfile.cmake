# CMake generated Testfile for 
# Source directory: /work/main/verif/zz_smoke
# Build directory: /work/main/build/verif/zz_smoke
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[rtl.tb_zz_smoke]=] "/work/main/build/verif/zz_smoke/tb_zz_smoke" "--report_level=short")
set_tests_properties([=[rtl.tb_zz_smoke]=] PROPERTIES  LABELS "rtl;" TIMEOUT "600" _BACKTRACE_TRIPLES "/work/main/cmake/IpsecFpgaRtl.cmake;39;add_test;/work/main/verif/zz_smoke/CMakeLists.txt;1;ipsec_fpga_rtl_testbench;/work/main/verif/zz_smoke/CMakeLists.txt;0;")
