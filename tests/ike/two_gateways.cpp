#include "two_gateways.hpp"

#include <type_traits>

namespace ipsec_fpga::ike::test {
namespace {
const IpAddress kNatPublic = *IpAddress::parse("203.0.113.5");
std::uint16_t nat_port(std::uint16_t inside) { return inside == 500 ? 50500 : 54500; }
}  // namespace

Rule TwoGateways::rule_a() {
  Rule r;
  r.number = 1;
  r.local_address = ip("192.0.2.1");
  r.peer_address = ip("198.51.100.1");
  r.pre_shared_key = SecureBytes(Bytes{'s', 'h', 'a', 'r', 'e', 'd'});
  r.phase1_suites = {Phase1Suite{}};
  r.phase2_suites = {EspSuite{}};
  r.local_selector = TrafficSelector::subnet(ip("10.1.0.0"), 16);
  r.remote_selector = TrafficSelector::subnet(ip("10.2.0.0"), 16);
  return r;
}

Rule TwoGateways::rule_b() {
  Rule r = rule_a();
  r.number = 7;
  r.local_address = ip("198.51.100.1");
  r.peer_address = ip("192.0.2.1");
  std::swap(r.local_selector, r.remote_selector);
  return r;
}

TwoGateways::TwoGateways(Rule ra, Rule rb, EngineSettings settings)
    : a({std::move(ra)}, "gateway A", settings),
      b({std::move(rb)}, "gateway B", settings),
      phase2_delay_ms_(settings.aggressive_phase2_delay_ms) {}

Datagram TwoGateways::through_nat(Datagram d, bool from_a) const {
  if (!nat_in_front_of_a) return d;
  if (from_a) {
    d.source = Endpoint{kNatPublic, nat_port(d.source.port)};
  } else {
    d.destination = Endpoint{
        ip("192.0.2.1"), d.destination.port == 50500 ? std::uint16_t{500} : std::uint16_t{4500}};
  }
  return d;
}

bool TwoGateways::drain(Side& from, Side& to, bool from_a) {
  bool moved = false;
  while (auto out = from.engine.poll()) {
    moved = true;
    std::visit(
        [&](auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, LogEvent>) {
            from.log.push_back(LogFormatter::message(o));
            from.events.push_back(o);
          } else if constexpr (std::is_same_v<T, SaInstall>) {
            from.installs.push_back(o);
          } else if constexpr (std::is_same_v<T, SaDelete>) {
            from.deletes.push_back(o);
          } else {
            from.sent.push_back(o);
            if (drop && drop(o, from_a)) return;
            to.engine.receive(through_nat(o, from_a));
          }
        },
        *out);
  }
  return moved;
}

void TwoGateways::run() {
  for (int round = 0; round < 1000; ++round) {
    bool moved = drain(a, b, true);
    moved = drain(b, a, false) || moved;
    if (!moved) return;
  }
}

void TwoGateways::settle() {
  run();
  if (phase2_delay_ms_ > 0) advance(phase2_delay_ms_, phase2_delay_ms_);
}

void TwoGateways::advance(std::uint64_t ms, std::uint64_t step) {
  std::uint64_t end = now + ms;
  while (now < end) {
    now += step;
    a.engine.tick(now);
    b.engine.tick(now);
    run();
  }
}

}  // namespace ipsec_fpga::ike::test
