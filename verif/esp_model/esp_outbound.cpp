#include "esp_outbound.hpp"

#include "esp_codec.hpp"
#include "ipv4_header.hpp"

namespace ipsec_fpga::verif::esp {

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t maximum_ipv4_packet = 0xffff;

std::uint64_t last_sequence(const SecurityAssociation& sa) {
  return sa.extended_sequence_numbers ? ~std::uint64_t{0} : std::uint64_t{0xffffffff};
}

// Everything that goes in front of the ESP packet.
struct Framing {
  Bytes header;  // outer IPv4 header (empty for bare ESP)
  std::span<const std::uint8_t> payload;
  std::uint8_t next_header;
};

std::optional<Framing> frame(const SecurityAssociation& sa, std::span<const std::uint8_t> inner) {
  if (sa.mode == Mode::tunnel) return Framing{{}, inner, ip_protocol_ipv4};
  // Transport mode applies to whole IPv4 datagrams only (RFC 4301 section 7).
  const auto fields = read_ipv4_header(inner, false);
  if (!fields || fields->fragment) return std::nullopt;
  return Framing{
      Bytes(inner.begin(), inner.begin() + static_cast<std::ptrdiff_t>(fields->header_length)),
      inner.subspan(fields->header_length), fields->protocol};
}

// Puts the IPv4 (and UDP) header the SA's encapsulation asks for in front.
std::optional<Bytes> encapsulate(const SecurityAssociation& sa, Framing& framing, const Bytes& esp,
                                 std::uint16_t identification) {
  if (sa.encapsulation == Encapsulation::bare_esp) return esp;
  const bool udp = sa.encapsulation == Encapsulation::ipv4_udp;
  Bytes body;
  if (udp) body = make_udp_header(sa.udp_source_port, nat_traversal_port, esp.size());
  body.insert(body.end(), esp.begin(), esp.end());
  const std::uint8_t protocol = udp ? ip_protocol_udp : ip_protocol_esp;
  Bytes packet;
  if (sa.mode == Mode::tunnel) {
    if (ipv4_minimum_header_size + body.size() > maximum_ipv4_packet) return std::nullopt;
    packet = make_ipv4_header(sa.tunnel_source, sa.tunnel_destination, sa.ttl, protocol,
                              identification, body.size());
  } else {
    if (framing.header.size() + body.size() > maximum_ipv4_packet) return std::nullopt;
    packet = framing.header;
    rewrite_ipv4_header(packet, protocol, packet.size() + body.size());
  }
  packet.insert(packet.end(), body.begin(), body.end());
  return packet;
}

}  // namespace

OutboundResult process_outbound(SaEntry& entry, const OutboundRequest& request) {
  OutboundResult result;
  SecurityAssociation& sa = entry.sa;
  if (!sa.enabled) {
    result.status = EspStatus::sa_disabled;
    return result;
  }
  if (entry.expired || entry.hard_limit_reached()) {
    result.status = EspStatus::sa_expired;
    return result;
  }
  if (sa.sequence == last_sequence(sa)) {  // RFC 4303 section 3.3.3: never cycle
    entry.expired = true;
    result.events.sequence_exhausted = true;
    result.status = EspStatus::sa_expired;
    return result;
  }
  auto framing = frame(sa, request.inner);
  if (!framing) {
    result.status = EspStatus::malformed;
    return result;
  }
  const std::uint64_t sequence = sa.sequence + 1;
  const Bytes esp = seal_esp(sa, sequence, request.iv, framing->payload,
                             request.next_header.value_or(framing->next_header));
  auto packet = encapsulate(sa, *framing, esp, request.ip_identification);
  if (!packet || packet->size() > maximum_ipv4_packet) {
    result.status = EspStatus::malformed;
    return result;
  }
  sa.sequence = sequence;
  result.status = EspStatus::ok;
  result.packet = std::move(*packet);
  result.sequence = sequence;
  result.events = entry.count_packet(framing->payload.size());
  return result;
}

OutboundResult process_outbound(SaTable& table, std::uint32_t spi, const OutboundRequest& request) {
  SaEntry* entry = table.find(Direction::outbound, spi);
  if (entry == nullptr) {
    OutboundResult result;
    result.status = EspStatus::no_sa;
    return result;
  }
  return process_outbound(*entry, request);
}

}  // namespace ipsec_fpga::verif::esp
