#include "host/control/gateway_status.hpp"

namespace ipsec_fpga::host {

std::string_view to_string(RuleState state) {
  switch (state) {
    case RuleState::idle:
      return "idle";
    case RuleState::negotiating:
      return "negotiating";
    case RuleState::up:
      return "up";
  }
  return "idle";
}

bool rule_state_from_string(std::string_view text, RuleState& out) {
  for (RuleState s : {RuleState::idle, RuleState::negotiating, RuleState::up})
    if (to_string(s) == text) {
      out = s;
      return true;
    }
  return false;
}

}  // namespace ipsec_fpga::host
