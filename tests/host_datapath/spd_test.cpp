#define BOOST_TEST_MODULE host_datapath_spd
#include "host/datapath/spd.hpp"

#include <boost/test/unit_test.hpp>

#include "packet_builder.hpp"

using namespace ipsec_fpga;
using namespace ipsec_fpga::host;
using test::address_of;
using test::ipv4_packet;

namespace {

SpdRule rule(int number, ike::TrafficSelector local, ike::TrafficSelector remote) {
  return SpdRule{number, local, remote, std::chrono::seconds{0}};
}

ike::TrafficSelector range(std::string_view first, std::string_view last) {
  return {address_of(first), address_of(last)};
}

OutboundSa sa(unsigned entry, std::uint32_t spi, EspTransport transport) {
  OutboundSa s;
  s.sa.entry = entry;
  s.sa.spi = spi;
  s.peer = address_of("192.0.2.2");
  s.transport = transport;
  return s;
}

SpdMatch lookup(const Spd& spd, std::string_view source, std::string_view destination,
                std::uint8_t protocol = 1, std::uint16_t sport = 0, std::uint16_t dport = 0) {
  const auto packet = ipv4_packet(source, destination, protocol, sport, dport);
  const auto header = Ipv4Header::parse(packet);
  BOOST_TEST_REQUIRE(header.has_value());
  return spd.lookup_outbound(*header);
}

// Rule 1: single host to a /24; rule 2: a range to a range; rule 3: a
// subnet to anything in 203.0.113.0/24 (overlaps rule 1's remote).
void add_three_rules(Spd& spd) {
  spd.add_rule(rule(1, ike::TrafficSelector::host(address_of("198.51.100.10")),
                    ike::TrafficSelector::subnet(address_of("203.0.113.0"), 24)));
  spd.add_rule(
      rule(2, range("198.51.100.20", "198.51.100.29"), range("203.0.113.100", "203.0.113.110")));
  spd.add_rule(rule(3, ike::TrafficSelector::subnet(address_of("198.51.100.0"), 24),
                    ike::TrafficSelector::subnet(address_of("203.0.113.0"), 24)));
}

}  // namespace

BOOST_AUTO_TEST_CASE(single_address_rule) {
  Spd spd;
  add_three_rules(spd);
  spd.set_outbound_sa(1, sa(4, 0x1234, EspTransport::udp_4500));
  const SpdMatch m = lookup(spd, "198.51.100.10", "203.0.113.7");
  BOOST_TEST((m.verdict == SpdVerdict::protect), "expected protect, got " << to_string(m.verdict));
  BOOST_TEST(m.rule == 1);
  BOOST_TEST(m.sa.sa.spi == 0x1234u);
  BOOST_TEST(m.sa.sa.entry == 4u);
  BOOST_TEST(m.sa.peer.to_string() == "192.0.2.2");
  BOOST_TEST((m.sa.transport == EspTransport::udp_4500));
}

BOOST_AUTO_TEST_CASE(range_rule_edges) {
  Spd spd;
  add_three_rules(spd);
  spd.set_outbound_sa(2, sa(5, 0x2222, EspTransport::raw_esp));
  spd.set_outbound_sa(3, sa(6, 0x3333, EspTransport::udp_4500));
  // Both ends of both ranges are inside; one past either end falls to rule 3.
  for (auto [src, dst] :
       {std::pair{"198.51.100.20", "203.0.113.100"}, std::pair{"198.51.100.29", "203.0.113.110"}}) {
    const SpdMatch m = lookup(spd, src, dst);
    BOOST_TEST(m.rule == 2, src << " -> " << dst << ": expected rule 2, got " << m.rule);
    BOOST_TEST((m.sa.transport == EspTransport::raw_esp));
  }
  for (auto [src, dst] :
       {std::pair{"198.51.100.19", "203.0.113.100"}, std::pair{"198.51.100.30", "203.0.113.100"},
        std::pair{"198.51.100.25", "203.0.113.99"}, std::pair{"198.51.100.25", "203.0.113.111"}}) {
    const SpdMatch m = lookup(spd, src, dst);
    BOOST_TEST(m.rule == 3, src << " -> " << dst << ": expected rule 3, got " << m.rule);
  }
}

BOOST_AUTO_TEST_CASE(subnet_rule_and_first_match_wins) {
  Spd spd;
  add_three_rules(spd);
  spd.set_outbound_sa(1, sa(4, 0x1111, EspTransport::udp_4500));
  spd.set_outbound_sa(3, sa(6, 0x3333, EspTransport::udp_4500));
  // 198.51.100.10 -> 203.0.113.5 is in rules 1 and 3: rule 1 comes first.
  BOOST_TEST(lookup(spd, "198.51.100.10", "203.0.113.5").rule == 1);
  BOOST_TEST(lookup(spd, "198.51.100.0", "203.0.113.0").rule == 3);
  BOOST_TEST(lookup(spd, "198.51.100.255", "203.0.113.255").rule == 3);
  // Removing rule 1 lets rule 3 take its traffic.
  spd.remove_rule(1);
  BOOST_TEST(lookup(spd, "198.51.100.10", "203.0.113.5").rule == 3);
}

BOOST_AUTO_TEST_CASE(no_match) {
  Spd spd;
  add_three_rules(spd);
  for (auto [src, dst] : {std::pair{"198.51.101.1", "203.0.113.1"},     // source outside
                          std::pair{"198.51.100.1", "203.0.114.1"},     // destination outside
                          std::pair{"203.0.113.1", "198.51.100.1"}}) {  // reversed
    const SpdMatch m = lookup(spd, src, dst);
    BOOST_TEST((m.verdict == SpdVerdict::no_rule),
               src << " -> " << dst << ": expected no_rule, got " << to_string(m.verdict));
  }
  BOOST_TEST(Spd{}.rules().empty());
}

BOOST_AUTO_TEST_CASE(rule_without_sa_needs_negotiation) {
  Spd spd;
  add_three_rules(spd);
  spd.set_outbound_sa(3, sa(6, 0x3333, EspTransport::udp_4500));
  // Rule 1 matches first and has no SA: the verdict is rule 1's, not rule 3's SA.
  SpdMatch m = lookup(spd, "198.51.100.10", "203.0.113.5");
  BOOST_TEST((m.verdict == SpdVerdict::needs_negotiation),
             "expected needs_negotiation, got " << to_string(m.verdict));
  BOOST_TEST(m.rule == 1);
  spd.set_outbound_sa(1, sa(4, 0x1111, EspTransport::udp_4500));
  BOOST_TEST((lookup(spd, "198.51.100.10", "203.0.113.5").verdict == SpdVerdict::protect));
  spd.clear_outbound_sa(1);
  BOOST_TEST(
      (lookup(spd, "198.51.100.10", "203.0.113.5").verdict == SpdVerdict::needs_negotiation));
  BOOST_TEST(!spd.outbound_sa(1).has_value());
}

BOOST_AUTO_TEST_CASE(selector_protocol_and_port) {
  Spd spd;
  ike::TrafficSelector web = ike::TrafficSelector::subnet(address_of("203.0.113.0"), 24);
  web.protocol = 6;
  web.port = 443;
  spd.add_rule(rule(7, ike::TrafficSelector::subnet(address_of("198.51.100.0"), 24), web));
  BOOST_TEST(lookup(spd, "198.51.100.1", "203.0.113.1", 6, 40000, 443).rule == 7);
  BOOST_TEST(
      (lookup(spd, "198.51.100.1", "203.0.113.1", 6, 40000, 80).verdict == SpdVerdict::no_rule));
  BOOST_TEST(
      (lookup(spd, "198.51.100.1", "203.0.113.1", 17, 40000, 443).verdict == SpdVerdict::no_rule));
}

BOOST_AUTO_TEST_CASE(inbound_spis_and_check) {
  Spd spd;
  add_three_rules(spd);
  spd.add_inbound_sa(1, 0xabc00101);
  spd.add_inbound_sa(1, 0xabc00102);  // rekeyed: both live for a while
  spd.add_inbound_sa(3, 0xabc00203);
  BOOST_TEST((spd.rule_for_inbound_spi(0xabc00101) == 1));
  BOOST_TEST((spd.rule_for_inbound_spi(0xabc00102) == 1));
  BOOST_TEST((spd.rule_for_inbound_spi(0xabc00203) == 3));
  BOOST_TEST(!spd.rule_for_inbound_spi(0x999).has_value());
  spd.remove_inbound_sa(0xabc00101);
  BOOST_TEST(!spd.rule_for_inbound_spi(0xabc00101).has_value());
  BOOST_TEST(spd.inbound_spis(1) == std::vector<std::uint32_t>{0xabc00102});

  auto inner = [](std::string_view s, std::string_view d) {
    return *Ipv4Header::parse(ipv4_packet(s, d));
  };
  BOOST_TEST(spd.inbound_allowed(1, inner("203.0.113.9", "198.51.100.10")));
  BOOST_TEST(!spd.inbound_allowed(1, inner("203.0.113.9", "198.51.100.11")));
  BOOST_TEST(!spd.inbound_allowed(1, inner("198.51.100.10", "203.0.113.9")));  // wrong way round
  spd.remove_rule(3);
  BOOST_TEST(!spd.rule_for_inbound_spi(0xabc00203).has_value());
}

BOOST_AUTO_TEST_CASE(bad_rules_refused) {
  Spd spd;
  add_three_rules(spd);
  BOOST_CHECK_THROW(spd.add_rule(rule(1, range("198.51.100.1", "198.51.100.1"),
                                      range("203.0.113.1", "203.0.113.1"))),
                    std::invalid_argument);
  BOOST_CHECK_THROW(spd.add_rule(rule(9, range("198.51.100.9", "198.51.100.1"),
                                      range("203.0.113.1", "203.0.113.1"))),
                    std::invalid_argument);
  BOOST_CHECK_THROW(spd.set_outbound_sa(42, sa(0, 1, EspTransport::raw_esp)),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(ipv4_header_parsing) {
  std::string why;
  auto p = ipv4_packet("198.51.100.1", "203.0.113.1", 17, 1234, 4321);
  auto h = Ipv4Header::parse(p, &why);
  BOOST_TEST_REQUIRE(h.has_value());
  BOOST_TEST(h->source_port == 1234);
  BOOST_TEST(h->destination_port == 4321);
  p[6] = 0x00;
  p[7] = 0x10;  // a later fragment: no ports
  BOOST_TEST(Ipv4Header::parse(p)->destination_port == 0);
  BOOST_TEST(!Ipv4Header::parse(std::span(p).first(19), &why).has_value());
  BOOST_TEST(why == "IPv4 packet of 19 bytes (< 20)");
  p[0] = 0x60;
  BOOST_TEST(!Ipv4Header::parse(p, &why).has_value());
  BOOST_TEST(why == "IP version 6 (not IPv4)");
  p[0] = 0x4f;  // 60-byte header in a 28-byte packet
  BOOST_TEST(!Ipv4Header::parse(p, &why).has_value());
  BOOST_TEST(why == "IPv4 header length 60 in a packet of 28 bytes");
  p[0] = 0x45;
  p[3] = 200;
  BOOST_TEST(!Ipv4Header::parse(p, &why).has_value());
  BOOST_TEST(why == "IPv4 total length 200 in a packet of 28 bytes");
}
