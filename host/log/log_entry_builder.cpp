#include "host/log/log_entry_builder.hpp"

#include "host/log/free_text_scrubber.hpp"
#include "host/log/packet_log_formatter.hpp"
#include "ike/log_formatter.hpp"

namespace ipsec_fpga::host {

std::string ike_event_kind(ike::LogMessage message) {
  using M = ike::LogMessage;
  switch (message) {
    case M::cannot_find_outbound_sa:
      return "cannot_find_outbound_sa";
    case M::send_main_mode_request:
      return "send_main_mode_request";
    case M::send_aggressive_mode_request:
      return "send_aggressive_mode_request";
    case M::recv_main_mode_request:
      return "recv_main_mode_request";
    case M::recv_aggressive_mode_request:
      return "recv_aggressive_mode_request";
    case M::send_payloads:
      return "send_payloads";
    case M::recv_payloads:
      return "recv_payloads";
    case M::phase1_done:
      return "phase1_done";
    case M::start_phase2_quick_mode:
      return "start_phase2_quick_mode";
    case M::negotiation_in_process:
      return "negotiation_in_process";
    case M::duplicate_request:
      return "duplicate_request";
    case M::no_proposal_chosen:
      return "no_proposal_chosen";
    case M::verifying_local_id_failed:
      return "verifying_local_id_failed";
    case M::verifying_remote_id_failed:
      return "verifying_remote_id_failed";
    case M::ips_conflict_with_rule:
      return "ips_conflict_with_rule";
    case M::invalid_ip:
      return "invalid_ip";
    case M::remote_ip_conflicts:
      return "remote_ip_conflicts";
    case M::active_connection_exceeded:
      return "active_connection_exceeded";
    case M::packet_retransmit:
      return "packet_retransmit";
    case M::failed_to_send:
      return "failed_to_send";
    case M::too_many_errors_deleting_sa:
      return "too_many_errors_deleting_sa";
    case M::malformed_packet:
      return "malformed_packet";
    case M::authentication_failed:
      return "authentication_failed";
    case M::notify_received:
      return "notify_received";
    case M::sa_deleted:
      return "sa_deleted";
  }
  return "ike_event_" + std::to_string(static_cast<unsigned>(message));
}

LogEntry entry_from(const ike::LogEvent& event) {
  ike::LogEvent safe = event;
  safe.detail = scrub_free_text(event.detail);
  LogEntry entry;
  entry.message = ike::LogFormatter::message(safe);
  entry.error = safe.is_error();
  entry.kind = ike_event_kind(safe.message);
  entry.rule = safe.rule;
  if (safe.message == ike::LogMessage::invalid_ip ||
      safe.message == ike::LogMessage::remote_ip_conflicts) {
    entry.address = safe.range.to_string();
  } else if (!safe.address.is_unspecified()) {
    entry.address = safe.address.to_string();
  }
  return entry;
}

LogEntry entry_from(const PacketLogEvent& event) {
  LogEntry entry;
  entry.message = PacketLogFormatter::message(event);
  entry.error = PacketLogFormatter::is_error(event);
  entry.kind = PacketLogFormatter::kind(event.message);
  entry.rule = event.rule;
  if (event.message == PacketLogMessage::wan_ip_changed) entry.address = event.address.to_string();
  return entry;
}

}  // namespace ipsec_fpga::host
