#include "host/config/gateway_config.hpp"

#include <algorithm>

namespace ipsec_fpga::host {

const RuleConfig* GatewayConfig::rule(int index) const {
  for (const RuleConfig& candidate : rules) {
    if (candidate.index == index) return &candidate;
  }
  return nullptr;
}

ike::Rule to_ike_rule(const RuleConfig& rule, const ike::IpAddress& wan_address) {
  ike::Rule out;
  out.number = rule.index;
  out.local_address = rule.follows_wan_address() ? wan_address : rule.my_ip;
  out.peer_address = rule.secure_gateway;
  out.mode = rule.negotiation_mode;
  out.pre_shared_key = rule.pre_shared_key;
  out.phase1_suites = rule.phase1;
  out.phase2_suites = rule.phase2;
  out.local_selector = rule.local;
  out.remote_selector = rule.remote;
  out.tunnel_mode = rule.tunnel_mode;
  out.nat_traversal = rule.nat_traversal;
  return out;
}

std::vector<ike::Rule> to_ike_rules(const GatewayConfig& config,
                                    const ike::IpAddress& wan_address) {
  // By index, not file order: moving a rule in the file changes nothing.
  std::vector<const RuleConfig*> ordered;
  for (const RuleConfig& rule : config.rules) ordered.push_back(&rule);
  std::sort(ordered.begin(), ordered.end(),
            [](const RuleConfig* a, const RuleConfig* b) { return a->index < b->index; });
  std::vector<ike::Rule> out;
  for (const RuleConfig* rule_ptr : ordered) {
    const RuleConfig& rule = *rule_ptr;
    if (rule.active && rule.key_management == KeyManagement::ike) {
      out.push_back(to_ike_rule(rule, wan_address));
    }
  }
  return out;
}

}  // namespace ipsec_fpga::host
