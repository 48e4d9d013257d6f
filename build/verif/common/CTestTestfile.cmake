# CMake generated Testfile for 
# Source directory: /work/main/verif/common
# Build directory: /work/main/build/verif/common
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
