// `ipsec-fpga demo`: a tunnel to a strongSwan peer through the simulated
// board, in network namespaces the command creates and removes. See
// docs/e2e-tests.md (topology) and docs/cli.md.
#pragma once

#include <string>
#include <vector>

namespace ipsec_fpga::host {

// `args` are the words after `demo`; returns the exit status (0: the tunnel
// carried the pings and the transfer, byte for byte). `--help` prints the help.
int demo_command(const std::vector<std::string>& args);

}  // namespace ipsec_fpga::host
