// The expected result of each outbound packet, from the ESP reference
// (verif/esp_model) given the IV the engine makes; random SAs and packets;
// the comparison of an RTL outcome with the expectation.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "cbc_onchip_iv.hpp"
#include "esp_outbound.hpp"
#include "esp_outbound_driver.hpp"
#include "ipv4_header.hpp"
#include "sa_image.hpp"

namespace ipsec_fpga::verif::esp_rtl {

struct OutboundExpected {
  esp::EspStatus status = esp::EspStatus::ok;
  Bytes packet;  // when ok
  std::uint64_t sequence = 0;
  unsigned events = 0;
  std::uint32_t spi = 0;
};

inline unsigned event_bits(const esp::SaEvents& e) {
  return (e.soft_lifetime ? 1u : 0u) | (e.hard_lifetime ? 2u : 0u) |
         (e.sequence_exhausted ? 4u : 0u);
}

// The reference's view of the SA table: one entry per index.
class OutboundOracle {
 public:
  esp::SaEntry& install(unsigned index, esp::SecurityAssociation sa) {
    entries_.erase(index);
    return entries_.emplace(index, esp::SaEntry(std::move(sa))).first->second;
  }
  esp::SaEntry& entry(unsigned index) { return entries_.at(index); }

  // The IV the engine uses for the next packet of SA `index`.
  Bytes engine_iv(unsigned index) {
    const esp::SaEntry& e = entries_.at(index);
    const std::uint64_t next = e.sa.sequence + 1;
    if (esp::properties(e.sa.suite.cipher).aead) return gcm_sequence_iv(next);
    return cbc_onchip_iv(e.sa, index, next);
  }

  // Runs the reference on a well-framed command (data.size() == length).
  OutboundExpected predict(const OutboundCommand& command) {
    esp::SaEntry& e = entries_.at(command.sa);
    const Bytes iv = command.iv.value_or(engine_iv(command.sa));
    const std::uint64_t next = e.sa.sequence + 1;
    esp::OutboundRequest request{command.data, iv, static_cast<std::uint16_t>(next & 0xffff),
                                 command.next_header};
    const esp::OutboundResult r = esp::process_outbound(e, request);
    OutboundExpected x;
    x.status = r.status;
    x.packet = r.packet;
    x.sequence = r.sequence;
    x.events = event_bits(r.events);
    x.spi = e.sa.spi;
    return x;
  }

 private:
  std::map<unsigned, esp::SaEntry> entries_;
};

inline std::string describe(const esp::SecurityAssociation& sa) {
  std::ostringstream s;
  s << esp::to_string(sa.suite.cipher) << "/" << esp::to_string(sa.suite.integrity)
    << (sa.mode == esp::Mode::tunnel ? " tunnel" : " transport")
    << (sa.encapsulation == esp::Encapsulation::bare_esp ? " bare"
        : sa.encapsulation == esp::Encapsulation::ipv4   ? " ipv4"
                                                         : " ipv4_udp")
    << (sa.extended_sequence_numbers ? " esn" : "") << " spi " << std::hex << sa.spi;
  return s.str();
}

// Checks one RTL outcome against the reference; `what` names the packet.
inline bool check_outcome(const OutboundOutcome& got, const OutboundExpected& want,
                          const std::string& what) {
  const unsigned want_code = static_cast<unsigned>(want.status);
  const bool ok = want.status == esp::EspStatus::ok;
  bool good = got.code == want_code && got.emitted == ok && got.discarded == false &&
              got.sequence == (ok ? want.sequence : 0) && got.events == want.events &&
              got.length == (ok ? want.packet.size() : 0) && (!ok || got.packet == want.packet) &&
              (want.status == esp::EspStatus::no_sa || got.spi == want.spi);
  BOOST_TEST(good, "esp_outbound "
                       << what << ": expected status " << want_code << " seq " << want.sequence
                       << " events " << want.events << " len " << want.packet.size() << " "
                       << to_hex(want.packet) << "\n got status " << got.code << " seq "
                       << got.sequence << " events " << got.events << " len " << got.length
                       << " emitted " << got.emitted << " tuser " << got.discarded << " spi "
                       << got.spi << " " << to_hex(got.packet));
  return good;
}

// A whole unfragmented IPv4 packet: IHL words of header (options random),
// valid checksum, `payload` random bytes.
inline Bytes random_ipv4_packet(std::mt19937_64& rng, unsigned ihl, std::size_t payload) {
  const std::size_t header = ihl * 4u;
  Bytes p = random_bytes(rng, header + payload);
  const std::size_t total = header + payload;
  p[0] = static_cast<std::uint8_t>(0x40 | ihl);
  p[2] = static_cast<std::uint8_t>(total >> 8);
  p[3] = static_cast<std::uint8_t>(total);
  p[6] &= 0x40;  // DF may be set; no MF, offset 0
  p[7] = 0;
  p[10] = p[11] = 0;
  const std::uint16_t ck = esp::internet_checksum(std::span<const std::uint8_t>(p.data(), header));
  p[10] = static_cast<std::uint8_t>(ck >> 8);
  p[11] = static_cast<std::uint8_t>(ck);
  return p;
}

inline esp::SecurityAssociation random_sa(std::mt19937_64& rng, esp::Suite suite, esp::Mode mode,
                                          esp::Encapsulation encapsulation, bool esn) {
  esp::SecurityAssociation sa;
  sa.spi = 0x100 + static_cast<std::uint32_t>(rng() % 0xfffffe00u);
  sa.direction = esp::Direction::outbound;
  sa.mode = mode;
  sa.encapsulation = encapsulation;
  sa.suite = suite;
  sa.cipher_key = esp::SecretBytes(random_bytes(rng, esp::properties(suite.cipher).key_size));
  sa.integrity_key = esp::SecretBytes(random_bytes(rng, esp::properties(suite.integrity).key_size));
  const Bytes salt = random_bytes(rng, 4);
  std::copy(salt.begin(), salt.end(), sa.gcm_salt.begin());
  const Bytes addresses = random_bytes(rng, 8);
  std::copy(addresses.begin(), addresses.begin() + 4, sa.tunnel_source.begin());
  std::copy(addresses.begin() + 4, addresses.end(), sa.tunnel_destination.begin());
  sa.udp_source_port = static_cast<std::uint16_t>(rng());
  sa.ttl = static_cast<std::uint8_t>(rng());
  sa.extended_sequence_numbers = esn;
  sa.sequence = rng() % 100000;
  return sa;
}

}  // namespace ipsec_fpga::verif::esp_rtl
