#pragma once
// Test harness: two IkeEngine instances wired back to back through an
// in-memory network that can drop datagrams, rewrite addresses like a NAT,
// and advance time. Collects each side's log lines and SA installs.

#include <functional>
#include <string>
#include <vector>

#include "ike/ike_engine.hpp"
#include "ike/log_formatter.hpp"
#include "ike/rule_table.hpp"
#include "ike/seeded_random_source.hpp"

namespace ipsec_fpga::ike::test {

inline IpAddress ip(const char* text) { return *IpAddress::parse(text); }

struct Side {
  Side(std::vector<Rule> rules, const std::string& seed, EngineSettings settings = {})
      : policy(std::move(rules)), random(seed), engine(policy, random, settings) {}
  RuleTable policy;
  SeededRandomSource random;
  IkeEngine engine;
  std::vector<std::string> log;
  std::vector<LogEvent> events;
  std::vector<SaInstall> installs;
  std::vector<SaDelete> deletes;
  std::vector<Datagram> sent;
};

// Gateway A (192.0.2.1, LAN 10.1.0.0/16) and gateway B (198.51.100.1, LAN
// 10.2.0.0/16); A can sit behind a NAT with public address 203.0.113.5.
class TwoGateways {
 public:
  static Rule rule_a();
  static Rule rule_b();

  TwoGateways(Rule a, Rule b, EngineSettings settings = {});

  // Delivers everything in flight until both sides are quiet.
  void run();
  // run(), then lets the Aggressive Mode initiator's Quick Mode delay
  // (EngineSettings::aggressive_phase2_delay_ms) pass: a whole negotiation.
  void settle();
  // Moves time forward in `step` increments, delivering as it goes.
  void advance(std::uint64_t ms, std::uint64_t step = 100);

  Side a;
  Side b;
  bool nat_in_front_of_a = false;
  // Return true to drop a datagram (from A when `from_a`).
  std::function<bool(const Datagram&, bool from_a)> drop;
  std::uint64_t now = 0;

 private:
  std::uint64_t phase2_delay_ms_;
  bool drain(Side& from, Side& to, bool from_a);
  Datagram through_nat(Datagram d, bool from_a) const;
};

}  // namespace ipsec_fpga::ike::test
