#include "host/bench/bench_command.hpp"

#include <iostream>

#include "host/bench/bench_options.hpp"

namespace ipsec_fpga::host {

int bench_command(const std::vector<std::string>& args) {
  bench::BenchOptions options;
  try {
    options = bench::parse_bench_options(args);
  } catch (const bench::BenchOptionError& e) {
    std::cerr << "ipsec-fpga bench: " << e.what()
              << "\n(ipsec-fpga bench --help for the options)\n";
    return 2;
  }
  if (options.help) {
    std::cout << bench::bench_help();
    return 0;
  }
  std::cerr << "ipsec-fpga bench: not built yet in this version\n";
  return 1;
}

}  // namespace ipsec_fpga::host
