#include "esp_inbound.hpp"

#include <optional>

#include "esp_codec.hpp"
#include "ipv4_header.hpp"

namespace ipsec_fpga::verif::esp {

namespace {

using Bytes = std::vector<std::uint8_t>;

// The received packet taken apart: the IPv4 header (if any) and the ESP part.
struct Unwrapped {
  std::span<const std::uint8_t> ip_header;
  std::span<const std::uint8_t> esp;
};

std::optional<Unwrapped> unwrap(std::span<const std::uint8_t> packet, Encapsulation form) {
  if (form == Encapsulation::bare_esp) return Unwrapped{{}, packet};
  const auto ip = read_ipv4_header(packet, true);
  if (!ip || ip->fragment) return std::nullopt;  // reassembly happens before the engine
  const auto header = packet.first(ip->header_length);
  const auto body = packet.subspan(ip->header_length);
  if (form == Encapsulation::ipv4) {
    if (ip->protocol != ip_protocol_esp) return std::nullopt;
    return Unwrapped{header, body};
  }
  if (ip->protocol != ip_protocol_udp) return std::nullopt;
  const auto udp = read_udp_header(body);
  if (!udp || udp->destination_port != nat_traversal_port) return std::nullopt;
  return Unwrapped{header, body.subspan(udp_header_size)};  // UDP checksum ignored (RFC 3948)
}

bool integrity_protected(const Suite& suite) {
  return properties(suite.cipher).aead || suite.integrity != Integrity::none;
}

// Transport mode gives back the received header describing the payload.
Bytes inner_packet(const SecurityAssociation& sa, std::span<const std::uint8_t> ip_header,
                   Bytes payload, std::uint8_t next_header) {
  if (sa.mode == Mode::tunnel || ip_header.empty()) return payload;
  Bytes packet(ip_header.begin(), ip_header.end());
  rewrite_ipv4_header(packet, next_header, packet.size() + payload.size());
  packet.insert(packet.end(), payload.begin(), payload.end());
  cleanse(payload);
  return packet;
}

}  // namespace

InboundResult process_inbound(SaTable& table, std::span<const std::uint8_t> packet,
                              Encapsulation received_as) {
  InboundResult result;
  if (packet.size() > maximum_inbound_packet) return result;  // malformed
  const auto unwrapped = unwrap(packet, received_as);
  if (!unwrapped) return result;
  const auto spi = esp_spi(unwrapped->esp);
  if (!spi || *spi == 0) return result;  // SPI 0: an IKE packet's non-ESP marker
  result.spi = *spi;

  SaEntry* entry = table.find(Direction::inbound, *spi);
  if (entry == nullptr) {
    result.status = EspStatus::no_sa;
    return result;
  }
  SecurityAssociation& sa = entry->sa;
  if (!sa.enabled) {
    result.status = EspStatus::sa_disabled;
    return result;
  }
  if (entry->expired || entry->hard_limit_reached()) {
    result.status = EspStatus::sa_expired;
    return result;
  }
  const auto layout = esp_layout(sa.suite, unwrapped->esp);
  if (sa.encapsulation != received_as || !layout) return result;  // malformed

  const bool anti_replay = integrity_protected(sa.suite);
  std::uint64_t sequence = layout->sequence_low;
  if (anti_replay) {
    const auto checked = entry->replay.check(layout->sequence_low, sa.extended_sequence_numbers);
    if (!checked) {
      entry->usage.replays += 1;
      result.status = EspStatus::replay;
      return result;
    }
    sequence = *checked;
  } else if (sa.extended_sequence_numbers) {
    sequence =
        (sa.sequence & 0xffffffff00000000u) | layout->sequence_low;  // no window to infer from
  }
  result.sequence = sequence;

  OpenedEsp opened = open_esp(sa, *layout, sequence);
  if (opened.status == EspStatus::auth_failed) {
    entry->usage.auth_failures += 1;
    result.status = opened.status;
    return result;
  }
  if (anti_replay) {  // authentic: its number is used up whatever the padding says
    entry->replay.accept(sequence);
    sa.sequence = entry->replay.highest();
  }
  if (opened.status != EspStatus::ok) {
    entry->usage.decrypt_failures += 1;
    result.status = opened.status;
    return result;
  }
  result.status = EspStatus::ok;
  result.next_header = opened.next_header;
  result.events = entry->count_packet(opened.payload.size());
  result.inner =
      inner_packet(sa, unwrapped->ip_header, std::move(opened.payload), opened.next_header);
  return result;
}

}  // namespace ipsec_fpga::verif::esp
