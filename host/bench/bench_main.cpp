// ipsec-fpga-bench: `ipsec-fpga bench` on its own, for the `figures` target
// and builds without the rest of the program (the gateway, the lab).
#include <string>
#include <vector>

#include "host/bench/bench_command.hpp"

int main(int argc, char** argv) {
  return ipsec_fpga::host::bench_command(std::vector<std::string>(argv + 1, argv + argc));
}
