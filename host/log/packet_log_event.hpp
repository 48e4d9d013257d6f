// The log lines of the manual's Table 27-2 (packet transmission), which come
// from the data path rather than from IKE: the ESP engine's statuses for
// inbound packets, the WAN address, idle rules. Texts: IpsecLog
// (shared/spec/log-catalog.md, "Packet transmission").
#pragma once

#include <cstdint>

#include "ike/ip_address.hpp"

namespace ipsec_fpga::host {

enum class PacketLogMessage : std::uint8_t {
  wan_ip_changed,          // "!! WAN IP changed to <IP>"                 (address)
  cannot_find_phase2_sa,   // "!! Cannot find Phase 2 SA"                 (engine status no_sa)
  discard_replay,          // "!! Discard REPLAY packet"                  (engine status replay)
  inbound_auth_failed,     // "!! Inbound packet authentication failed"   (auth_failed)
  inbound_decrypt_failed,  // "!! Inbound packet decryption failed"       (decrypt_failed)
  rule_idle_timeout,       // "Rule <#d> idle time out, disconnect"       (rule)
};

struct PacketLogEvent {
  PacketLogMessage message = PacketLogMessage::cannot_find_phase2_sa;
  int rule = 0;           // rule_idle_timeout
  ike::IpAddress address;  // wan_ip_changed
};

}  // namespace ipsec_fpga::host
