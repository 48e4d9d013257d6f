// The `ipsec-fpga` executable (docs/cli.md): the commands of host/cli, plus
// `demo` (host/demo), `bench` (host/bench) and `board` (host/board) when this
// build has them.
#include <iostream>
#include <string>
#include <vector>

#include "host/cli/cli.hpp"

#ifdef IPSEC_FPGA_HAVE_DEMO
#include "host/demo/demo_command.hpp"
#endif
#ifdef IPSEC_FPGA_HAVE_BENCH
#include "host/bench/bench_command.hpp"
#endif
#ifdef IPSEC_FPGA_HAVE_BOARD
#include "host/board/board_command.hpp"
#endif

int main(int argc, char** argv) {
  namespace host = ipsec_fpga::host;
#ifdef IPSEC_FPGA_HAVE_DEMO
  host::set_external_command("demo", &host::demo_command);
#endif
#ifdef IPSEC_FPGA_HAVE_BENCH
  host::set_external_command("bench", &host::bench_command);
#endif
#ifdef IPSEC_FPGA_HAVE_BOARD
  host::set_external_command("board", &host::board_command);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return host::cli_main(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "ipsec-fpga: " << e.what() << "\n";
    return host::exit_failure;
  }
}
