// What a running gateway tells `ipsec-fpga status` and `ipsec-fpga sa`:
// plain structs the Gateway fills (Gateway::status(), Gateway::sa_table())
// and the control socket carries as JSON (host/control/control_protocol.hpp).
// Values only, no driver or IKE types, so the CLI can decode them without a
// board. Keys and pre-shared keys never appear here, not even in part.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ipsec_fpga::host {

// The board the gateway drives (driver::Board::description/capabilities).
struct BoardStatus {
  std::string description;     // e.g. "sim: ipsec_fpga_core"
  std::string uri;             // as given to --board, e.g. "sim:"
  std::uint32_t build_id = 0;  // git commit of the bitstream/model, first 8 hex digits
  std::uint32_t protocol_version = 0;
  std::uint32_t clock_hz = 0;
  unsigned sa_entries = 0;       // SA table size
  unsigned sa_entries_used = 0;  // entries holding an SA now
  unsigned replay_window = 0;
  std::vector<std::string> suites;  // e.g. "aes128-cbc/hmac-sha1-96", "aes128-gcm"
  std::string link_summary;         // LinkStatistics::summary(), "" if all is well

  friend bool operator==(const BoardStatus&, const BoardStatus&) = default;
};

enum class RuleState : std::uint8_t {
  idle,         // no SA and no negotiation
  negotiating,  // IKE Phase 1 or 2 under way
  up,           // IPsec SAs installed on the board
};
std::string_view to_string(RuleState state);                         // "idle", "negotiating", "up"
bool rule_state_from_string(std::string_view text, RuleState& out);  // false if unknown

// One configured rule (the router's IPSec setup line) and where it stands.
struct RuleStatus {
  int index = 0;  // rule number, 1..
  std::string name;
  bool active = false;  // the rule's "active" setting
  RuleState state = RuleState::idle;
  std::string local_address;   // my IP ("0.0.0.0" = follows the WAN address)
  std::string peer_address;    // secure gateway; the dynamic peer's actual address once known
  std::string local_network;   // local address range/subnet as configured
  std::string remote_network;  // remote address range/subnet
  std::string key_management;  // "ike" or "manual"
  std::string encapsulation;   // "tunnel" or "transport"
  // IKE (Phase 1) SA: empty state if none.
  std::string ike_sa_state;                 // e.g. "main mode 3/3", "established"
  std::int64_t ike_lifetime_left_s = -1;    // seconds; -1: no IKE SA / not applicable
  std::int64_t ipsec_lifetime_left_s = -1;  // seconds left of the Phase 2 SA; -1: none
  // Traffic through this rule's SAs (host side, RuleCounters).
  std::uint64_t packets_out = 0, bytes_out = 0;
  std::uint64_t packets_in = 0, bytes_in = 0;

  friend bool operator==(const RuleStatus&, const RuleStatus&) = default;
};

// The data path's counters (DatapathStatistics, flattened).
struct DatapathCounters {
  std::uint64_t tun_packets = 0;
  std::uint64_t tun_not_ipv4 = 0;
  std::uint64_t no_rule = 0;
  std::uint64_t needs_sa = 0;
  std::uint64_t wan_esp = 0;
  std::uint64_t outbound_ok = 0, inbound_ok = 0;
  std::uint64_t inbound_unknown_rule = 0;
  std::uint64_t inbound_policy_mismatch = 0;
  std::uint64_t tun_write_failed = 0, wan_send_failed = 0;
  std::uint64_t submit_failed = 0;
  std::uint64_t outbound_errors = 0;  // board statuses other than ok, summed
  std::uint64_t inbound_errors = 0;   // auth/replay/no SA/decrypt failures, summed
  std::string last_error;

  friend bool operator==(const DatapathCounters&, const DatapathCounters&) = default;
};

struct GatewayStatus {
  std::string version;      // the ipsec-fpga version string
  std::string config_file;  // the file the running config came from
  std::string tun_name;     // "" if no TUN yet
  std::string wan_address;  // the current outside address, "" if unknown
  std::int64_t pid = 0;
  std::int64_t uptime_s = 0;  // seconds since the gateway started
  std::uint64_t reloads = 0;  // successful SIGHUP/reload count
  BoardStatus board;
  std::vector<RuleStatus> rules;  // in index order
  DatapathCounters datapath;

  friend bool operator==(const GatewayStatus&, const GatewayStatus&) = default;
};

// One SA in the board's table, read back with Board::sa_status. Never keys.
struct SaRow {
  unsigned entry = 0;     // SA table entry
  std::string direction;  // "inbound" / "outbound"
  std::uint32_t spi = 0;
  int rule = 0;               // rule index the SA belongs to
  std::string suite;          // e.g. "aes128-cbc/hmac-sha1-96"
  std::string encapsulation;  // "udp" (RFC 3948), "esp" (raw protocol 50)
  std::string mode;           // "tunnel" / "transport"
  bool enabled = false;
  bool expired = false;
  std::uint64_t sequence = 0;  // outbound: last sent; inbound: highest authenticated
  std::uint64_t packets = 0;
  std::uint64_t bytes = 0;
  std::uint32_t auth_errors = 0, replay_errors = 0, decrypt_errors = 0;
  // Lifetime: used so far and the limit (0 = none) in seconds and kilobytes.
  std::uint64_t lifetime_used_s = 0, lifetime_limit_s = 0;
  std::uint64_t lifetime_used_kb = 0, lifetime_limit_kb = 0;

  friend bool operator==(const SaRow&, const SaRow&) = default;
};

}  // namespace ipsec_fpga::host
