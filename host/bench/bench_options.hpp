// The options of `ipsec-fpga bench` and their parsing.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ipsec_fpga::host::bench {

struct BenchOptions {
  bool help = false;
  bool quick = false;               // a short run (the self-test's)
  std::vector<std::string> suites;  // names as `--suites` gave them; empty: every suite
  std::vector<std::string> sizes;   // "64", ..., "imix"; empty: the default list
  bool outbound = true;
  bool inbound = true;
  std::string csv_path;
  std::string png_path;
  std::string markdown_path;    // the generated figures page (docs/figures/throughput.md)
  double software_seconds = 0;  // per OpenSSL row; 0: the default (0.2 s, --quick 0.02 s)
  std::size_t e2e_packets = 0;  // per end-to-end row; 0: the default (64, --quick 8)
  bool software = true;         // --no-software
  bool end_to_end = true;       // --no-e2e
  bool progress = true;         // --no-progress (the bar is drawn only on a tty anyway)
};

// A bad option, named in the message.
class BenchOptionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

BenchOptions parse_bench_options(const std::vector<std::string>& args);
std::string bench_help();

}  // namespace ipsec_fpga::host::bench
