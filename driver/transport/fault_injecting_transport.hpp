// Damages the byte stream of another transport at a steady rate, in both
// directions, to test that the link detects every error and recovers:
// bit flips, dropped, duplicated and reordered (swapped) bytes. Deterministic
// for a given seed. It keeps the inner transport's clock (a simulated board's
// cycles), so the driver's timeouts stay in board time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <random>

#include "transport/transport.hpp"
#include "transport/transport_clock.hpp"

namespace ipsec_fpga::driver {

enum class LinkFault : unsigned { bit_flip, dropped, duplicated, reordered };
inline constexpr unsigned link_fault_kinds = 4;

struct FaultRates {
  // One fault, of a kind chosen uniformly, every `bytes_per_fault` bytes on
  // average (0: none), independently in each direction.
  unsigned host_to_board_bytes_per_fault = 0;
  unsigned board_to_host_bytes_per_fault = 0;
};

struct FaultCounts {
  std::array<std::uint64_t, link_fault_kinds> host_to_board{};
  std::array<std::uint64_t, link_fault_kinds> board_to_host{};
  std::uint64_t total() const;
};

class FaultInjectingTransport : public Transport, public TransportClock {
 public:
  FaultInjectingTransport(std::unique_ptr<Transport> inner, FaultRates rates, std::uint64_t seed);

  void send(std::span<const std::uint8_t> bytes) override;
  std::vector<std::uint8_t> receive(std::chrono::milliseconds timeout) override;
  std::string description() const override;
  std::chrono::nanoseconds elapsed() const override;

  void set_rates(FaultRates rates) { rates_ = rates; }

  const FaultCounts& faults() const { return counts_; }
  Transport& inner() { return *inner_; }

 private:
  std::vector<std::uint8_t> damage(std::span<const std::uint8_t> bytes, unsigned bytes_per_fault,
                                   std::array<std::uint64_t, link_fault_kinds>& counts);

  std::unique_ptr<Transport> inner_;
  const TransportClock* inner_clock_;  // null: wall time since construction
  std::chrono::steady_clock::time_point opened_ = std::chrono::steady_clock::now();
  FaultRates rates_;
  std::mt19937_64 random_;
  FaultCounts counts_;
};

}  // namespace ipsec_fpga::driver
