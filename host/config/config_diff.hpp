#pragma once
// What a SIGHUP reload changes: rules added, removed or changed (matched by
// index), so tunnels of unchanged rules stay up. Changed fields are named,
// never their values (two keys differ or not, that is all it says).

#include <string>
#include <vector>

#include "host/config/gateway_config.hpp"

namespace ipsec_fpga::host {

struct RuleChange {
  int index = 0;
  std::vector<std::string> fields;  // config file names: "remote", "phase2", "pre_shared_key"
  friend bool operator==(const RuleChange&, const RuleChange&) = default;
};

struct ConfigDiff {
  std::vector<int> added;  // indexes, ascending
  std::vector<int> removed;
  std::vector<RuleChange> changed;
  std::vector<int> unchanged;
  std::vector<std::string> gateway_fields;  // changed [gateway] fields

  bool rules_changed() const { return !added.empty() || !removed.empty() || !changed.empty(); }
  bool empty() const { return !rules_changed() && gateway_fields.empty(); }
};

// The fields of `after` that differ from `before` (same index assumed).
std::vector<std::string> changed_rule_fields(const RuleConfig& before, const RuleConfig& after);
ConfigDiff diff_configs(const GatewayConfig& before, const GatewayConfig& after);

}  // namespace ipsec_fpga::host
