// The bit timing link_uart_rx/tx derive from CLOCK_HZ and BAUD, as exact
// integer formulas (docs/link/link_uart.md, "Timing"): the testbench asserts
// every edge against them.
#pragma once

#include <cstdint>
#include <numeric>
#include <string>

namespace ipsec_fpga::verif {

class UartTiming {
 public:
  UartTiming(std::uint64_t clock_hz, std::uint64_t baud)
      : clock_hz_(clock_hz),
        baud_(baud),
        n_(clock_hz / std::gcd(clock_hz, baud)),
        d_(baud / std::gcd(clock_hz, baud)) {}

  std::uint64_t clock_hz() const { return clock_hz_; }
  std::uint64_t baud() const { return baud_; }
  // Clocks per bit, P = N / D.
  double period() const { return static_cast<double>(n_) / static_cast<double>(d_); }

  // tx: the k-th bit edge of a run of back-to-back frames comes ceil(k*P)
  // edges after the edge that took the run's first byte.
  std::uint64_t tx_bit_edge(std::uint64_t k) const { return ceil_div(k * n_, d_); }

  // rx: edges from the first edge that samples the start bit low (E) to the
  // edge after which m_axis_tvalid shows the byte (or framing_error pulses):
  // 3 (two synchroniser flops and the vote's centre register) plus the
  // middle of the stop bit, ceil(9.5 * P).
  std::uint64_t rx_latency() const { return 3 + ceil_div(19 * n_, 2 * d_); }

  // The longest low pulse (in sampled edges) the receiver ignores on an idle
  // line: its first vote is centred ceil(P/2) edges after the pulse began.
  std::uint64_t rx_longest_ignored_glitch() const { return ceil_div(n_, 2 * d_); }

  std::string name() const { return label(clock_hz_) + "/" + label(baud_); }

 private:
  static std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }
  static std::string label(std::uint64_t hz) {
    if (hz % 1000000 == 0) return std::to_string(hz / 1000000) + "M";
    return std::to_string(hz);
  }

  std::uint64_t clock_hz_, baud_, n_, d_;
};

}  // namespace ipsec_fpga::verif
