// Packets through the board: tickets, results and the board's events.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sa/sa_types.hpp"

namespace ipsec_fpga::driver {

// Identifies one submitted packet; results come back in submission order.
using Ticket = std::uint64_t;

// The ESP engine's status codes and the link's own (host-link-layout.md,
// values "status"), plus `lost`: the driver heard no result in time, or a
// later packet's result came first (the board answers in order).
enum class PacketStatus : std::uint8_t {
  ok = 0,
  no_sa = 1,
  replay = 2,
  auth_failed = 3,
  decrypt_failed = 4,
  malformed = 5,
  sa_expired = 6,
  sa_disabled = 7,
  no_credit = 8,
  too_long = 9,
  bad_direction = 10,
  lost = 255,  // driver-side: no packet_result
};

std::string_view to_string(PacketStatus status);

// Event bits of packet_result and event frames (values "event").
namespace event_bits {
inline constexpr std::uint8_t soft_lifetime = 1u << 0;
inline constexpr std::uint8_t hard_lifetime = 1u << 1;
inline constexpr std::uint8_t sequence_overflow = 1u << 2;
inline constexpr std::uint8_t error_threshold = 1u << 3;
}  // namespace event_bits

std::string events_to_string(std::uint8_t events);  // "soft_lifetime|sequence_overflow"

struct PacketResult {
  Ticket ticket = 0;
  std::uint8_t tag = 0;
  Direction direction = Direction::outbound;
  PacketStatus status = PacketStatus::lost;
  unsigned sa = 0;                  // SA entry the engine used
  std::uint32_t spi = 0;            // its SPI
  std::uint64_t sequence = 0;       // used (outbound) or inferred (inbound)
  std::uint8_t events = 0;          // event_bits
  std::vector<std::uint8_t> bytes;  // the engine's output packet
  std::string message;              // for `lost`: why the driver gave up on it
};

// An unsolicited event frame: an SA reached a lifetime or threshold.
struct Event {
  Direction direction = Direction::outbound;
  std::uint8_t events = 0;  // event_bits
  unsigned sa = 0;
  std::uint32_t spi = 0;
};

}  // namespace ipsec_fpga::driver
