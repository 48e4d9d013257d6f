// Every IKE line of Table 27-1 (shared/spec/log-catalog.md), character for
// character, plus the payload symbols of Table 27-3 and the line layout.
#define BOOST_TEST_MODULE ike_log
#include "ike/log_formatter.hpp"

#include <boost/test/unit_test.hpp>

#include "ike/rule_table.hpp"

using namespace ipsec_fpga::ike;

namespace {
IpAddress ip(const char* text) { return *IpAddress::parse(text); }
std::string text(LogMessage m, int rule = 0, const char* address = "192.168.100.100") {
  return LogFormatter::message(LogEvent(m, rule, ip(address)));
}
}  // namespace

BOOST_AUTO_TEST_CASE(table_27_1_lines) {
  BOOST_TEST(text(LogMessage::cannot_find_outbound_sa, 3) ==
             "Cannot find outbound SA for rule <3>");
  BOOST_TEST(text(LogMessage::send_main_mode_request) ==
             "Send Main Mode request to <192.168.100.100>");
  BOOST_TEST(text(LogMessage::send_aggressive_mode_request) ==
             "Send Aggressive Mode request to <192.168.100.100>");
  BOOST_TEST(text(LogMessage::recv_main_mode_request) ==
             "Recv Main Mode request from <192.168.100.100>");
  BOOST_TEST(text(LogMessage::recv_aggressive_mode_request) ==
             "Recv Aggressive Mode request from <192.168.100.100>");
  BOOST_TEST(text(LogMessage::phase1_done) == "Phase 1 IKE SA process done");
  BOOST_TEST(text(LogMessage::start_phase2_quick_mode) == "Start Phase 2: Quick Mode");
  BOOST_TEST(text(LogMessage::negotiation_in_process) == "!! IKE Negotiation is in process");
  BOOST_TEST(text(LogMessage::duplicate_request) == "!! Duplicate requests with the same cookie");
  BOOST_TEST(text(LogMessage::no_proposal_chosen) == "!! No proposal chosen");
  BOOST_TEST(text(LogMessage::verifying_local_id_failed) == "!! Verifying Local ID failed");
  BOOST_TEST(text(LogMessage::verifying_remote_id_failed) == "!! Verifying Remote ID failed");
  BOOST_TEST(text(LogMessage::ips_conflict_with_rule, 2) ==
             "!! Local / remote IPs of incoming request conflict with rule <2>");
  BOOST_TEST(text(LogMessage::active_connection_exceeded) ==
             "!! Active connection allowed exceeded");
  BOOST_TEST(text(LogMessage::packet_retransmit) == "!! IKE Packet Retransmit");
  BOOST_TEST(text(LogMessage::failed_to_send) == "!! Failed to send IKE Packet");
  BOOST_TEST(text(LogMessage::too_many_errors_deleting_sa) == "!! Too many errors! Deleting SA");

  LogEvent range(LogMessage::invalid_ip);
  range.range = {ip("10.0.0.9"), ip("10.0.0.1")};
  BOOST_TEST(LogFormatter::message(range) == "!! Invalid IP <10.0.0.9>/<10.0.0.1>");
  range.message = LogMessage::remote_ip_conflicts;
  range.range = {ip("10.3.0.0"), ip("10.3.255.255")};
  BOOST_TEST(LogFormatter::message(range) == "!! Remote IP <10.3.0.0> / <10.3.255.255> conflicts");
}

BOOST_AUTO_TEST_CASE(payload_lines_use_table_27_3_symbols) {
  LogEvent e(LogMessage::recv_payloads);
  e.payloads = {PayloadType::hash, PayloadType::sa, PayloadType::nonce, PayloadType::identification,
                PayloadType::identification};
  BOOST_TEST(LogFormatter::message(e) == "Recv:<HASH><SA><NONCE><ID><ID>");
  e.message = LogMessage::send_payloads;
  e.payloads = {
      PayloadType::sa,           PayloadType::proposal,     PayloadType::transform,
      PayloadType::key_exchange, PayloadType::certificate,  PayloadType::certificate_request,
      PayloadType::signature,    PayloadType::notification, PayloadType::del,
      PayloadType::vendor_id,    PayloadType::nat_d,        PayloadType::nat_oa};
  BOOST_TEST(LogFormatter::message(e) ==
             "Send:<SA><PROP><TRANS><KE><CER><CER_REQ><SIG><NOTFY><DEL><VID><NATD><NATOA>");
}

BOOST_AUTO_TEST_CASE(errors_are_marked) {
  BOOST_TEST(LogEvent(LogMessage::no_proposal_chosen).is_error());
  BOOST_TEST(!LogEvent(LogMessage::phase1_done).is_error());
  BOOST_TEST(!LogEvent(LogMessage::recv_payloads).is_error());
}

BOOST_AUTO_TEST_CASE(line_layout_matches_the_manual_example) {
  BOOST_TEST(
      LogFormatter::line(1, 1, 1, 8, 8, 7, "Recv Main Mode request from <192.168.100.100>") ==
      "001 01 Jan 08:08:07 Recv Main Mode request from <192.168.100.100>");
  BOOST_TEST(LogFormatter::line(12, 31, 12, 23, 59, 0, "Recv:<HASH>") ==
             "012 31 Dec 23:59:00 Recv:<HASH>");
}

BOOST_AUTO_TEST_CASE(notify_names) {
  BOOST_TEST(LogFormatter::notify_name(NotifyType::no_proposal_chosen) == "NO-PROPOSAL-CHOSEN");
  BOOST_TEST(LogFormatter::notify_name(NotifyType::initial_contact) == "INITIAL-CONTACT");
  BOOST_TEST(LogFormatter::notify_name(static_cast<NotifyType>(9999)) == "NOTIFY-9999");
}

// The dynamic-peer verdicts of the rule table, which feed three of the lines above.
BOOST_AUTO_TEST_CASE(rule_table_id_verdicts) {
  Rule fixed;
  fixed.number = 2;
  fixed.peer_address = ip("203.0.113.9");
  fixed.remote_selector = TrafficSelector::subnet(ip("10.3.0.0"), 16);
  Rule dynamic;
  dynamic.number = 4;
  dynamic.local_selector = TrafficSelector::subnet(ip("10.1.0.0"), 16);
  dynamic.remote_selector = TrafficSelector::subnet(ip("10.0.0.0"), 8);
  RuleTable table({fixed, dynamic});
  const Rule& rule = *table.rule_by_number(4);
  TrafficSelector ours = TrafficSelector::subnet(ip("10.1.0.0"), 16);

  auto conflict = table.verify_ids(rule, TrafficSelector::subnet(ip("10.3.1.0"), 24), ours, {});
  BOOST_TEST((conflict.verdict == IdCheck::Verdict::conflicts_with_rule));
  BOOST_TEST(conflict.conflicting_rule == 2);

  TrafficSelector backwards{ip("10.5.0.9"), ip("10.5.0.1")};
  BOOST_TEST(
      (table.verify_ids(rule, backwards, ours, {}).verdict == IdCheck::Verdict::invalid_range));

  std::vector<TrafficSelector> active{TrafficSelector::subnet(ip("10.6.0.0"), 16)};
  BOOST_TEST(
      (table.verify_ids(rule, TrafficSelector::subnet(ip("10.6.1.0"), 24), ours, active).verdict ==
       IdCheck::Verdict::remote_range_conflicts));

  auto narrowed = table.verify_ids(rule, TrafficSelector::subnet(ip("10.7.0.0"), 16),
                                   TrafficSelector::subnet(ip("10.0.0.0"), 8), {});
  BOOST_TEST((narrowed.verdict == IdCheck::Verdict::accepted));
  BOOST_TEST((narrowed.local == ours));
}

BOOST_AUTO_TEST_CASE(traffic_selector_id_round_trips) {
  for (const auto& ts :
       {TrafficSelector::host(ip("192.0.2.7")), TrafficSelector::subnet(ip("10.1.0.0"), 16),
        TrafficSelector{ip("10.0.0.5"), ip("10.0.0.9")},
        TrafficSelector::subnet(ip("2001:db8::"), 32)}) {
    auto back = TrafficSelector::from_id(ts.to_id());
    BOOST_REQUIRE(back.ok());
    BOOST_TEST((*back == ts));
  }
  BOOST_TEST((TrafficSelector::host(ip("192.0.2.7")).to_id().type == IdType::ipv4_addr));
  BOOST_TEST(
      (TrafficSelector::subnet(ip("10.1.0.0"), 16).to_id().type == IdType::ipv4_addr_subnet));
  IdentificationPayload holey{IdType::ipv4_addr_subnet, 0, 0, {10, 0, 0, 0, 255, 0, 255, 0}};
  BOOST_TEST(TrafficSelector::from_id(holey).reason() == "ID subnet mask is not contiguous");
}
