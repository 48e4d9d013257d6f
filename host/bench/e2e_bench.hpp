// End to end: packets through driver::Board on the simulated board (`sim:`,
// the Verilated board core: host link framing, link RTL, ESP engine),
// pipelined up to the board's packet credits, as ipsec-fpga-link-bench does.
// Packets/s here is wall clock and measures this host's simulation, not a
// board; board cycles per packet are the simulated board's.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "host/bench/bench_math.hpp"
#include "host/bench/bench_suites.hpp"

namespace ipsec_fpga::host::bench {

struct EndToEndFigures {
  double packets_per_second = 0;       // wall clock, through the driver
  double board_cycles_per_packet = 0;  // the simulated board's clock
  double sim_cycles_per_second = 0;    // the board model's own speed
};

class EndToEndBench {
 public:
  EndToEndBench();  // opens "sim:"
  ~EndToEndBench();
  EndToEndBench(const EndToEndBench&) = delete;
  EndToEndBench& operator=(const EndToEndBench&) = delete;

  std::string board_summary() const;
  double board_clock_hz() const;

  // `packets` packets of the pattern out through a fresh SA pair, then the
  // ESP packets back in; every result must be ok.
  std::pair<EndToEndFigures, EndToEndFigures> measure(const SuiteSpec& suite,
                                                      const SizePattern& sizes,
                                                      std::size_t packets);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipsec_fpga::host::bench
