# CMake generated Testfile for 
# Source directory: /work/main/rtl
# Build directory: /work/main/build/rtl
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[lint.zz_smoke]=] "/usr/bin/verilator" "--lint-only" "-Wall" "-y" "/work/main/rtl/crypto" "-y" "/work/main/rtl/esp" "-y" "/work/main/rtl/sa" "-y" "/work/main/rtl/link" "-y" "/work/main/rtl/synth" "--top-module" "zz_smoke" "/work/main/rtl/crypto/zz_smoke.v")
set_tests_properties([=[lint.zz_smoke]=] PROPERTIES  LABELS "lint" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/main/rtl/CMakeLists.txt;10;add_test;/work/main/rtl/CMakeLists.txt;0;")
