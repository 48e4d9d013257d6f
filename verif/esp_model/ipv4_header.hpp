// The IPv4 and UDP headers the engine writes in front of ESP and checks on
// the way in (RFC 791, RFC 768, RFC 3948).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace ipsec_fpga::verif::esp {

using Ipv4Address = std::array<std::uint8_t, 4>;

inline constexpr std::uint8_t ip_protocol_ipv4 = 4;  // IP-in-IP: ESP's next header in tunnel mode
inline constexpr std::uint8_t ip_protocol_udp = 17;
inline constexpr std::uint8_t ip_protocol_esp = 50;
inline constexpr std::uint16_t nat_traversal_port = 4500;  // RFC 3948
inline constexpr std::size_t ipv4_minimum_header_size = 20;
inline constexpr std::size_t udp_header_size = 8;

// The fields of a received IPv4 header that the engine looks at.
struct Ipv4Fields {
  std::size_t header_length;  // IHL * 4, options included
  std::uint16_t total_length;
  std::uint16_t identification;
  std::uint8_t ttl;
  std::uint8_t protocol;
  bool fragment;  // MF set or a non-zero offset
  Ipv4Address source;
  Ipv4Address destination;
};

// The RFC 1071 one's-complement checksum of `bytes` (0 over a valid header).
std::uint16_t internet_checksum(std::span<const std::uint8_t> bytes);

// Reads the header at the start of `packet`. Nothing if the version is not
// 4, IHL < 5, the header or total length does not match `packet`, or (when
// asked) the header checksum is wrong.
std::optional<Ipv4Fields> read_ipv4_header(std::span<const std::uint8_t> packet,
                                           bool verify_checksum);

// A 20-byte header without options, DF clear, TOS 0, checksum filled in.
std::vector<std::uint8_t> make_ipv4_header(const Ipv4Address& source,
                                           const Ipv4Address& destination, std::uint8_t ttl,
                                           std::uint8_t protocol, std::uint16_t identification,
                                           std::size_t payload_length);

// Sets protocol and total length of an existing header (options kept) and
// recomputes its checksum.
void rewrite_ipv4_header(std::vector<std::uint8_t>& header, std::uint8_t protocol,
                         std::size_t total_length);

struct UdpFields {
  std::uint16_t source_port;
  std::uint16_t destination_port;
  std::uint16_t length;
};

// Reads a UDP header; nothing if `datagram` is shorter than 8 bytes or its
// length field does not match.
std::optional<UdpFields> read_udp_header(std::span<const std::uint8_t> datagram);

// RFC 3948 section 2.1: checksum 0.
std::vector<std::uint8_t> make_udp_header(std::uint16_t source_port, std::uint16_t destination_port,
                                          std::size_t payload_length);

}  // namespace ipsec_fpga::verif::esp
