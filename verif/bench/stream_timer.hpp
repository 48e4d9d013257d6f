// Measures a core's steady-state interval between blocks: the input is always
// valid and the output always ready, so the figure is the core's own limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "core_figures.hpp"

namespace ipsec_fpga::bench {

struct StreamTiming {
  std::uint64_t blocks = 0;
  std::uint64_t cycles = 0;  // from the first block's accept to the last block's accept
  double simulated_cycles_per_second = 0;
};

// `accept_once()` runs one clock with the input offered and returns whether a
// block (or, for hashes, a block's first word) was accepted on that edge.
// `blocks` blocks are accepted; the interval over the last blocks-1 is exact.
template <class AcceptOnce>
StreamTiming time_stream(std::uint64_t blocks, AcceptOnce accept_once) {
  StreamTiming timing;
  std::uint64_t cycle = 0, first = 0, last = 0, accepted = 0;
  const auto start = std::chrono::steady_clock::now();
  while (accepted < blocks) {
    if (cycle > blocks * 1000) throw std::runtime_error("core stalled during the benchmark");
    if (accept_once()) {
      if (accepted == 0) first = cycle;
      last = cycle;
      ++accepted;
    }
    ++cycle;
  }
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  timing.blocks = blocks - 1;
  timing.cycles = last - first;
  timing.simulated_cycles_per_second = wall.count() > 0 ? double(cycle) / wall.count() : 0;
  return timing;
}

// Copies a measured stream into the figures of one core configuration.
inline void record(CoreFigures& figures, const StreamTiming& timing) {
  figures.blocks = timing.blocks;
  figures.cycles = timing.cycles;
  figures.simulated_cycles_per_second = timing.simulated_cycles_per_second;
}

}  // namespace ipsec_fpga::bench
