// What the host writes into one SA table entry: everything the engine needs
// to process packets of one direction of one Child SA.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "ipv4_header.hpp"
#include "secret_bytes.hpp"
#include "suite.hpp"

namespace ipsec_fpga::verif::esp {

enum class Direction { outbound, inbound };
enum class Mode { tunnel, transport };

// How ESP travels on the wire; inbound packets arrive in the same form.
enum class Encapsulation {
  bare_esp,  // SPI onwards; the host owns the IP (and UDP) header
  ipv4,      // IPv4 header, protocol 50
  ipv4_udp,  // IPv4 header, protocol 17, UDP header (RFC 3948), then ESP
};

// Counts of what the SA has protected; 0 means "no limit". A soft limit
// raises an event (the host rekeys), a hard limit expires the SA.
struct LifetimeLimits {
  std::uint64_t soft_bytes = 0;
  std::uint64_t hard_bytes = 0;
  std::uint64_t soft_packets = 0;
  std::uint64_t hard_packets = 0;
};

inline constexpr unsigned minimum_replay_window = 64;
inline constexpr unsigned maximum_replay_window = 1024;

struct SecurityAssociation {
  std::uint32_t spi = 0;
  Direction direction = Direction::outbound;
  Mode mode = Mode::tunnel;
  Encapsulation encapsulation = Encapsulation::bare_esp;
  // Tunnel endpoints: outer source/destination of outbound packets. Inbound
  // SAs keep them for the host's reference; the model does not check them.
  Ipv4Address tunnel_source{};
  Ipv4Address tunnel_destination{};
  std::uint16_t udp_source_port = nat_traversal_port;  // the NAT may have changed ours
  std::uint8_t ttl = 64;                               // of the outer header in tunnel mode
  Suite suite{Cipher::aes128_cbc, Integrity::hmac_sha1_96};
  SecretBytes cipher_key;
  SecretBytes integrity_key;
  std::array<std::uint8_t, 4> gcm_salt{};  // RFC 4106 section 8.1: the last 4 bytes of KEYMAT
  bool extended_sequence_numbers = false;  // RFC 4303 ESN
  // Outbound: the last sequence number sent (0 for a new SA: the first packet
  // carries 1). Inbound: the highest authenticated sequence number so far.
  std::uint64_t sequence = 0;
  unsigned replay_window = minimum_replay_window;  // inbound, 64..1024 packets
  LifetimeLimits lifetime;
  bool enabled = true;
};

// Empty if `sa` is usable, otherwise why not (never mentions key bytes).
// Encryption-only CBC SAs are accepted: RFC 4303 allows them and RFC 3602's
// vectors need them, though the engine does not offer them (see
// offered_by_engine).
std::string validation_error(const SecurityAssociation& sa);

}  // namespace ipsec_fpga::verif::esp
