// Outbound processing of one packet on one SA, as the engine does it: SA
// state checks, the next sequence number, ESP, the outer headers the SA asks
// for, lifetime counting.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "esp_status.hpp"
#include "sa_entry.hpp"
#include "sa_table.hpp"

namespace ipsec_fpga::verif::esp {

struct OutboundRequest {
  // Tunnel mode: the packet to carry. Transport mode: an IPv4 packet whose
  // payload is protected and whose header is kept.
  std::span<const std::uint8_t> inner;
  // Given by the caller so that vectors are reproducible (the engine makes
  // its own); the suite's IV size.
  std::span<const std::uint8_t> iv;
  std::uint16_t ip_identification = 0;  // of the tunnel-mode outer header
  // Replaces the next header the mode implies (4 in tunnel mode, the inner
  // protocol in transport mode); for published vectors that name another.
  std::optional<std::uint8_t> next_header;
};

struct OutboundResult {
  EspStatus status = EspStatus::malformed;
  std::vector<std::uint8_t> packet;  // only when ok: in the SA's encapsulation
  std::uint64_t sequence = 0;        // the full sequence number used
  SaEvents events;
};

// Statuses: ok, sa_disabled, sa_expired (hard lifetime or sequence numbers
// exhausted, no wrap), malformed (transport-mode inner packet not a whole
// IPv4 packet, or the result longer than an IPv4 packet can be).
OutboundResult process_outbound(SaEntry& entry, const OutboundRequest& request);

// Same, finding the outbound SA by SPI; no_sa if there is none.
OutboundResult process_outbound(SaTable& table, std::uint32_t spi, const OutboundRequest& request);

}  // namespace ipsec_fpga::verif::esp
