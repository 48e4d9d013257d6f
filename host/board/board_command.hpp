// `ipsec-fpga board list|build|program`: the board bitstreams (issue 7).
// See docs/boards.md and docs/cli.md.
#pragma once

#include <string>
#include <vector>

namespace ipsec_fpga::host {

// `args`: the words after `board`. Prints to std::cout / std::cerr and
// returns the exit status: 0 done, 1 failed (the build failed, no board
// attached, a tool missing), 2 bad usage.
int board_command(const std::vector<std::string>& args);

}  // namespace ipsec_fpga::host
