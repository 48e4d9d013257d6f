// RFC 3948 demultiplexing of what arrives on UDP port 4500: ESP (first four
// bytes are a non-zero SPI), IKE (behind the four-zero-byte non-ESP
// marker), the one-byte 0xFF NAT-keepalive, or something too short to be
// any of them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ipsec_fpga::host {

enum class UdpPayloadKind : std::uint8_t {
  esp,        // payload = bare ESP (SPI onwards)
  ike,        // payload = the IKE message after the non-ESP marker
  keepalive,  // NAT-keepalive: ignored
  malformed,  // dropped; `why` says what was wrong
};
std::string_view to_string(UdpPayloadKind kind);

struct UdpPayload {
  UdpPayloadKind kind = UdpPayloadKind::malformed;
  std::span<const std::uint8_t> payload;  // into the datagram
  std::string why;                        // malformed only
};

inline constexpr std::size_t non_esp_marker_bytes = 4;
inline constexpr std::size_t esp_header_bytes = 8;      // SPI + sequence number
inline constexpr std::size_t isakmp_header_bytes = 28;  // RFC 2408 3.1

UdpPayload classify_udp_4500(std::span<const std::uint8_t> datagram);

}  // namespace ipsec_fpga::host
