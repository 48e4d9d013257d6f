#include "host/datapath/udp_encapsulation.hpp"

#include <algorithm>

namespace ipsec_fpga::host {

std::string_view to_string(UdpPayloadKind kind) {
  switch (kind) {
    case UdpPayloadKind::esp:
      return "esp";
    case UdpPayloadKind::ike:
      return "ike";
    case UdpPayloadKind::keepalive:
      return "keepalive";
    case UdpPayloadKind::malformed:
      return "malformed";
  }
  return "?";
}

UdpPayload classify_udp_4500(std::span<const std::uint8_t> datagram) {
  const std::string size = std::to_string(datagram.size());
  if (datagram.size() == 1 && datagram[0] == 0xff) return {UdpPayloadKind::keepalive, {}, {}};
  if (datagram.size() < non_esp_marker_bytes)
    return {UdpPayloadKind::malformed, {}, "UDP 4500 datagram of " + size + " bytes"};
  const auto marker = datagram.first(non_esp_marker_bytes);
  if (std::all_of(marker.begin(), marker.end(), [](std::uint8_t b) { return b == 0; })) {
    if (datagram.size() < non_esp_marker_bytes + isakmp_header_bytes)
      return {UdpPayloadKind::malformed,
              {},
              "non-ESP marker followed by " + std::to_string(datagram.size() - 4) +
                  " bytes, shorter than an ISAKMP header"};
    return {UdpPayloadKind::ike, datagram.subspan(non_esp_marker_bytes), {}};
  }
  if (datagram.size() < esp_header_bytes)
    return {UdpPayloadKind::malformed, {}, "ESP in UDP of " + size + " bytes (< 8)"};
  return {UdpPayloadKind::esp, datagram, {}};
}

}  // namespace ipsec_fpga::host
