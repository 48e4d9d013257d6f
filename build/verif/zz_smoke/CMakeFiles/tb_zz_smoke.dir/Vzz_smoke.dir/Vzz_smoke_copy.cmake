# Verilated -*- CMake -*-
# DESCRIPTION: Verilator output: CMake include script with class lists
#
# This CMake script lists generated Verilated files, for including in higher level CMake scripts.
# This file is meant to be consumed by the verilate() function,
# which becomes available after executing `find_package(verilator).

### Constants...
set(PERL "perl" CACHE FILEPATH "Perl executable (from $PERL)")
set(VERILATOR_ROOT "/usr/share/verilator" CACHE PATH "Path to Verilator kit (from $VERILATOR_ROOT)")

### Compiler flags...
# User CFLAGS (from -CFLAGS on Verilator command line)
set(Vzz_smoke_USER_CFLAGS )
# User LDLIBS (from -LDFLAGS on Verilator command line)
set(Vzz_smoke_USER_LDLIBS "-lz")

### Switches...
# SystemC output mode?  0/1 (from --sc)
set(Vzz_smoke_SC 0)
# Coverage output mode?  0/1 (from --coverage)
set(Vzz_smoke_COVERAGE 0)
# Timing mode?  0/1
set(Vzz_smoke_TIMING 0)
# Threaded output mode?  1/N threads (from --threads)
set(Vzz_smoke_THREADS 1)
# VCD Tracing output mode?  0/1 (from --trace)
set(Vzz_smoke_TRACE_VCD 0)
# FST Tracing output mode? 0/1 (from --trace-fst)
set(Vzz_smoke_TRACE_FST 1)

### Sources...
# Global classes, need linked once per executable
set(Vzz_smoke_GLOBAL "${VERILATOR_ROOT}/include/verilated.cpp" "${VERILATOR_ROOT}/include/verilated_fst_c.cpp" "${VERILATOR_ROOT}/include/verilated_threads.cpp")
# Generated module classes, non-fast-path, compile with low/medium optimization
set(Vzz_smoke_CLASSES_SLOW "/work/main/build/verif/zz_smoke/CMakeFiles/tb_zz_smoke.dir/Vzz_smoke.dir/Vzz_smoke___024root__Slow.cpp" "/work/main/build/verif/zz_smoke/CMakeFiles/tb_zz_smoke.dir/Vzz_smoke.dir/Vzz_smoke___024root__DepSet_h1223b721__0__Slow.cpp")
# Generated module classes, fast-path, compile with highest optimization
set(Vzz_smoke_CLASSES_FAST "/work/main/build/verif/zz_smoke/CMakeFiles/tb_zz_smoke.dir/Vzz_smoke.dir/Vzz_smoke.cpp" "/work/main/build/verif/zz_smoke/CMakeFiles/tb_zz_smoke.dir/Vzz_smoke.dir/Vzz_smoke___024root__DepSet_h5f58f2a1__0.cpp" "/work/main/build/verif/zz_smoke/CMakeFiles/tb_zz_smoke.dir/Vzz_smoke.dir/Vzz_smoke___024root__DepSet_h1223b721__0.cpp")
# Generated support classes, non-fast-path, compile with low/medium optimization
set(Vzz_smoke_SUPPORT_SLOW "/work/main/build/verif/zz_smoke/CMakeFiles/tb_zz_smoke.dir/Vzz_smoke.dir/Vzz_smoke__Syms.cpp" "/work/main/build/verif/zz_smoke/CMakeFiles/tb_zz_smoke.dir/Vzz_smoke.dir/Vzz_smoke__Trace__0__Slow.cpp")
# Generated support classes, fast-path, compile with highest optimization
set(Vzz_smoke_SUPPORT_FAST "/work/main/build/verif/zz_smoke/CMakeFiles/tb_zz_smoke.dir/Vzz_smoke.dir/Vzz_smoke__Trace__0.cpp")
# All dependencies
set(Vzz_smoke_DEPS "/usr/bin/verilator_bin" "/work/main/rtl/crypto/zz_smoke.v")
# User .cpp files (from .cpp's on Verilator command line)
set(Vzz_smoke_USER_CLASSES )
