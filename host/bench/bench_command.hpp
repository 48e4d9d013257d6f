// `ipsec-fpga bench`: throughput characterization of the ESP engine (issue 7).
// See docs/benchmarking.md.
#pragma once

#include <string>
#include <vector>

namespace ipsec_fpga::host {

// `args`: the words after `bench`. Returns the exit status (0 done, 1 failed,
// 2 bad options); `--help` prints the command's help on stdout.
int bench_command(const std::vector<std::string>& args);

}  // namespace ipsec_fpga::host
