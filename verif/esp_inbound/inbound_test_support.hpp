// Shared by the esp_inbound tests: SAs installed in both the RTL table and
// the ESP reference, packets made by the reference's outbound twin, and the
// packet-by-packet comparison of the RTL's statuses and output with the
// reference's process_inbound.
#pragma once

#include <boost/test/unit_test.hpp>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "Vesp_inbound_harness.h"
#include "esp_inbound.hpp"
#include "esp_inbound_driver.hpp"
#include "esp_outbound.hpp"
#include "sa_image.hpp"
#include "sa_table.hpp"

namespace ipsec_fpga::verif::esp_rtl::test {

namespace esp = ipsec_fpga::verif::esp;
using Driver = EspInboundDriver<Vesp_inbound_harness>;
constexpr unsigned entry_count = 64;  // ENTRY_BITS = 6: index = SPI[5:0]

inline const esp::Ipv4Address gateway_a{192, 0, 2, 1};    // RFC 5737 TEST-NET-1
inline const esp::Ipv4Address gateway_b{203, 0, 113, 1};  // RFC 5737 TEST-NET-3

// An SA pair: the sender (outbound twin, reference only) and the receiver
// (inbound, in the reference table and in the RTL table at `index`).
struct TestSa {
  unsigned index = 0;
  esp::SaEntry* sender = nullptr;
  esp::SaEntry* receiver = nullptr;
  std::uint32_t threshold = 0;
  bool error_event_raised = false;
};

// Reference tables and the RTL table kept side by side.
class InboundWorld {
 public:
  InboundWorld(const std::string& name, std::uint64_t seed)
      : rng(seed), driver(name, seed ^ 0x5a5a) {}

  // A random SA of `suite` at `index` (SPI = random << 6 | index).
  TestSa& add_sa(unsigned index, esp::Suite suite, esp::Mode mode, esp::Encapsulation form,
                 bool esn, std::uint64_t start_sequence = 0, esp::LifetimeLimits limits = {},
                 std::uint32_t threshold = 0) {
    std::uint32_t spi;
    do {
      spi = (static_cast<std::uint32_t>(rng()) & ~63u) | index;
    } while (spi < 256 || receivers.find(esp::Direction::inbound, spi) != nullptr);
    esp::SecurityAssociation out;
    out.spi = spi;
    out.direction = esp::Direction::outbound;
    out.mode = mode;
    out.encapsulation = form;
    out.tunnel_source = gateway_a;
    out.tunnel_destination = gateway_b;
    out.suite = suite;
    out.cipher_key = esp::SecretBytes(random_bytes(rng, esp::properties(suite.cipher).key_size));
    out.integrity_key =
        esp::SecretBytes(random_bytes(rng, esp::properties(suite.integrity).key_size));
    for (auto& b : out.gcm_salt) b = static_cast<std::uint8_t>(rng());
    out.extended_sequence_numbers = esn;
    out.sequence = start_sequence;
    esp::SecurityAssociation in = out;
    in.direction = esp::Direction::inbound;
    std::swap(in.tunnel_source, in.tunnel_destination);
    in.lifetime = limits;
    return add_pair(index, std::move(out), std::move(in), threshold);
  }

  TestSa& add_pair(unsigned index, esp::SecurityAssociation out, esp::SecurityAssociation in,
                   std::uint32_t threshold = 0) {
    if (auto* old = receivers.find(esp::Direction::inbound, in.spi)) (void)old;
    auto sa = std::make_unique<TestSa>();
    sa->index = index;
    sa->threshold = threshold;
    // Remove whatever the slot held before.
    if (by_index.count(index)) {
      receivers.remove(esp::Direction::inbound, by_index[index]->receiver->sa.spi);
      senders.remove(esp::Direction::outbound, by_index[index]->sender->sa.spi);
    }
    sa->sender = &senders.add(std::move(out));
    sa->receiver = &receivers.add(std::move(in));
    driver.install(index, sa_image(*sa->receiver, {threshold}));
    by_index[index] = std::move(sa);
    return *by_index[index];
  }

  // The next packet (or the one with `sequence`) sent on the sender of `sa`.
  Bytes send(TestSa& sa, const Bytes& inner, std::uint64_t sequence = 0) {
    if (sequence != 0) sa.sender->sa.sequence = sequence - 1;
    const Bytes iv = random_bytes(rng, esp::properties(sa.sender->sa.suite.cipher).iv_size);
    esp::OutboundResult result =
        esp::process_outbound(*sa.sender, {inner, iv, static_cast<std::uint16_t>(rng()), {}});
    if (result.status != esp::EspStatus::ok)
      throw std::runtime_error("reference outbound failed: " +
                               std::string(esp::to_string(result.status)));
    return result.packet;
  }

  // A random inner packet: a whole IPv4 packet (transport mode needs one) of
  // `size` bytes (at least 20), random contents after the header.
  Bytes inner_packet(std::size_t size) {
    if (size < 20) return random_bytes(rng, size);
    Bytes p = random_bytes(rng, size);
    p[0] = 0x45;
    p[1] = 0;
    p[2] = static_cast<std::uint8_t>(size >> 8);
    p[3] = static_cast<std::uint8_t>(size);
    p[6] = 0;
    p[7] = 0;
    p[9] = 17;
    p[10] = p[11] = 0;
    const std::uint16_t c = esp::internet_checksum(std::span(p).first(20));
    p[10] = static_cast<std::uint8_t>(c >> 8);
    p[11] = static_cast<std::uint8_t>(c);
    return p;
  }

  // What the RTL must report for `packet`, from the reference (which it
  // updates, as the RTL updates its table).
  InboundResult expect(const Bytes& packet, unsigned form) {
    const esp::InboundResult r =
        esp::process_inbound(receivers, packet, static_cast<esp::Encapsulation>(form));
    InboundResult e;
    e.code = static_cast<unsigned>(r.status);
    e.spi = r.spi;
    e.sa = r.spi & (entry_count - 1);
    e.sequence = r.sequence;
    if (r.status == esp::EspStatus::ok) e.output = r.inner;
    e.length = static_cast<unsigned>(e.output.size());
    e.events = (r.events.soft_lifetime ? 1u : 0u) | (r.events.hard_lifetime ? 2u : 0u);
    // Error-threshold event: the reference counts errors but has no event.
    if (r.status == esp::EspStatus::auth_failed || r.status == esp::EspStatus::replay ||
        r.status == esp::EspStatus::decrypt_failed) {
      if (auto* entry = receivers.find(esp::Direction::inbound, r.spi)) {
        TestSa& sa = *by_index.at(r.spi & (entry_count - 1));
        const auto& u = entry->usage;
        if (sa.threshold != 0 && !sa.error_event_raised &&
            u.replays + u.auth_failures + u.decrypt_failures >= sa.threshold) {
          sa.error_event_raised = true;
          e.events |= 8u;
        }
      }
    }
    return e;
  }

  std::mt19937_64 rng;
  esp::SaTable senders;
  esp::SaTable receivers;
  std::map<unsigned, std::unique_ptr<TestSa>> by_index;
  Driver driver;
};

inline std::string describe(const InboundResult& r) {
  std::ostringstream s;
  s << "code " << r.code << " sa " << r.sa << " spi 0x" << std::hex << r.spi << " seq 0x"
    << r.sequence << std::dec << " length " << r.length << " events " << r.events << " output "
    << to_hex(r.output);
  return s.str();
}

// Compares one packet's RTL result with the expectation; returns true if equal.
inline bool check_result(const std::string& what, const InboundResult& actual,
                         const InboundResult& expected) {
  const bool same = actual.code == expected.code && actual.spi == expected.spi &&
                    (actual.sa == expected.sa || expected.spi == 0) &&
                    actual.sequence == expected.sequence && actual.length == expected.length &&
                    actual.events == expected.events && actual.output == expected.output;
  BOOST_TEST(same, "esp_inbound " << what << ": expected " << describe(expected) << " got "
                                  << describe(actual));
  return same;
}

// The engine-written fields of the RTL entry against the reference entry.
inline void check_entry(const std::string& what, Driver& driver, const TestSa& sa) {
  namespace L = sa_layout;
  const SaWords rtl = driver.read_entry(sa.index);
  const esp::SaEntry& ref = *sa.receiver;
  const std::uint64_t got[] = {
      field_value(rtl, L::sequence),          field_value(rtl, L::byte_count),
      field_value(rtl, L::packet_count),      field_value(rtl, L::auth_errors),
      field_value(rtl, L::replay_errors),     field_value(rtl, L::decrypt_errors),
      field_value(rtl, L::expired),           field_value(rtl, L::soft_event_raised),
      field_value(rtl, L::error_event_raised)};
  const std::uint64_t want[] = {ref.sa.sequence,
                                ref.usage.bytes,
                                ref.usage.packets,
                                ref.usage.auth_failures,
                                ref.usage.replays,
                                ref.usage.decrypt_failures,
                                ref.expired ? 1u : 0u,
                                ref.soft_limit_reported ? 1u : 0u,
                                sa.error_event_raised ? 1u : 0u};
  const char* names[] = {"sequence",    "byte_count",        "packet_count",
                         "auth_errors", "replay_errors",     "decrypt_errors",
                         "expired",     "soft_event_raised", "error_event_raised"};
  for (unsigned i = 0; i < 9; ++i)
    BOOST_TEST(got[i] == want[i], "esp_inbound " << what << " SA " << sa.index << " " << names[i]
                                                 << ": expected " << want[i] << " got " << got[i]);
}

}  // namespace ipsec_fpga::verif::esp_rtl::test
