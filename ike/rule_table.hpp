#pragma once
// A Policy over a fixed list of rules: the straightforward reading of the
// manual (rules matched by secure gateway, IDs narrowed inside the rule's
// ranges, dynamic peers checked against the other rules).

#include <vector>

#include "ike/policy.hpp"

namespace ipsec_fpga::ike {

class RuleTable : public Policy {
 public:
  explicit RuleTable(std::vector<Rule> rules, std::size_t max_phase2 = 8)
      : rules_(std::move(rules)), max_phase2_(max_phase2) {}

  const Rule* rule_by_number(int number) const override;
  const Rule* find_rule(const IpAddress& peer, Phase1Mode mode,
                        std::span<const Phase1Suite> offered) const override;
  IdCheck verify_ids(const Rule& rule, const TrafficSelector& peer_local,
                     const TrafficSelector& peer_remote,
                     std::span<const TrafficSelector> active_remote) const override;
  std::size_t max_phase2_negotiations() const override { return max_phase2_; }

  std::vector<Rule>& rules() { return rules_; }
  void set_max_phase2_negotiations(std::size_t max) { max_phase2_ = max; }

 private:
  std::vector<Rule> rules_;
  std::size_t max_phase2_;
};

}  // namespace ipsec_fpga::ike
