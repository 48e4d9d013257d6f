#include "host/config/config_diff.hpp"

#include <algorithm>
#include <map>

namespace ipsec_fpga::host {
namespace {

bool same_key(const ike::SecureBytes& a, const ike::SecureBytes& b) {
  return ike::constant_time_equal(a.view(), b.view());
}

bool same_manual_keys(const std::optional<ManualKeys>& a, const std::optional<ManualKeys>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  auto same_direction = [](const ManualSaKeys& x, const ManualSaKeys& y) {
    return x.spi == y.spi && same_key(x.encryption_key, y.encryption_key) &&
           same_key(x.authentication_key, y.authentication_key);
  };
  return same_direction(a->outbound, b->outbound) && same_direction(a->inbound, b->inbound);
}

std::map<int, const RuleConfig*> by_index(const GatewayConfig& config) {
  std::map<int, const RuleConfig*> out;
  for (const RuleConfig& rule : config.rules) out.emplace(rule.index, &rule);
  return out;
}

std::vector<std::string> changed_gateway_fields(const GatewaySettings& a,
                                                const GatewaySettings& b) {
  std::vector<std::string> fields;
  auto note = [&](bool same, const char* name) {
    if (!same) fields.emplace_back(name);
  };
  note(a.wan_interface == b.wan_interface, "wan_interface");
  note(a.wan_address == b.wan_address, "wan_address");
  note(a.lan_interface == b.lan_interface, "lan_interface");
  note(a.lan_address == b.lan_address && a.lan_prefix_length == b.lan_prefix_length, "lan_address");
  note(a.ike_port == b.ike_port, "ike_port");
  note(a.nat_t_port == b.nat_t_port, "nat_t_port");
  note(a.log_file == b.log_file, "log_file");
  note(a.log_ring_size == b.log_ring_size, "log_ring_size");
  note(a.board == b.board, "board");
  note(a.max_phase2_negotiations == b.max_phase2_negotiations, "max_phase2_negotiations");
  note(a.error_threshold == b.error_threshold, "error_threshold");
  return fields;
}

}  // namespace

std::vector<std::string> changed_rule_fields(const RuleConfig& a, const RuleConfig& b) {
  std::vector<std::string> fields;
  auto note = [&](bool same, const char* name) {
    if (!same) fields.emplace_back(name);
  };
  // source_line is deliberately absent: moving a rule in the file changes nothing.
  note(a.name == b.name, "name");
  note(a.active == b.active, "active");
  note(a.my_ip == b.my_ip, "my_ip");
  note(a.secure_gateway == b.secure_gateway, "secure_gateway");
  note(a.local == b.local, "local");
  note(a.remote == b.remote, "remote");
  note(a.key_management == b.key_management, "key_management");
  note(a.negotiation_mode == b.negotiation_mode, "negotiation_mode");
  note(same_key(a.pre_shared_key, b.pre_shared_key), "pre_shared_key");
  note(a.tunnel_mode == b.tunnel_mode, "encapsulation");
  note(a.phase1 == b.phase1, "phase1");
  note(a.phase2 == b.phase2, "phase2");
  note(a.idle_timeout_seconds == b.idle_timeout_seconds, "idle_timeout_seconds");
  note(a.nat_traversal == b.nat_traversal, "nat_traversal");
  note(same_manual_keys(a.manual_keys, b.manual_keys), "manual_keys");
  return fields;
}

ConfigDiff diff_configs(const GatewayConfig& before, const GatewayConfig& after) {
  ConfigDiff diff;
  auto old_rules = by_index(before), new_rules = by_index(after);
  for (const auto& [index, rule] : old_rules) {
    if (new_rules.count(index) == 0) diff.removed.push_back(index);
  }
  for (const auto& [index, rule] : new_rules) {
    auto old = old_rules.find(index);
    if (old == old_rules.end()) {
      diff.added.push_back(index);
      continue;
    }
    auto fields = changed_rule_fields(*old->second, *rule);
    if (fields.empty()) {
      diff.unchanged.push_back(index);
    } else {
      diff.changed.push_back({index, std::move(fields)});
    }
  }
  diff.gateway_fields = changed_gateway_fields(before.gateway, after.gateway);
  return diff;
}

}  // namespace ipsec_fpga::host
