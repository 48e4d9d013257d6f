// ipsec-fpga-demo: `ipsec-fpga demo` as an executable of its own (for the
// lab's self-test with --gateway strongswan, and before the CLI links it).
#include <string>
#include <vector>

#include "host/demo/demo_command.hpp"

int main(int argc, char* argv[]) {
  return ipsec_fpga::host::demo_command(std::vector<std::string>(argv + 1, argv + argc));
}
