#include "ike/rule_table.hpp"

namespace ipsec_fpga::ike {

const Rule* RuleTable::rule_by_number(int number) const {
  for (const auto& rule : rules_) {
    if (rule.number == number) return &rule;
  }
  return nullptr;
}

const Rule* RuleTable::find_rule(const IpAddress& peer, Phase1Mode mode,
                                 std::span<const Phase1Suite> offered) const {
  // Rules naming this gateway come first, then the dynamic (0.0.0.0) ones.
  for (bool dynamic : {false, true}) {
    for (const auto& rule : rules_) {
      if (rule.mode != mode || rule.peer_address.has_value() == dynamic) continue;
      if (!dynamic && *rule.peer_address != peer) continue;
      for (const auto& ours : rule.phase1_suites) {
        for (const auto& theirs : offered) {
          if (ours.same_algorithms(theirs)) return &rule;
        }
      }
    }
  }
  return nullptr;
}

IdCheck RuleTable::verify_ids(const Rule& rule, const TrafficSelector& peer_local,
                              const TrafficSelector& peer_remote,
                              std::span<const TrafficSelector> active_remote) const {
  IdCheck check;
  if (!peer_local.valid() || peer_local.first.is_unspecified()) {
    check.verdict = IdCheck::Verdict::invalid_range;
    check.offending_range = peer_local;
    return check;
  }
  if (!rule.peer_address) {
    // Dynamic peer: its range becomes our remote range, so it must not
    // collide with a rule for a fixed gateway or with another peer's SA.
    for (const auto& other : rules_) {
      if (&other != &rule && other.peer_address && other.remote_selector.intersect(peer_local)) {
        check.verdict = IdCheck::Verdict::conflicts_with_rule;
        check.conflicting_rule = other.number;
        return check;
      }
    }
    for (const auto& active : active_remote) {
      if (active.intersect(peer_local)) {
        check.verdict = IdCheck::Verdict::remote_range_conflicts;
        check.offending_range = peer_local;
        return check;
      }
    }
  }
  auto local = rule.local_selector.intersect(peer_remote);
  if (!local) {
    check.verdict = IdCheck::Verdict::local_id_failed;
    return check;
  }
  auto remote = rule.remote_selector.intersect(peer_local);
  if (!remote) {
    check.verdict = IdCheck::Verdict::remote_id_failed;
    return check;
  }
  check.local = *local;
  check.remote = *remote;
  return check;
}

}  // namespace ipsec_fpga::ike
