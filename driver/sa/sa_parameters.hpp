// Everything the host decides about one SA (one direction of one Child SA),
// as the driver installs it into a board's SA table entry.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "sa/sa_types.hpp"
#include "sa/secret_bytes.hpp"

namespace ipsec_fpga::driver {

using Ipv4Address = std::array<std::uint8_t, 4>;

inline constexpr std::uint16_t nat_traversal_port = 4500;  // RFC 3948

// Counts of what the SA may protect; 0 means "no limit". A soft limit raises
// an event (time to rekey), a hard limit expires the SA.
struct Lifetimes {
  std::uint64_t soft_bytes = 0;
  std::uint64_t hard_bytes = 0;
  std::uint64_t soft_packets = 0;
  std::uint64_t hard_packets = 0;
};

struct SaParameters {
  Direction direction = Direction::outbound;
  Mode mode = Mode::tunnel;
  Encapsulation encapsulation = Encapsulation::bare_esp;
  bool esn = false;  // RFC 4303 extended sequence numbers
  Cipher cipher = Cipher::aes128_cbc;
  Integrity integrity = Integrity::hmac_sha1_96;
  SecretBytes cipher_key;     // cipher_key_bytes(cipher) bytes
  SecretBytes integrity_key;  // HMAC key, any length (RFC 2104); empty for GCM
  SecretBytes gcm_salt;       // RFC 4106: 4 bytes for GCM, empty otherwise
  // Outbound: the peer's SPI. Inbound: Board::install_sa assigns it (the
  // entry index in its low bits); sa_words() writes whatever is here.
  std::uint32_t spi = 0;
  Ipv4Address tunnel_source{};       // outer header of outbound tunnel-mode packets
  Ipv4Address tunnel_destination{};  // (inbound SAs keep them for reference)
  std::uint16_t udp_source_port = nat_traversal_port;  // ours, as the NAT may have changed it
  std::uint8_t ttl = 64;                               // outer header in tunnel mode
  // Inbound anti-replay window in packets, a multiple of 32 (64..1024); 0:
  // the board's (Board::install_sa) or 64 (sa_words()).
  unsigned replay_window = 0;
  Lifetimes lifetime;
  std::uint32_t error_threshold = 0;  // auth + replay + decrypt failures raising an event (0: none)
  bool enabled = true;
  // Restoring an SA: outbound the last sequence number sent, inbound the
  // highest authenticated (everything up to it counts as received). 0: new.
  std::uint64_t initial_sequence = 0;
};

// Empty if the parameters describe an SA the ESP engine can run, otherwise
// what is wrong (never mentions key bytes).
std::string validation_error(const SaParameters& sa);

}  // namespace ipsec_fpga::driver
