// The ring: index restart after clear and after 999, the bound, the rate
// limit, JSON round trip, two threads at once.
#include "host/log/ipsec_log.hpp"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <map>
#include <thread>

#include "host/log/log_record_json.hpp"
#include "host/log/log_views.hpp"
#include "test_clock.hpp"

using namespace ipsec_fpga::host;
using namespace std::chrono_literals;
using ipsec_fpga::ike::LogEvent;
using ipsec_fpga::ike::LogMessage;

namespace {
PacketLogEvent replay() { return {PacketLogMessage::discard_replay}; }
PacketLogEvent idle(int rule) { return {PacketLogMessage::rule_idle_timeout, rule}; }
std::vector<int> indexes(const std::vector<LogEntry>& entries) {
  std::vector<int> out;
  for (const LogEntry& e : entries) out.push_back(e.index);
  return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(ring)

BOOST_AUTO_TEST_CASE(index_restarts_at_001_after_clear) {
  test::ManualClock clock;
  IpsecLog log({.clock = clock.function()});
  for (int rule = 1; rule <= 3; ++rule) log.add(idle(rule));
  BOOST_TEST(indexes(log.entries()) == std::vector<int>({1, 2, 3}));
  log.clear();
  BOOST_TEST(log.entries().empty());
  log.add(idle(7));
  BOOST_TEST(indexes(log.entries()) == std::vector<int>({1}));
  BOOST_TEST(format_view(log.entries())
                 .ends_with("001 01 Jan 08:08:07 Rule <7> idle time out, disconnect\n"));
}

BOOST_AUTO_TEST_CASE(ring_keeps_the_newest_capacity_lines) {
  test::ManualClock clock;
  IpsecLog log({.capacity = 5, .clock = clock.function()});
  for (int rule = 1; rule <= 12; ++rule) log.add(idle(rule));
  auto entries = log.entries();
  BOOST_TEST(indexes(entries) == std::vector<int>({8, 9, 10, 11, 12}));
  BOOST_TEST(entries.front().message == "Rule <8> idle time out, disconnect");
  BOOST_TEST(entries.back().message == "Rule <12> idle time out, disconnect");
}

BOOST_AUTO_TEST_CASE(index_after_999_is_001) {
  test::ManualClock clock;
  IpsecLog log({.capacity = 3, .clock = clock.function()});
  for (int n = 1; n <= 1001; ++n) log.add(idle(n));
  BOOST_TEST(indexes(log.entries()) == std::vector<int>({999, 1, 2}));
  BOOST_TEST(log.entries()[1].message == "Rule <1000> idle time out, disconnect");
}

BOOST_AUTO_TEST_CASE(capacity_outside_1_to_999_is_refused) {
  BOOST_CHECK_THROW(IpsecLog({.capacity = 0}), std::invalid_argument);
  BOOST_CHECK_THROW(IpsecLog({.capacity = 1000}), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(json)

BOOST_AUTO_TEST_CASE(round_trip_of_every_field) {
  LogEntry full{.index = 42,
                .time = std::chrono::floor<std::chrono::seconds>(test::manual_example_start()),
                .message = "quote \" backslash \\ tab \t newline \n bell \x07 <x>",
                .error = true,
                .kind = "malformed_packet",
                .rule = 7,
                .address = "2001:db8::1",
                .repeated = 995};
  LogEntry bare{.index = 999,
                .time = full.time + 3600s,
                .message = "Phase 1 IKE SA process done",
                .kind = "phase1_done"};
  const std::string line = to_json(bare);
  BOOST_TEST(line ==
             "{\"index\":999,\"time\":\"2024-01-01T09:08:07Z\",\"message\":\"Phase 1 IKE SA "
             "process done\",\"error\":false,\"kind\":\"phase1_done\",\"rule\":null,"
             "\"address\":null,\"repeated\":null}");
  const std::string text = format_json({full, bare});
  std::vector<LogEntry> back;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    auto record = parse_record(std::string_view(text).substr(start, end - start));
    BOOST_REQUIRE(record.has_value());
    BOOST_TEST(!record->clear);
    back.push_back(record->entry);
  }
  BOOST_TEST_REQUIRE(back.size() == 2u);
  BOOST_TEST((back[0] == full));
  BOOST_TEST((back[1] == bare));
}

BOOST_AUTO_TEST_CASE(clear_marker_and_bad_records) {
  auto marker = parse_record(clear_marker_json(std::chrono::sys_seconds(0s)));
  BOOST_REQUIRE(marker.has_value());
  BOOST_TEST(marker->clear);
  for (const char* bad :
       {"", "{", "not json", "{\"index\":1}", "{\"clear\":false,\"time\":\"2024-01-01T00:00:00Z\"}",
        "{\"index\":1,\"time\":\"2024-13-01T00:00:00Z\",\"message\":\"x\","
        "\"error\":false,\"kind\":\"k\",\"rule\":null,\"address\":null,"
        "\"repeated\":null}",
        "{\"index\":1000,\"time\":\"2024-01-01T00:00:00Z\",\"message\":\"x\","
        "\"error\":false,\"kind\":\"k\",\"rule\":null,\"address\":null,"
        "\"repeated\":null}",
        "{\"index\":1,\"time\":\"2024-01-01T00:00:00Z\",\"message\":\"x\","
        "\"error\":false,\"kind\":\"k\",\"rule\":null,\"address\":null,"
        "\"repeated\":null} trailing",
        "{\"index\":1,\"time\":\"2024-01-01T00:00:00Z\",\"message\":\"x"})
    BOOST_TEST(!parse_record(bad).has_value(), "accepted: " << bad);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rate_limit)

BOOST_AUTO_TEST_CASE(replay_flood_gives_five_lines_then_one_summary) {
  test::ManualClock clock;
  IpsecLog log({.rate_limit = {.burst = 5, .window = 1000ms}, .clock = clock.function()});
  for (int n = 0; n < 1000; ++n) {
    log.add(replay());
    clock.advance(0ms);
  }
  BOOST_TEST(log.entries().size() == 5u);
  clock.advance(999ms);
  log.tick();
  BOOST_TEST(log.entries().size() == 5u);  // the window has not ended yet
  clock.advance(1ms);
  log.tick();
  auto entries = log.entries();
  BOOST_REQUIRE_EQUAL(entries.size(), 6u);
  BOOST_TEST(entries.back().message == "!! Discard REPLAY packet (repeated 995 times)");
  BOOST_TEST(entries.back().repeated == 995);
  BOOST_TEST(entries.back().kind == "discard_replay");
  BOOST_TEST(entries.back().error);
  BOOST_TEST(format_view(entries).ends_with(
      "006 01 Jan 08:08:08 !! Discard REPLAY packet (repeated 995 times)\n"));
  // A new window: lines come through again; nothing left out, no summary.
  log.add(replay());
  clock.advance(2s);
  log.tick();
  BOOST_TEST(log.entries().size() == 7u);
  BOOST_TEST(log.entries().back().message == "!! Discard REPLAY packet");
}

BOOST_AUTO_TEST_CASE(summary_is_written_by_the_next_add_too) {
  test::ManualClock clock;
  IpsecLog log({.clock = clock.function()});
  for (int n = 0; n < 8; ++n) log.add(PacketLogEvent{PacketLogMessage::inbound_auth_failed});
  clock.advance(1500ms);
  log.add(idle(2));
  auto entries = log.entries();
  BOOST_REQUIRE_EQUAL(entries.size(), 7u);
  BOOST_TEST(entries[5].message == "!! Inbound packet authentication failed (repeated 3 times)");
  BOOST_TEST(entries[6].message == "Rule <2> idle time out, disconnect");
}

BOOST_AUTO_TEST_CASE(different_messages_and_non_errors_are_independent) {
  test::ManualClock clock;
  IpsecLog log({.capacity = 999, .clock = clock.function()});
  for (int n = 0; n < 20; ++n) {
    log.add(replay());
    log.add(PacketLogEvent{PacketLogMessage::cannot_find_phase2_sa});
    log.add(LogEvent(LogMessage::recv_payloads));  // not an error: never limited
    log.add(idle(1));                              // not an error either
  }
  std::map<std::string, int> counts;
  for (const LogEntry& e : log.entries()) ++counts[e.message];
  BOOST_TEST(counts["!! Discard REPLAY packet"] == 5);
  BOOST_TEST(counts["!! Cannot find Phase 2 SA"] == 5);
  BOOST_TEST(counts["Recv:"] == 20);
  BOOST_TEST(counts["Rule <1> idle time out, disconnect"] == 20);
}

BOOST_AUTO_TEST_CASE(clear_forgets_pending_counts_and_burst_zero_disables) {
  test::ManualClock clock;
  IpsecLog log({.clock = clock.function()});
  for (int n = 0; n < 10; ++n) log.add(replay());
  log.clear();
  clock.advance(5s);
  log.tick();
  BOOST_TEST(log.entries().empty());

  IpsecLog unlimited({.rate_limit = {.burst = 0}, .clock = clock.function()});
  for (int n = 0; n < 50; ++n) unlimited.add(replay());
  BOOST_TEST(unlimited.entries().size() == 50u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(two_threads_log_at_once) {
  test::ScratchDir dir;
  constexpr int kPerThread = 3000;
  IpsecLog log({.capacity = 999,
                .file = dir.file("ipsec.log"),
                .max_file_bytes = 64 << 20,  // no rotation: the file keeps every line
                .rate_limit = {.burst = 0}});
  auto ike_thread = std::thread([&] {
    for (int n = 1; n <= kPerThread; ++n) log.add(LogEvent(LogMessage::cannot_find_outbound_sa, n));
  });
  auto packet_thread = std::thread([&] {
    for (int n = 1; n <= kPerThread; ++n) log.add(idle(n));
  });
  ike_thread.join();
  packet_thread.join();

  // The file has every line once, numbered in order, each thread's in its order.
  std::ifstream file(dir.file("ipsec.log"));
  std::string line;
  int count = 0, expected_index = 1, last_ike = 0, last_packet = 0;
  while (std::getline(file, line)) {
    auto record = parse_record(line);
    BOOST_REQUIRE(record.has_value());
    ++count;
    BOOST_TEST(record->entry.index == expected_index);
    expected_index = expected_index % 999 + 1;
    int& last = record->entry.kind == "rule_idle_timeout" ? last_packet : last_ike;
    BOOST_TEST(record->entry.rule == last + 1);
    last = record->entry.rule;
  }
  BOOST_TEST(count == 2 * kPerThread);
  BOOST_TEST(last_ike == kPerThread);
  BOOST_TEST(last_packet == kPerThread);
  auto entries = log.entries();
  BOOST_TEST(entries.size() == 999u);
  for (std::size_t i = 1; i < entries.size(); ++i)
    BOOST_TEST(entries[i].index == entries[i - 1].index % 999 + 1);
  BOOST_TEST(log.file_error() == "");
}
