#include "host/config/rule_set_checks.hpp"

#include <cstdio>

#include "host/config/address_range.hpp"

namespace ipsec_fpga::host {
namespace {

std::string spi_text(std::uint32_t spi) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", spi);
  return text;
}

std::string peer_text(const RuleConfig& rule) {
  return rule.secure_gateway ? rule.secure_gateway->to_string() : "0.0.0.0 (dynamic)";
}

Diagnostics::Position where(const GatewayConfig& config, const RuleConfig& rule) {
  return {config.source_name, static_cast<unsigned>(rule.source_line), 0};
}

std::string context(const RuleConfig& rule) { return "rule " + std::to_string(rule.index); }

}  // namespace

void check_rule_set(const GatewayConfig& config, Diagnostics& diagnostics) {
  const auto& rules = config.rules;
  for (std::size_t later = 0; later < rules.size(); ++later) {
    const RuleConfig& rule = rules[later];
    for (std::size_t earlier = 0; earlier < later; ++earlier) {
      const RuleConfig& other = rules[earlier];
      if (other.index == rule.index) {
        diagnostics.error(where(config, rule), context(rule),
                          "index: " + std::to_string(rule.index) +
                              " is already used by the rule at line " +
                              std::to_string(other.source_line));
        continue;
      }
      if (rule.active && other.active && rule.secure_gateway == other.secure_gateway &&
          rule.local.intersect(other.local) && rule.remote.intersect(other.remote)) {
        diagnostics.error(
            where(config, rule), context(rule),
            "local " + describe_range(rule.local) + " / remote " + describe_range(rule.remote) +
                " overlaps rule " + std::to_string(other.index) + " (local " +
                describe_range(other.local) + " / remote " + describe_range(other.remote) +
                ", line " + std::to_string(other.source_line) + ") with the same secure gateway " +
                peer_text(rule));
      }
      if (rule.manual_keys && other.manual_keys &&
          rule.manual_keys->inbound.spi == other.manual_keys->inbound.spi) {
        diagnostics.error(where(config, rule), context(rule),
                          "manual keys: inbound SPI " + spi_text(rule.manual_keys->inbound.spi) +
                              " is already used by rule " + std::to_string(other.index));
      }
    }
  }
}

}  // namespace ipsec_fpga::host
