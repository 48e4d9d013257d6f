// Inbound processing of one received packet, as the engine does it: outer
// header checks, SA lookup by SPI, anti-replay, ICV, decryption, padding,
// and only then the window update and the inner packet.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "esp_status.hpp"
#include "sa_entry.hpp"
#include "sa_table.hpp"

namespace ipsec_fpga::verif::esp {

// The longest packet the model accepts in any form (an IPv4 packet's limit).
inline constexpr std::size_t maximum_inbound_packet = 0xffff;

struct InboundResult {
  EspStatus status = EspStatus::malformed;
  // Only when ok. Tunnel mode: the decrypted inner packet. Transport mode:
  // the received IPv4 header (protocol = next header, length and checksum
  // fixed) and the payload; with bare ESP, the payload alone.
  std::vector<std::uint8_t> inner;
  std::uint32_t spi = 0;       // when the packet got as far as the SPI
  std::uint64_t sequence = 0;  // the full (ESN-inferred) sequence number, when known
  std::uint8_t next_header = 0;
  SaEvents events;
};

// `received_as`: the form the packet arrived in; it must be the form of the
// SA its SPI names (otherwise malformed). Order of checks: outer headers and
// length (malformed), SPI (no_sa), SA switched off (sa_disabled) or expired
// (sa_expired), ESP sizes (malformed), replay window (replay), ICV
// (auth_failed), padding (decrypt_failed). The window moves once the ICV
// verified, even if the padding then fails; SAs without integrity have no
// anti-replay (RFC 4303 section 3.4.3).
InboundResult process_inbound(SaTable& table, std::span<const std::uint8_t> packet,
                              Encapsulation received_as);

}  // namespace ipsec_fpga::verif::esp
