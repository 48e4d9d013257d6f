// Every message of the catalog (shared/spec/log-catalog.md, Tables 27-1 and
// 27-2) rendered from its event through IpsecLog, compared character for
// character with the catalog text typed here; the manual's 12-line example
// screen; secrets and forged lines kept out of free text.
#define BOOST_TEST_MODULE host_log
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <set>

#include "host/log/ipsec_log.hpp"
#include "host/log/log_entry_builder.hpp"
#include "host/log/log_file_reader.hpp"
#include "host/log/log_views.hpp"
#include "test_clock.hpp"

using namespace ipsec_fpga::host;
using ipsec_fpga::ike::IpAddress;
using ipsec_fpga::ike::LogEvent;
using ipsec_fpga::ike::LogMessage;
using ipsec_fpga::ike::PayloadType;

namespace {

IpAddress ip(const char* text) { return *IpAddress::parse(text); }

// The one line IpsecLog keeps for the event (rate limit off: each case is new).
template <typename Event>
LogEntry logged(const Event& event) {
  test::ManualClock clock;
  IpsecLog log({.capacity = 128, .rate_limit = {.burst = 0}, .clock = clock.function()});
  log.add(event);
  auto entries = log.entries();
  BOOST_REQUIRE_EQUAL(entries.size(), 1u);
  return entries.front();
}

struct CatalogLine {
  LogEvent event;
  const char* expected;
};

LogEvent with_range(LogMessage message, const char* first, const char* last) {
  LogEvent event(message);
  event.range = {ip(first), ip(last)};
  return event;
}

LogEvent with_payloads(LogMessage message, std::vector<PayloadType> payloads) {
  LogEvent event(message);
  event.payloads = std::move(payloads);
  return event;
}

PacketLogEvent packet(PacketLogMessage message, int rule = 0, const char* address = "0.0.0.0") {
  return PacketLogEvent{message, rule, ip(address)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(table_27_1_every_ike_line) {
  const IpAddress peer = ip("192.168.100.100");
  const std::vector<CatalogLine> lines = {
      {LogEvent(LogMessage::cannot_find_outbound_sa, 3), "Cannot find outbound SA for rule <3>"},
      {LogEvent(LogMessage::send_main_mode_request, 1, peer),
       "Send Main Mode request to <192.168.100.100>"},
      {LogEvent(LogMessage::send_aggressive_mode_request, 1, peer),
       "Send Aggressive Mode request to <192.168.100.100>"},
      {LogEvent(LogMessage::recv_main_mode_request, 0, peer),
       "Recv Main Mode request from <192.168.100.100>"},
      {LogEvent(LogMessage::recv_aggressive_mode_request, 0, peer),
       "Recv Aggressive Mode request from <192.168.100.100>"},
      {with_payloads(LogMessage::send_payloads, {PayloadType::sa, PayloadType::vendor_id}),
       "Send:<SA><VID>"},
      {with_payloads(LogMessage::recv_payloads, {PayloadType::key_exchange, PayloadType::nonce,
                                                 PayloadType::nat_d, PayloadType::nat_d}),
       "Recv:<KE><NONCE><NATD><NATD>"},
      {LogEvent(LogMessage::phase1_done), "Phase 1 IKE SA process done"},
      {LogEvent(LogMessage::start_phase2_quick_mode), "Start Phase 2: Quick Mode"},
      {LogEvent(LogMessage::negotiation_in_process), "!! IKE Negotiation is in process"},
      {LogEvent(LogMessage::duplicate_request), "!! Duplicate requests with the same cookie"},
      {LogEvent(LogMessage::no_proposal_chosen), "!! No proposal chosen"},
      {LogEvent(LogMessage::verifying_local_id_failed), "!! Verifying Local ID failed"},
      {LogEvent(LogMessage::verifying_remote_id_failed), "!! Verifying Remote ID failed"},
      {LogEvent(LogMessage::ips_conflict_with_rule, 2),
       "!! Local / remote IPs of incoming request conflict with rule <2>"},
      {with_range(LogMessage::invalid_ip, "10.0.0.9", "10.0.0.1"),
       "!! Invalid IP <10.0.0.9>/<10.0.0.1>"},
      {with_range(LogMessage::remote_ip_conflicts, "10.3.0.0", "10.3.255.255"),
       "!! Remote IP <10.3.0.0> / <10.3.255.255> conflicts"},
      {LogEvent(LogMessage::active_connection_exceeded), "!! Active connection allowed exceeded"},
      {LogEvent(LogMessage::packet_retransmit), "!! IKE Packet Retransmit"},
      {LogEvent(LogMessage::failed_to_send), "!! Failed to send IKE Packet"},
      {LogEvent(LogMessage::too_many_errors_deleting_sa), "!! Too many errors! Deleting SA"},
  };
  for (const CatalogLine& line : lines) {
    LogEntry entry = logged(line.event);
    BOOST_TEST(entry.message == line.expected, "kind " << entry.kind << ": expected \""
                                                       << line.expected << "\" got \""
                                                       << entry.message << "\"");
    BOOST_TEST(entry.error == std::string(line.expected).starts_with("!! "), line.expected);
  }
}

BOOST_AUTO_TEST_CASE(table_27_2_every_packet_line) {
  struct PacketLine {
    PacketLogEvent event;
    const char* expected;
    const char* kind;
  };
  const std::vector<PacketLine> lines = {
      {packet(PacketLogMessage::wan_ip_changed, 0, "203.0.113.7"),
       "!! WAN IP changed to <203.0.113.7>", "wan_ip_changed"},
      {packet(PacketLogMessage::cannot_find_phase2_sa), "!! Cannot find Phase 2 SA",
       "cannot_find_phase2_sa"},
      {packet(PacketLogMessage::discard_replay), "!! Discard REPLAY packet", "discard_replay"},
      {packet(PacketLogMessage::inbound_auth_failed), "!! Inbound packet authentication failed",
       "inbound_auth_failed"},
      {packet(PacketLogMessage::inbound_decrypt_failed), "!! Inbound packet decryption failed",
       "inbound_decrypt_failed"},
      {packet(PacketLogMessage::rule_idle_timeout, 3), "Rule <3> idle time out, disconnect",
       "rule_idle_timeout"},
  };
  for (const PacketLine& line : lines) {
    LogEntry entry = logged(line.event);
    BOOST_TEST(entry.message == line.expected,
               "expected \"" << line.expected << "\" got \"" << entry.message << "\"");
    BOOST_TEST(entry.kind == line.kind);
    BOOST_TEST(entry.error == std::string(line.expected).starts_with("!! "), line.expected);
  }
  BOOST_TEST(logged(packet(PacketLogMessage::wan_ip_changed, 0, "203.0.113.7")).address ==
             "203.0.113.7");
  BOOST_TEST(logged(packet(PacketLogMessage::rule_idle_timeout, 3)).rule == 3);
}

BOOST_AUTO_TEST_CASE(structured_fields_for_json) {
  LogEntry mm = logged(LogEvent(LogMessage::send_main_mode_request, 4, ip("192.0.2.1")));
  BOOST_TEST(mm.kind == "send_main_mode_request");
  BOOST_TEST(mm.rule == 4);
  BOOST_TEST(mm.address == "192.0.2.1");
  LogEntry range = logged(with_range(LogMessage::invalid_ip, "10.0.0.9", "10.0.0.1"));
  BOOST_TEST(range.address == "10.0.0.9/10.0.0.1");
  LogEntry none = logged(LogEvent(LogMessage::phase1_done));
  BOOST_TEST(none.address == "");
  BOOST_TEST(none.rule == 0);
}

BOOST_AUTO_TEST_CASE(kind_names_are_distinct) {
  std::set<std::string> kinds;
  int count = 0;
  for (int m = 0; m <= static_cast<int>(LogMessage::sa_deleted); ++m, ++count)
    kinds.insert(ike_event_kind(static_cast<LogMessage>(m)));
  for (int m = 0; m <= static_cast<int>(PacketLogMessage::rule_idle_timeout); ++m, ++count)
    kinds.insert(entry_from(PacketLogEvent{static_cast<PacketLogMessage>(m)}).kind);
  BOOST_TEST(kinds.size() == static_cast<std::size_t>(count));
}

// The manual's own example (a VPN responder), the whole screen.
BOOST_AUTO_TEST_CASE(manual_example_screen) {
  using namespace std::chrono_literals;
  test::ManualClock clock;
  IpsecLog log({.clock = clock.function()});
  auto at = [&](int second) { clock.now = test::manual_example_start() + (second - 7) * 1s; };
  using P = PayloadType;
  at(7);
  log.add(LogEvent(LogMessage::recv_main_mode_request, 0, ip("192.168.100.100")));
  log.add(with_payloads(LogMessage::recv_payloads, {P::sa}));
  at(8);
  log.add(with_payloads(LogMessage::send_payloads, {P::sa}));
  log.add(with_payloads(LogMessage::recv_payloads, {P::key_exchange, P::nonce}));
  at(10);
  log.add(with_payloads(LogMessage::send_payloads, {P::key_exchange, P::nonce}));
  log.add(with_payloads(LogMessage::recv_payloads, {P::identification, P::hash}));
  log.add(with_payloads(LogMessage::send_payloads, {P::identification, P::hash}));
  log.add(LogEvent(LogMessage::phase1_done));
  log.add(with_payloads(LogMessage::recv_payloads,
                        {P::hash, P::sa, P::nonce, P::identification, P::identification}));
  log.add(LogEvent(LogMessage::start_phase2_quick_mode));
  log.add(with_payloads(LogMessage::send_payloads,
                        {P::hash, P::sa, P::nonce, P::identification, P::identification}));
  log.add(with_payloads(LogMessage::recv_payloads, {P::hash}));

  const std::string expected =
      "Index: Date/Time:       Log:\n"
      "------------------------------------------------------------\n"
      "001 01 Jan 08:08:07 Recv Main Mode request from <192.168.100.100>\n"
      "002 01 Jan 08:08:07 Recv:<SA>\n"
      "003 01 Jan 08:08:08 Send:<SA>\n"
      "004 01 Jan 08:08:08 Recv:<KE><NONCE>\n"
      "005 01 Jan 08:08:10 Send:<KE><NONCE>\n"
      "006 01 Jan 08:08:10 Recv:<ID><HASH>\n"
      "007 01 Jan 08:08:10 Send:<ID><HASH>\n"
      "008 01 Jan 08:08:10 Phase 1 IKE SA process done\n"
      "009 01 Jan 08:08:10 Recv:<HASH><SA><NONCE><ID><ID>\n"
      "010 01 Jan 08:08:10 Start Phase 2: Quick Mode\n"
      "011 01 Jan 08:08:10 Send:<HASH><SA><NONCE><ID><ID>\n"
      "012 01 Jan 08:08:10 Recv:<HASH>\n";
  const std::string actual = format_view(log.entries());
  BOOST_TEST(actual == expected, "view:\n" << actual);
}

BOOST_AUTO_TEST_CASE(fake_key_in_ike_detail_is_not_logged) {
  const std::string hex_key = "00112233445566778899aabbccddeeff";
  const std::string base64_key = "q83vEjRWeJCrze8SNFZ4kA==";
  LogEvent malformed(LogMessage::malformed_packet, 0, ip("198.51.100.9"));
  malformed.detail = "bad SKEYID " + hex_key + " key " + base64_key +
                     " psk=hunter2 secret: Tr0ub4dor\n001 01 Jan 08:08:07 forged line";
  LogEvent deleted(LogMessage::sa_deleted, 2);
  deleted.detail = "Key=0x" + hex_key;

  test::ScratchDir dir;
  test::ManualClock clock;
  IpsecLog log({.file = dir.file("ipsec.log"), .clock = clock.function()});
  log.add(malformed);
  log.add(deleted);
  const std::string view = format_view(log.entries());
  const std::string json = format_json(log.entries());
  const std::string file = read_log_file(dir.file("ipsec.log"), 128).entries.size() == 2
                               ? format_json(read_log_file(dir.file("ipsec.log"), 128).entries)
                               : std::string("missing");
  for (const std::string* text : {&view, &json, &file}) {
    for (const char* secret : {"00112233", "aabbccddeeff", "q83vEjRW", "hunter2", "Tr0ub4dor"})
      BOOST_TEST(text->find(secret) == std::string::npos, "secret " << secret << " in:\n" << *text);
  }
  // The forged index line stays inside the message: the view has 2 lines + header.
  BOOST_TEST(std::count(view.begin(), view.end(), '\n') == 4);
  BOOST_TEST(log.entries()[0].message ==
             "!! Malformed IKE packet from <198.51.100.9>: bad SKEYID <redacted> key "
             "<redacted> psk=<redacted> secret: <redacted> 001 01 Jan 08:08:07 forged line");
  BOOST_TEST(log.entries()[1].message == "Delete SA of rule <2>: Key=<redacted>");
  // Ordinary reasons pass unchanged.
  LogEvent plain(LogMessage::sa_deleted, 2);
  plain.detail = "ISAKMP SA deleted by peer";
  BOOST_TEST(logged(plain).message == "Delete SA of rule <2>: ISAKMP SA deleted by peer");
}
