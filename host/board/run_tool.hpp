// Running the FPGA tools (cmake -P, iceprog, openFPGALoader) as child
// processes: their standard output and error, merged, line by line.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ipsec_fpga::host::board {

// The program's path if `name` is found on PATH (or is a path to an
// executable), else nothing.
std::optional<std::filesystem::path> find_program(const std::string& name);

// Runs argv[0] (looked up on PATH) with the rest as arguments, passing each
// line it prints (stdout and stderr merged) to `line`. Returns its exit
// status, 128 + the signal if it was killed, 127 if it could not be started.
int run_tool(const std::vector<std::string>& argv,
             const std::function<void(const std::string&)>& line);

}  // namespace ipsec_fpga::host::board
