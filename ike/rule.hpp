#pragma once
// One VPN rule as the host configures it: who the peer is, how to
// authenticate, which Phase 1 and Phase 2 suites to offer or accept, and
// which traffic the IPsec SAs protect.

#include <optional>
#include <vector>

#include "ike/esp_suite.hpp"
#include "ike/ip_address.hpp"
#include "ike/payloads.hpp"
#include "ike/phase1_suite.hpp"
#include "ike/secure_bytes.hpp"
#include "ike/traffic_selector.hpp"

namespace ipsec_fpga::ike {

enum class Phase1Mode : std::uint8_t { main, aggressive };

struct Rule {
  int number = 1;
  IpAddress local_address;                // "My IP Addr"
  std::optional<IpAddress> peer_address;  // "Secure Gateway"; nullopt means 0.0.0.0 (any)
  Phase1Mode mode = Phase1Mode::main;
  SecureBytes pre_shared_key;
  // Phase 1 identities; default ID_IPV4_ADDR of the gateway addresses.
  std::optional<IdentificationPayload> local_id;
  std::optional<IdentificationPayload> peer_id;
  std::vector<Phase1Suite> phase1_suites;  // in order of preference
  std::vector<EspSuite> phase2_suites;     // in order of preference
  TrafficSelector local_selector;          // "Local Addr" range
  TrafficSelector remote_selector;         // "Remote Addr" range
  bool tunnel_mode = true;
  bool nat_traversal = true;  // offer the RFC 3947 vendor ID and NAT-D
  bool initial_contact = true;
};

}  // namespace ipsec_fpga::ike
