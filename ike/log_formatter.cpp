#include "ike/log_formatter.hpp"

#include <cstdio>

namespace ipsec_fpga::ike {

bool LogEvent::is_error() const {
  switch (message) {
    case LogMessage::cannot_find_outbound_sa:
    case LogMessage::send_main_mode_request:
    case LogMessage::send_aggressive_mode_request:
    case LogMessage::recv_main_mode_request:
    case LogMessage::recv_aggressive_mode_request:
    case LogMessage::send_payloads:
    case LogMessage::recv_payloads:
    case LogMessage::phase1_done:
    case LogMessage::start_phase2_quick_mode:
    case LogMessage::notify_received:
    case LogMessage::sa_deleted:
      return false;
    default:
      return true;
  }
}

std::string LogFormatter::symbol(PayloadType type) {
  switch (type) {
    case PayloadType::sa:
      return "SA";
    case PayloadType::proposal:
      return "PROP";
    case PayloadType::transform:
      return "TRANS";
    case PayloadType::key_exchange:
      return "KE";
    case PayloadType::identification:
      return "ID";
    case PayloadType::certificate:
      return "CER";
    case PayloadType::certificate_request:
      return "CER_REQ";
    case PayloadType::hash:
      return "HASH";
    case PayloadType::signature:
      return "SIG";
    case PayloadType::nonce:
      return "NONCE";
    case PayloadType::notification:
      return "NOTFY";
    case PayloadType::del:
      return "DEL";
    case PayloadType::vendor_id:
      return "VID";
    case PayloadType::nat_d:
      return "NATD";
    case PayloadType::nat_oa:
      return "NATOA";
    case PayloadType::none:
      break;
  }
  return std::to_string(static_cast<unsigned>(type));
}

std::string LogFormatter::notify_name(NotifyType type) {
  switch (type) {
    case NotifyType::invalid_payload_type:
      return "INVALID-PAYLOAD-TYPE";
    case NotifyType::doi_not_supported:
      return "DOI-NOT-SUPPORTED";
    case NotifyType::situation_not_supported:
      return "SITUATION-NOT-SUPPORTED";
    case NotifyType::invalid_cookie:
      return "INVALID-COOKIE";
    case NotifyType::invalid_major_version:
      return "INVALID-MAJOR-VERSION";
    case NotifyType::invalid_minor_version:
      return "INVALID-MINOR-VERSION";
    case NotifyType::invalid_exchange_type:
      return "INVALID-EXCHANGE-TYPE";
    case NotifyType::invalid_flags:
      return "INVALID-FLAGS";
    case NotifyType::invalid_message_id:
      return "INVALID-MESSAGE-ID";
    case NotifyType::invalid_protocol_id:
      return "INVALID-PROTOCOL-ID";
    case NotifyType::invalid_spi:
      return "INVALID-SPI";
    case NotifyType::invalid_transform_id:
      return "INVALID-TRANSFORM-ID";
    case NotifyType::attributes_not_supported:
      return "ATTRIBUTES-NOT-SUPPORTED";
    case NotifyType::no_proposal_chosen:
      return "NO-PROPOSAL-CHOSEN";
    case NotifyType::bad_proposal_syntax:
      return "BAD-PROPOSAL-SYNTAX";
    case NotifyType::payload_malformed:
      return "PAYLOAD-MALFORMED";
    case NotifyType::invalid_key_information:
      return "INVALID-KEY-INFORMATION";
    case NotifyType::invalid_id_information:
      return "INVALID-ID-INFORMATION";
    case NotifyType::invalid_cert_encoding:
      return "INVALID-CERT-ENCODING";
    case NotifyType::invalid_certificate:
      return "INVALID-CERTIFICATE";
    case NotifyType::cert_type_unsupported:
      return "CERT-TYPE-UNSUPPORTED";
    case NotifyType::invalid_cert_authority:
      return "INVALID-CERT-AUTHORITY";
    case NotifyType::invalid_hash_information:
      return "INVALID-HASH-INFORMATION";
    case NotifyType::authentication_failed:
      return "AUTHENTICATION-FAILED";
    case NotifyType::invalid_signature:
      return "INVALID-SIGNATURE";
    case NotifyType::address_notification:
      return "ADDRESS-NOTIFICATION";
    case NotifyType::notify_sa_lifetime:
      return "NOTIFY-SA-LIFETIME";
    case NotifyType::certificate_unavailable:
      return "CERTIFICATE-UNAVAILABLE";
    case NotifyType::unsupported_exchange_type:
      return "UNSUPPORTED-EXCHANGE-TYPE";
    case NotifyType::unequal_payload_lengths:
      return "UNEQUAL-PAYLOAD-LENGTHS";
    case NotifyType::connected:
      return "CONNECTED";
    case NotifyType::responder_lifetime:
      return "RESPONDER-LIFETIME";
    case NotifyType::replay_status:
      return "REPLAY-STATUS";
    case NotifyType::initial_contact:
      return "INITIAL-CONTACT";
  }
  return "NOTIFY-" + std::to_string(static_cast<unsigned>(type));
}

std::string LogFormatter::message(const LogEvent& e) {
  auto bracketed = [](const std::string& s) { return "<" + s + ">"; };
  auto payloads = [&] {
    std::string out;
    for (PayloadType t : e.payloads) out += bracketed(symbol(t));
    return out;
  };
  switch (e.message) {
    case LogMessage::cannot_find_outbound_sa:
      return "Cannot find outbound SA for rule " + bracketed(std::to_string(e.rule));
    case LogMessage::send_main_mode_request:
      return "Send Main Mode request to " + bracketed(e.address.to_string());
    case LogMessage::send_aggressive_mode_request:
      return "Send Aggressive Mode request to " + bracketed(e.address.to_string());
    case LogMessage::recv_main_mode_request:
      return "Recv Main Mode request from " + bracketed(e.address.to_string());
    case LogMessage::recv_aggressive_mode_request:
      return "Recv Aggressive Mode request from " + bracketed(e.address.to_string());
    case LogMessage::send_payloads:
      return "Send:" + payloads();
    case LogMessage::recv_payloads:
      return "Recv:" + payloads();
    case LogMessage::phase1_done:
      return "Phase 1 IKE SA process done";
    case LogMessage::start_phase2_quick_mode:
      return "Start Phase 2: Quick Mode";
    case LogMessage::negotiation_in_process:
      return "!! IKE Negotiation is in process";
    case LogMessage::duplicate_request:
      return "!! Duplicate requests with the same cookie";
    case LogMessage::no_proposal_chosen:
      return "!! No proposal chosen";
    case LogMessage::verifying_local_id_failed:
      return "!! Verifying Local ID failed";
    case LogMessage::verifying_remote_id_failed:
      return "!! Verifying Remote ID failed";
    case LogMessage::ips_conflict_with_rule:
      return "!! Local / remote IPs of incoming request conflict with rule " +
             bracketed(std::to_string(e.rule));
    case LogMessage::invalid_ip:
      return "!! Invalid IP " + bracketed(e.range.first.to_string()) + "/" +
             bracketed(e.range.last.to_string());
    case LogMessage::remote_ip_conflicts:
      return "!! Remote IP " + bracketed(e.range.first.to_string()) + " / " +
             bracketed(e.range.last.to_string()) + " conflicts";
    case LogMessage::active_connection_exceeded:
      return "!! Active connection allowed exceeded";
    case LogMessage::packet_retransmit:
      return "!! IKE Packet Retransmit";
    case LogMessage::failed_to_send:
      return "!! Failed to send IKE Packet";
    case LogMessage::too_many_errors_deleting_sa:
      return "!! Too many errors! Deleting SA";
    case LogMessage::malformed_packet:
      return "!! Malformed IKE packet from " + bracketed(e.address.to_string()) + ": " + e.detail;
    case LogMessage::authentication_failed:
      return "!! Authentication failed with " + bracketed(e.address.to_string());
    case LogMessage::notify_received:
      return "Recv notify: " + notify_name(e.notify);
    case LogMessage::sa_deleted:
      return "Delete SA of rule " + bracketed(std::to_string(e.rule)) +
             (e.detail.empty() ? "" : ": " + e.detail);
  }
  return "";
}

std::string LogFormatter::line(int index, int day, int month, int hour, int minute, int second,
                               const std::string& message) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const char* month_name = month >= 1 && month <= 12 ? kMonths[month - 1] : "???";
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "%03d %02d %s %02d:%02d:%02d ", index % 1000, day % 100,
                month_name, hour % 100, minute % 100, second % 100);
  return prefix + message;
}

}  // namespace ipsec_fpga::ike
