# CMake generated Testfile for 
# Source directory: /work/main/verif
# Build directory: /work/main/build/verif
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("common")
subdirs("zz_smoke")
