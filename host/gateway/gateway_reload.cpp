// Reloading the configuration: changed and removed rules go, new ones come.
#include "host/config/config_diff.hpp"
#include "host/gateway/gateway_impl.hpp"

namespace ipsec_fpga::host {

void Gateway::Impl::apply_reload(GatewayConfig next) {
  const ConfigDiff diff = diff_configs(config, next);
  if (!diff.gateway_fields.empty()) {
    std::string fields;
    for (const std::string& f : diff.gateway_fields) fields += " " + f;
    note("reload: [gateway] changes other than the limits need a restart:" + fields);
  }
  std::vector<int> gone = diff.removed;
  for (const RuleChange& c : diff.changed) gone.push_back(c.index);
  for (int index : gone) {
    drop_rule(index);
    if (spd.rule(index)) {
      datapath->clear_outbound_sa(index);
      spd.remove_rule(index);
    }
  }
  // The limits apply at once; the rest of [gateway] keeps its running value.
  GatewaySettings keep = config.gateway;
  keep.max_phase2_negotiations = next.gateway.max_phase2_negotiations;
  keep.error_threshold = next.gateway.error_threshold;
  keep.log_ring_size = config.gateway.log_ring_size;
  next.gateway = keep;
  {
    std::lock_guard lock(state_mutex);
    config = std::move(next);
    ++reloads;
  }
  build_policy(diff.unchanged);
  std::vector<int> fresh = diff.added;
  for (const RuleChange& c : diff.changed) fresh.push_back(c.index);
  for (int index : fresh) {
    const RuleConfig* rule = config.rule(index);
    if (rule == nullptr || !rule->active) continue;
    try {
      setup_spd_rule(*rule);
    } catch (const std::exception& e) {
      note("reload: rule " + std::to_string(index) + ": " + e.what());
      continue;
    }
    add_routes(*rule);
    if (rule->key_management == KeyManagement::manual) install_manual(*rule);
  }
}

}  // namespace ipsec_fpga::host
