// A sender and a receiver of one SA in one table, for tests that send a
// packet and look at what the receiving side makes of it.
#pragma once

#include <random>
#include <stdexcept>

#include "esp_inbound.hpp"
#include "esp_outbound.hpp"
#include "ipv4_header.hpp"
#include "sa_table.hpp"
#include "test_sas.hpp"

namespace ipsec_fpga::verif::esp::test {

struct SaPair {
  SaPair(Suite suite, Mode mode, Encapsulation encapsulation, std::uint64_t seed = 1,
         std::uint32_t spi = 0x1000)
      : rng(seed) {
    SecurityAssociation out = make_sa(spi, Direction::outbound, suite, mode, encapsulation, rng);
    SecurityAssociation in = inbound_twin(out);
    sender = &table.add(std::move(out));
    receiver = &table.add(std::move(in));
  }

  // Sends `inner` with sequence number `sequence` (the next one if 0).
  Bytes send(const Bytes& inner, std::uint64_t sequence = 0) {
    if (sequence != 0) sender->sa.sequence = sequence - 1;
    const Bytes iv = random_iv(rng, sender->sa.suite);
    OutboundResult result = process_outbound(*sender, {inner, iv, 0x1234, {}});
    if (result.status != EspStatus::ok) throw std::runtime_error("send failed");
    return result.packet;
  }

  InboundResult receive(const Bytes& packet) {
    return process_inbound(table, packet, receiver->sa.encapsulation);
  }

  std::mt19937_64 rng;
  SaTable table;
  SaEntry* sender;
  SaEntry* receiver;
};

// A small IPv4/UDP packet between documentation addresses (198.51.100.0/24).
inline Bytes sample_inner(std::size_t payload_size = 40) {
  Bytes packet = from_hex("45000000 abcd0000 4011 0000 c6336401 c6336402 1f90 1f91 0000 0000");
  const std::size_t total = packet.size() + payload_size;
  packet[2] = static_cast<std::uint8_t>(total >> 8);
  packet[3] = static_cast<std::uint8_t>(total);
  packet[24] = static_cast<std::uint8_t>((total - 20) >> 8);
  packet[25] = static_cast<std::uint8_t>(total - 20);
  const std::uint16_t checksum = internet_checksum(std::span(packet).first(20));
  packet[10] = static_cast<std::uint8_t>(checksum >> 8);
  packet[11] = static_cast<std::uint8_t>(checksum);
  for (std::size_t i = 0; i < payload_size; ++i) packet.push_back(static_cast<std::uint8_t>(i));
  return packet;
}

}  // namespace ipsec_fpga::verif::esp::test
