#include "host/log/packet_log_formatter.hpp"

namespace ipsec_fpga::host {

std::string PacketLogFormatter::message(const PacketLogEvent& e) {
  // Placeholders keep their angle brackets, <#d> is the bare number (docs/ike.md).
  switch (e.message) {
    case PacketLogMessage::wan_ip_changed:
      return "!! WAN IP changed to <" + e.address.to_string() + ">";
    case PacketLogMessage::cannot_find_phase2_sa:
      return "!! Cannot find Phase 2 SA";
    case PacketLogMessage::discard_replay:
      return "!! Discard REPLAY packet";
    case PacketLogMessage::inbound_auth_failed:
      return "!! Inbound packet authentication failed";
    case PacketLogMessage::inbound_decrypt_failed:
      return "!! Inbound packet decryption failed";
    case PacketLogMessage::rule_idle_timeout:
      return "Rule <" + std::to_string(e.rule) + "> idle time out, disconnect";
  }
  return "!! Unknown packet event " + std::to_string(static_cast<unsigned>(e.message));
}

bool PacketLogFormatter::is_error(const PacketLogEvent& e) {
  return e.message != PacketLogMessage::rule_idle_timeout;
}

std::string PacketLogFormatter::kind(PacketLogMessage message) {
  switch (message) {
    case PacketLogMessage::wan_ip_changed:
      return "wan_ip_changed";
    case PacketLogMessage::cannot_find_phase2_sa:
      return "cannot_find_phase2_sa";
    case PacketLogMessage::discard_replay:
      return "discard_replay";
    case PacketLogMessage::inbound_auth_failed:
      return "inbound_auth_failed";
    case PacketLogMessage::inbound_decrypt_failed:
      return "inbound_decrypt_failed";
    case PacketLogMessage::rule_idle_timeout:
      return "rule_idle_timeout";
  }
  return "packet_event_" + std::to_string(static_cast<unsigned>(message));
}

}  // namespace ipsec_fpga::host
