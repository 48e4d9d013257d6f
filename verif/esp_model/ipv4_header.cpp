#include "ipv4_header.hpp"

#include <algorithm>
#include <stdexcept>

namespace ipsec_fpga::verif::esp {

namespace {

std::uint16_t load16(std::span<const std::uint8_t> bytes, std::size_t at) {
  return static_cast<std::uint16_t>(bytes[at] << 8 | bytes[at + 1]);
}

void store16(std::vector<std::uint8_t>& bytes, std::size_t at, std::size_t value) {
  bytes[at] = static_cast<std::uint8_t>(value >> 8);
  bytes[at + 1] = static_cast<std::uint8_t>(value);
}

void fill_checksum(std::vector<std::uint8_t>& header) {
  store16(header, 10, 0);
  store16(header, 10, internet_checksum(header));
}

}  // namespace

std::uint16_t internet_checksum(std::span<const std::uint8_t> bytes) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) sum += load16(bytes, i);
  if (bytes.size() % 2 != 0) sum += static_cast<std::uint32_t>(bytes.back()) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

std::optional<Ipv4Fields> read_ipv4_header(std::span<const std::uint8_t> packet,
                                           bool verify_checksum) {
  if (packet.size() < ipv4_minimum_header_size) return std::nullopt;
  if (packet[0] >> 4 != 4) return std::nullopt;
  const std::size_t header_length = static_cast<std::size_t>(packet[0] & 0x0f) * 4;
  if (header_length < ipv4_minimum_header_size || header_length > packet.size())
    return std::nullopt;
  Ipv4Fields fields{};
  fields.header_length = header_length;
  fields.total_length = load16(packet, 2);
  if (fields.total_length != packet.size()) return std::nullopt;
  if (verify_checksum && internet_checksum(packet.first(header_length)) != 0) return std::nullopt;
  fields.identification = load16(packet, 4);
  fields.fragment = (load16(packet, 6) & 0x3fff) != 0;  // MF or offset; DF is allowed
  fields.ttl = packet[8];
  fields.protocol = packet[9];
  std::copy(packet.begin() + 12, packet.begin() + 16, fields.source.begin());
  std::copy(packet.begin() + 16, packet.begin() + 20, fields.destination.begin());
  return fields;
}

std::vector<std::uint8_t> make_ipv4_header(const Ipv4Address& source,
                                           const Ipv4Address& destination, std::uint8_t ttl,
                                           std::uint8_t protocol, std::uint16_t identification,
                                           std::size_t payload_length) {
  const std::size_t total_length = ipv4_minimum_header_size + payload_length;
  if (total_length > 0xffff) throw std::length_error("IPv4 packet longer than 65535 bytes");
  std::vector<std::uint8_t> header(ipv4_minimum_header_size, 0);
  header[0] = 0x45;
  store16(header, 2, total_length);
  store16(header, 4, identification);
  header[8] = ttl;
  header[9] = protocol;
  std::copy(source.begin(), source.end(), header.begin() + 12);
  std::copy(destination.begin(), destination.end(), header.begin() + 16);
  fill_checksum(header);
  return header;
}

void rewrite_ipv4_header(std::vector<std::uint8_t>& header, std::uint8_t protocol,
                         std::size_t total_length) {
  if (total_length > 0xffff) throw std::length_error("IPv4 packet longer than 65535 bytes");
  store16(header, 2, total_length);
  header[9] = protocol;
  fill_checksum(header);
}

std::optional<UdpFields> read_udp_header(std::span<const std::uint8_t> datagram) {
  if (datagram.size() < udp_header_size) return std::nullopt;
  const UdpFields fields{load16(datagram, 0), load16(datagram, 2), load16(datagram, 4)};
  if (fields.length != datagram.size()) return std::nullopt;
  return fields;
}

std::vector<std::uint8_t> make_udp_header(std::uint16_t source_port, std::uint16_t destination_port,
                                          std::size_t payload_length) {
  const std::size_t length = udp_header_size + payload_length;
  if (length > 0xffff) throw std::length_error("UDP datagram longer than 65535 bytes");
  std::vector<std::uint8_t> header(udp_header_size, 0);
  store16(header, 0, source_port);
  store16(header, 2, destination_port);
  store16(header, 4, length);
  return header;  // bytes 6-7: checksum 0 (RFC 3948 section 2.1)
}

}  // namespace ipsec_fpga::verif::esp
