// The `ipsec-fpga` executable (docs/cli.md).
#include <iostream>
#include <string>
#include <vector>

#include "host/cli/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return ipsec_fpga::host::cli_main(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "ipsec-fpga: " << e.what() << "\n";
    return ipsec_fpga::host::exit_failure;
  }
}
