// The gateway's ike::Policy: a RuleTable for the decisions, behind rule
// objects whose addresses stay put across reloads. The engine keeps
// pointers to rules (and compares them) while ISAKMP SAs live, so a rule
// that a reload leaves unchanged keeps its object, and objects of removed or
// changed rules are kept (retired) until the gateway ends.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "ike/rule_table.hpp"

namespace ipsec_fpga::host {

class GatewayPolicy : public ike::Policy {
 public:
  // Installs `rules`. Numbers in `unchanged` keep the object they have
  // (its contents too); the others get new objects.
  void set_rules(std::vector<ike::Rule> rules, std::size_t max_phase2,
                 const std::vector<int>& unchanged = {});

  const ike::Rule* rule_by_number(int number) const override;
  const ike::Rule* find_rule(const ike::IpAddress& peer, ike::Phase1Mode mode,
                             std::span<const ike::Phase1Suite> offered) const override;
  ike::IdCheck verify_ids(const ike::Rule& rule, const ike::TrafficSelector& peer_local,
                          const ike::TrafficSelector& peer_remote,
                          std::span<const ike::TrafficSelector> active_remote) const override;
  std::size_t max_phase2_negotiations() const override { return table_.max_phase2_negotiations(); }

  // Zeroes the pre-shared keys of every rule object (current and retired).
  void cleanse();

 private:
  ike::RuleTable table_{{}};
  std::map<int, std::unique_ptr<ike::Rule>> current_;
  std::vector<std::unique_ptr<ike::Rule>> retired_;
};

}  // namespace ipsec_fpga::host
