#pragma once
// Structured events behind the IPSec log (Table 27-1 of the manual, see
// shared/spec/log-catalog.md). LogFormatter turns them into the exact text.

#include <cstdint>
#include <string>
#include <vector>

#include "ike/ip_address.hpp"
#include "ike/isakmp_constants.hpp"
#include "ike/traffic_selector.hpp"

namespace ipsec_fpga::ike {

enum class LogMessage : std::uint8_t {
  // Table 27-1
  cannot_find_outbound_sa,       // rule
  send_main_mode_request,        // address
  send_aggressive_mode_request,  // address
  recv_main_mode_request,        // address
  recv_aggressive_mode_request,  // address
  send_payloads,                 // payloads
  recv_payloads,                 // payloads
  phase1_done,
  start_phase2_quick_mode,
  negotiation_in_process,
  duplicate_request,
  no_proposal_chosen,
  verifying_local_id_failed,
  verifying_remote_id_failed,
  ips_conflict_with_rule,  // rule
  invalid_ip,              // range
  remote_ip_conflicts,     // range
  active_connection_exceeded,
  packet_retransmit,
  failed_to_send,
  too_many_errors_deleting_sa,
  // Not in the manual: events the manual has no line for (see docs/ike.md).
  malformed_packet,       // address, detail (never secret)
  authentication_failed,  // address
  notify_received,        // notify
  sa_deleted,             // rule, detail
};

struct LogEvent {
  LogEvent() = default;
  LogEvent(LogMessage what, int rule_number = 0, IpAddress peer = {})
      : message(what), rule(rule_number), address(peer) {}

  LogMessage message = LogMessage::phase1_done;
  int rule = 0;       // 0 when no rule is known yet
  IpAddress address;  // the peer
  std::vector<PayloadType> payloads;
  TrafficSelector range;
  NotifyType notify = NotifyType::no_proposal_chosen;
  std::string detail;

  bool is_error() const;  // shown with a leading "!! "
};

}  // namespace ipsec_fpga::ike
