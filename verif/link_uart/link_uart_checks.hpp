// What the testbench expects of link_uart, computed from UartTiming alone,
// and the comparisons that name the configuration, the byte index, and the
// expected and actual values on a mismatch.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bytes.hpp"
#include "link_uart_driver.hpp"
#include "uart_line.hpp"
#include "uart_timing.hpp"

namespace ipsec_fpga::verif {

inline std::string hex2(unsigned value) {
  char text[8];
  std::snprintf(text, sizeof text, "%02x", value & 0xff);
  return text;
}

// Plays `bytes` on the host's line from `start` with bits `period` long and
// `gap(i)` idle cycles before byte i; returns what m_axis must show for
// each: the byte, ceil(start time) + rx_latency.
template <class GapFn>
std::vector<UartByteAt> send_frames(UartLine& line, const UartTiming& timing, double start,
                                    double period, const Bytes& bytes, GapFn gap) {
  std::vector<UartByteAt> expected;
  double t = start;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    t += gap(i);
    expected.push_back({static_cast<std::uint64_t>(std::ceil(t)) + timing.rx_latency(), bytes[i]});
    t = line.frame(t, period, bytes[i]);
  }
  return expected;
}

// First difference between two byte-at-edge lists, or nothing.
inline std::optional<std::string> first_difference(const std::vector<UartByteAt>& expected,
                                                   const std::vector<UartByteAt>& actual) {
  for (std::size_t i = 0; i < expected.size() && i < actual.size(); ++i) {
    if (expected[i] == actual[i]) continue;
    return "byte " + std::to_string(i) + ": expected " + hex2(expected[i].byte) + " after edge " +
           std::to_string(expected[i].edge) + ", got " + hex2(actual[i].byte) + " after edge " +
           std::to_string(actual[i].edge);
  }
  if (expected.size() != actual.size())
    return "expected " + std::to_string(expected.size()) + " bytes, got " +
           std::to_string(actual.size());
  return std::nullopt;
}

// The uart_tx level after every edge that the accepted bytes imply: a byte
// taken on the edge that ends the previous stop bit continues its run (bit
// edges at ceil(k*P) from the run's first take), any other starts a run.
// Also reports whether every take after the first continued a run.
struct TxExpectation {
  std::vector<std::uint8_t> levels;
  bool all_back_to_back = true;
};

inline TxExpectation expected_tx_levels(const UartTiming& timing,
                                        const std::vector<UartByteAt>& accepts, std::size_t edges) {
  TxExpectation out{std::vector<std::uint8_t>(edges, 1), true};
  std::uint64_t run_start = 0, run_bits = 0, previous_end = 0;
  for (std::size_t i = 0; i < accepts.size(); ++i) {
    const auto& take = accepts[i];
    if (i > 0 && take.edge == previous_end) {
      run_bits += 10;
    } else {
      if (i > 0) out.all_back_to_back = false;
      run_start = take.edge;
      run_bits = 0;
    }
    const std::uint16_t frame = static_cast<std::uint16_t>(0x200 | (take.byte << 1));
    for (unsigned bit = 0; bit < 10; ++bit) {
      const std::uint64_t from = run_start + timing.tx_bit_edge(run_bits + bit);
      const std::uint64_t to = run_start + timing.tx_bit_edge(run_bits + bit + 1);
      for (std::uint64_t e = from; e < to && e < edges; ++e) out.levels[e] = (frame >> bit) & 1;
    }
    previous_end = run_start + timing.tx_bit_edge(run_bits + 10);
  }
  return out;
}

// The host's receiver: a plain UART reading uart_tx at the exact bit period,
// sampling the middle of each bit after a falling edge. Returns the bytes
// and counts frames whose stop bit was low.
struct DecodedLine {
  Bytes bytes;
  unsigned framing_errors = 0;
};

inline DecodedLine decode_line(const std::vector<std::uint8_t>& levels, double period) {
  DecodedLine out;
  std::size_t e = 1;
  while (e < levels.size()) {
    if (!(levels[e - 1] == 1 && levels[e] == 0)) {
      ++e;
      continue;
    }
    const auto at = [&](double bits) {
      const auto index = static_cast<std::size_t>(static_cast<double>(e) + bits * period);
      return index < levels.size() ? levels[index] : std::uint8_t{1};
    };
    std::uint8_t byte = 0;
    for (int bit = 0; bit < 8; ++bit) byte |= static_cast<std::uint8_t>(at(bit + 1.5) << bit);
    if (at(9.5) == 1)
      out.bytes.push_back(byte);
    else
      ++out.framing_errors;
    e = static_cast<std::size_t>(static_cast<double>(e) + 9.5 * period);
  }
  return out;
}

}  // namespace ipsec_fpga::verif
