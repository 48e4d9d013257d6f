#include "transport/fault_injecting_transport.hpp"

#include <utility>

namespace ipsec_fpga::driver {

std::uint64_t FaultCounts::total() const {
  std::uint64_t sum = 0;
  for (unsigned kind = 0; kind < link_fault_kinds; ++kind)
    sum += host_to_board[kind] + board_to_host[kind];
  return sum;
}

FaultInjectingTransport::FaultInjectingTransport(std::unique_ptr<Transport> inner, FaultRates rates,
                                                 std::uint64_t seed)
    : inner_(std::move(inner)),
      inner_clock_(dynamic_cast<const TransportClock*>(inner_.get())),
      rates_(rates),
      random_(seed) {}

std::chrono::nanoseconds FaultInjectingTransport::elapsed() const {
  if (inner_clock_ != nullptr) return inner_clock_->elapsed();
  return std::chrono::steady_clock::now() - opened_;
}

std::vector<std::uint8_t> FaultInjectingTransport::damage(
    std::span<const std::uint8_t> bytes, unsigned bytes_per_fault,
    std::array<std::uint64_t, link_fault_kinds>& counts) {
  std::vector<std::uint8_t> out;
  out.reserve(bytes.size() + 8);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const std::uint8_t byte = bytes[i];
    if (bytes_per_fault == 0 || random_() % bytes_per_fault != 0) {
      out.push_back(byte);
      continue;
    }
    const auto kind = static_cast<LinkFault>(random_() % link_fault_kinds);
    ++counts[static_cast<unsigned>(kind)];
    switch (kind) {
      case LinkFault::bit_flip:
        out.push_back(static_cast<std::uint8_t>(byte ^ (1u << (random_() % 8))));
        break;
      case LinkFault::dropped:
        break;
      case LinkFault::duplicated:
        out.push_back(byte);
        out.push_back(byte);
        break;
      case LinkFault::reordered:
        // Swap with the next byte of this chunk (or with the previous one at
        // the end of a chunk, so the fault always changes the stream).
        if (i + 1 < bytes.size()) {
          out.push_back(bytes[i + 1]);
          out.push_back(byte);
          ++i;
        } else if (!out.empty()) {
          out.push_back(byte);
          std::swap(out[out.size() - 1], out[out.size() - 2]);
        } else {
          out.push_back(byte);
        }
        break;
    }
  }
  return out;
}

void FaultInjectingTransport::send(std::span<const std::uint8_t> bytes) {
  const std::vector<std::uint8_t> damaged =
      damage(bytes, rates_.host_to_board_bytes_per_fault, counts_.host_to_board);
  inner_->send(damaged);
}

std::vector<std::uint8_t> FaultInjectingTransport::receive(std::chrono::milliseconds timeout) {
  const std::vector<std::uint8_t> bytes = inner_->receive(timeout);
  return damage(bytes, rates_.board_to_host_bytes_per_fault, counts_.board_to_host);
}

std::string FaultInjectingTransport::description() const {
  return inner_->description() + " (with injected link faults)";
}

}  // namespace ipsec_fpga::driver
