#include "host/gateway/gateway_policy.hpp"

#include <algorithm>

namespace ipsec_fpga::host {

void GatewayPolicy::set_rules(std::vector<ike::Rule> rules, std::size_t max_phase2,
                              const std::vector<int>& unchanged) {
  std::map<int, std::unique_ptr<ike::Rule>> next;
  for (const ike::Rule& rule : rules) {
    auto old = current_.find(rule.number);
    const bool keep = std::find(unchanged.begin(), unchanged.end(), rule.number) != unchanged.end();
    if (keep && old != current_.end()) {
      next[rule.number] = std::move(old->second);
      current_.erase(old);
    } else {
      next[rule.number] = std::make_unique<ike::Rule>(rule);
    }
  }
  for (auto& [number, rule] : current_) retired_.push_back(std::move(rule));
  current_ = std::move(next);
  // The table decides with copies of the same rules (kept ones as they are).
  std::vector<ike::Rule> copies;
  for (const auto& [number, rule] : current_) copies.push_back(*rule);
  table_ = ike::RuleTable(std::move(copies), max_phase2);
  for (ike::Rule& rule : rules) rule.pre_shared_key.clear();
}

const ike::Rule* GatewayPolicy::rule_by_number(int number) const {
  auto it = current_.find(number);
  return it == current_.end() ? nullptr : it->second.get();
}

const ike::Rule* GatewayPolicy::find_rule(const ike::IpAddress& peer, ike::Phase1Mode mode,
                                          std::span<const ike::Phase1Suite> offered) const {
  const ike::Rule* found = table_.find_rule(peer, mode, offered);
  return found == nullptr ? nullptr : rule_by_number(found->number);
}

ike::IdCheck GatewayPolicy::verify_ids(const ike::Rule& rule,
                                       const ike::TrafficSelector& peer_local,
                                       const ike::TrafficSelector& peer_remote,
                                       std::span<const ike::TrafficSelector> active_remote) const {
  const ike::Rule* own = table_.rule_by_number(rule.number);
  return table_.verify_ids(own != nullptr ? *own : rule, peer_local, peer_remote, active_remote);
}

void GatewayPolicy::cleanse() {
  for (auto& [number, rule] : current_) rule->pre_shared_key.clear();
  for (auto& rule : retired_) rule->pre_shared_key.clear();
  for (ike::Rule& rule : table_.rules()) rule.pre_shared_key.clear();
}

}  // namespace ipsec_fpga::host
