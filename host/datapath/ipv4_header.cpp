#include "host/datapath/ipv4_header.hpp"

namespace ipsec_fpga::host {
namespace {

std::uint16_t be16(std::span<const std::uint8_t> p, std::size_t at) {
  return static_cast<std::uint16_t>(p[at] << 8 | p[at + 1]);
}

std::optional<Ipv4Header> fail(std::string* why, std::string text) {
  if (why) *why = std::move(text);
  return std::nullopt;
}

}  // namespace

std::optional<Ipv4Header> Ipv4Header::parse(std::span<const std::uint8_t> packet,
                                            std::string* why) {
  if (packet.size() < 20)
    return fail(why, "IPv4 packet of " + std::to_string(packet.size()) + " bytes (< 20)");
  if (packet[0] >> 4 != 4)
    return fail(why, "IP version " + std::to_string(packet[0] >> 4) + " (not IPv4)");
  Ipv4Header h;
  h.header_bytes = (packet[0] & 0x0fu) * 4u;
  h.total_bytes = be16(packet, 2);
  if (h.header_bytes < 20 || h.header_bytes > packet.size())
    return fail(why, "IPv4 header length " + std::to_string(h.header_bytes) + " in a packet of " +
                         std::to_string(packet.size()) + " bytes");
  if (h.total_bytes < h.header_bytes || h.total_bytes > packet.size())
    return fail(why, "IPv4 total length " + std::to_string(h.total_bytes) + " in a packet of " +
                         std::to_string(packet.size()) + " bytes");
  h.protocol = packet[9];
  h.source = ike::IpAddress::v4(packet[12], packet[13], packet[14], packet[15]);
  h.destination = ike::IpAddress::v4(packet[16], packet[17], packet[18], packet[19]);
  const bool first_fragment = (be16(packet, 6) & 0x1fffu) == 0;
  const bool has_ports = h.protocol == ip_protocol_tcp || h.protocol == ip_protocol_udp;
  if (first_fragment && has_ports && h.total_bytes >= h.header_bytes + 4) {
    h.source_port = be16(packet, h.header_bytes);
    h.destination_port = be16(packet, h.header_bytes + 2);
  }
  return h;
}

}  // namespace ipsec_fpga::host
