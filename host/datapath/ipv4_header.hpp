// The few fields of an IPv4 packet the data path looks at: addresses and,
// for the first fragment of TCP/UDP, the ports (traffic selectors may name
// a protocol and port). Parsing never reads past the buffer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "ike/ip_address.hpp"

namespace ipsec_fpga::host {

inline constexpr std::uint8_t ip_protocol_icmp = 1;
inline constexpr std::uint8_t ip_protocol_tcp = 6;
inline constexpr std::uint8_t ip_protocol_udp = 17;
inline constexpr std::uint8_t ip_protocol_esp = 50;

struct Ipv4Header {
  ike::IpAddress source;
  ike::IpAddress destination;
  std::uint8_t protocol = 0;
  std::size_t header_bytes = 0;        // IHL * 4
  std::size_t total_bytes = 0;         // the header's total length
  std::uint16_t source_port = 0;       // TCP/UDP first fragment, else 0
  std::uint16_t destination_port = 0;  // TCP/UDP first fragment, else 0

  // The header, or nullopt with `why` saying what is wrong (not IPv4, too
  // short, lengths that do not fit the buffer).
  static std::optional<Ipv4Header> parse(std::span<const std::uint8_t> packet,
                                         std::string* why = nullptr);
};

}  // namespace ipsec_fpga::host
