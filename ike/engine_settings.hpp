#pragma once
// Tunables of the IKE engine; the defaults follow strongSwan's (4 s x 1.8^n,
// 5 retransmits) so the two behave alike on the wire.

#include <cstddef>
#include <cstdint>
#include <functional>

namespace ipsec_fpga::ike {

struct EngineSettings {
  std::uint64_t retransmit_timeout_ms = 4000;
  double retransmit_base = 1.8;
  int retransmit_tries = 5;      // retransmits before the SA is abandoned
  int max_errors = 5;            // malformed/undecryptable messages tolerated per SA
  std::uint16_t ike_port = 500;  // where we listen; NAT-T moves to 4500
  std::uint16_t nat_t_port = 4500;
  std::size_t nonce_size = 32;
  // Caps that keep a flood of first messages or a long-lived SA from
  // growing memory without bound.
  std::size_t max_half_open = 64;         // responder SAs not yet established
  std::size_t remembered_exchanges = 16;  // replies kept for duplicate detection
  // Where Quick Mode gets our inbound SPI (the one the peer will send
  // with), for the rule being negotiated. Empty (the default): random bytes
  // from the RandomSource. A gateway whose ESP engine assigns inbound SPIs
  // (the board puts its SA entry index in the low bits) reserves one here.
  // Returning 0 (none free) or a reserved value (1..255) falls back to a
  // random SPI; the host's install of that SA then fails and says why.
  std::function<std::uint32_t(int rule)> inbound_spi_source;
  // An Aggressive Mode initiator is done when it sends AM3, which has no
  // answer; a Quick Mode 1 sent right behind it can reach the responder's
  // worker threads first and be dropped as "phase 1 incomplete" (strongSwan
  // does), costing a whole retransmit interval. So Quick Mode waits this
  // long after AM3 (the next tick after it runs it).
  std::uint64_t aggressive_phase2_delay_ms = 200;
};

}  // namespace ipsec_fpga::ike
