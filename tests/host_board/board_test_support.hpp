#pragma once
// Runs `ipsec-fpga board ...` in-process with std::cout / std::cerr captured.

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "host/board/board_command.hpp"

namespace ipsec_fpga::host::test {

struct BoardRun {
  int status;
  std::string out, err;
};

inline BoardRun run_board(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  int status;
  try {
    status = board_command(args);
  } catch (...) {
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    throw;
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {status, out.str(), err.str()};
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace ipsec_fpga::host::test
