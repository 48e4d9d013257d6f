// The main of the end-to-end tests that run the ipsec-fpga executable
// (demo_test, ipsec_fpga_test): e2e_main.hpp, plus where the executable is
// ($E2E_IPSEC_FPGA, else the build's IPSEC_FPGA_PROGRAM) and the extra skip
// reason (no executable, or no `run` subcommand). Include it instead of
// e2e_main.hpp.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "host/lab/ipsec_fpga_gateway.hpp"

namespace e2e {

inline std::string program() {
  if (const char* p = std::getenv("E2E_IPSEC_FPGA")) return p;
#ifdef IPSEC_FPGA_PROGRAM
  return IPSEC_FPGA_PROGRAM;
#else
  return {};
#endif
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace e2e

inline std::string e2e_extra_unavailable_reason() {
  return ipsec_fpga::host::lab::IpsecFpgaGateway::unavailable_reason(e2e::program());
}

#include "e2e_main.hpp"
