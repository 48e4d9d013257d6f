#pragma once
// The gateway's configuration as read from its TOML file (docs/config.md):
// the [gateway] settings and one RuleConfig per [[rule]], the fields of the
// manual's IPSec setup screen. to_ike_rule() turns a rule into what ike/
// negotiates with; the rest (index, name, active, idle timeout, manual
// keys) is the host's business.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ike/esp_suite.hpp"
#include "ike/ip_address.hpp"
#include "ike/phase1_suite.hpp"
#include "ike/rule.hpp"
#include "ike/secure_bytes.hpp"
#include "ike/traffic_selector.hpp"

namespace ipsec_fpga::host {

enum class KeyManagement : std::uint8_t { ike, manual };

// One direction of a manually keyed SA (key_management = "manual").
struct ManualSaKeys {
  std::uint32_t spi = 0;
  ike::SecureBytes encryption_key;      // incl. the 4-byte salt for AES-GCM
  ike::SecureBytes authentication_key;  // empty for AES-GCM and auth "none"
  friend bool operator==(const ManualSaKeys&, const ManualSaKeys&) = default;
};

struct ManualKeys {
  ManualSaKeys outbound;
  ManualSaKeys inbound;
  friend bool operator==(const ManualKeys&, const ManualKeys&) = default;
};

struct RuleConfig {
  int index = 1;  // "#"; the rule number of the log lines
  std::string name;
  bool active = true;
  ike::IpAddress my_ip;                          // "My IP Addr"; 0.0.0.0 follows the WAN address
  std::optional<ike::IpAddress> secure_gateway;  // nullopt: 0.0.0.0, dynamic peer (responder only)
  ike::TrafficSelector local;                    // "Local Addr"
  ike::TrafficSelector remote;                   // "Remote Addr"
  KeyManagement key_management = KeyManagement::ike;
  ike::Phase1Mode negotiation_mode = ike::Phase1Mode::main;
  ike::SecureBytes pre_shared_key;         // empty with manual keys
  bool tunnel_mode = true;                 // "Encapsulation Mode"
  std::vector<ike::Phase1Suite> phase1;    // in order of preference; empty with manual keys
  std::vector<ike::EspSuite> phase2;       // in order of preference; one with manual keys
  std::uint32_t idle_timeout_seconds = 0;  // 0: never
  bool nat_traversal = true;
  std::optional<ManualKeys> manual_keys;
  int source_line = 0;  // of the [[rule]] header, for later messages

  bool follows_wan_address() const { return my_ip.is_unspecified(); }
  bool dynamic_peer() const { return !secure_gateway.has_value(); }
};

struct GatewaySettings {
  std::string wan_interface;
  std::optional<ike::IpAddress> wan_address;  // nullopt: "dhcp"/"interface", follow the interface
  std::string lan_interface = "ipsec0";       // the TUN device
  std::optional<ike::IpAddress> lan_address;  // nullopt: leave the TUN address alone
  unsigned lan_prefix_length = 0;
  std::uint16_t ike_port = 500;
  std::uint16_t nat_t_port = 4500;
  std::string log_file = "/var/log/ipsec-fpga.log";
  std::size_t log_ring_size = 256;
  std::string board = "sim:";
  // Global, as ike::Policy and ike::EngineSettings ask for them.
  std::size_t max_phase2_negotiations = 8;
  int error_threshold = 5;
  friend bool operator==(const GatewaySettings&, const GatewaySettings&) = default;
};

struct GatewayConfig {
  std::string source_name;  // the file name errors were reported against
  GatewaySettings gateway;
  std::vector<RuleConfig> rules;  // in file order

  const RuleConfig* rule(int index) const;
};

// The ike::Rule for `rule`; `wan_address` stands in for a "My IP Addr" of
// 0.0.0.0. Only meaningful for key_management = ike.
ike::Rule to_ike_rule(const RuleConfig& rule, const ike::IpAddress& wan_address);
// The active IKE-keyed rules by ascending index, ready for ike::RuleTable.
std::vector<ike::Rule> to_ike_rules(const GatewayConfig& config, const ike::IpAddress& wan_address);

}  // namespace ipsec_fpga::host
