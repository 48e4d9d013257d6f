// `ipsec-fpga log` against a prepared log file: the screen, --json, --clear,
// --config, --lines, a missing and an unreadable file.
#define BOOST_TEST_MODULE host_cli_log
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "cli_test_config.hpp"
#include "host/cli/cli.hpp"
#include "host/log/log_file_reader.hpp"
#include "host/log/log_record_json.hpp"
#include "host/log/log_time.hpp"
#include "test_support.hpp"

using namespace ipsec_fpga::host;

namespace {

using test::cli;
LogEntry entry(int index, const std::string& iso, const std::string& message, bool error = false,
               const std::string& kind = "", int rule = 0, const std::string& address = "") {
  LogEntry e;
  e.index = index;
  e.time = *parse_iso8601(iso);
  e.message = message;
  e.error = error;
  e.kind = kind;
  e.rule = rule;
  e.address = address;
  return e;
}

// An old line, a clear, then the lines the screen shows.
std::string prepared_log() {
  std::string text;
  text +=
      to_json(entry(1, "2024-01-01T07:00:00Z", "Recv Main Mode request from <192.0.2.99>")) + "\n";
  text += clear_marker_json(*parse_iso8601("2024-01-01T08:00:00Z")) + "\n";
  text += to_json(entry(1, "2024-01-01T08:08:07Z", "Send Main Mode request to <203.0.113.2>", false,
                        "send_main_mode_request", 1, "203.0.113.2")) +
          "\n";
  text += to_json(entry(2, "2024-01-01T08:08:07Z", "Send:<SA>", false, "send_payloads", 1)) + "\n";
  text += to_json(entry(3, "2024-01-01T08:08:08Z", "Recv:<SA>", false, "recv_payloads", 1)) + "\n";
  text += to_json(entry(4, "2024-01-01T08:09:00Z", "!! Replay packet detected from <203.0.113.2>",
                        true, "discard_replay", 1, "203.0.113.2")) +
          "\n";
  return text;
}

using test::contains;

}  // namespace

BOOST_AUTO_TEST_CASE(view_is_the_routers_screen) {
  test::TempDir dir;
  std::string file = dir.write("ipsec.log", prepared_log(), 0640);
  auto r = cli({"log", "--file", file});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.err.empty());
  BOOST_TEST(r.out ==
             "Index: Date/Time:       Log:\n"
             "------------------------------------------------------------\n"
             "001 01 Jan 08:08:07 Send Main Mode request to <203.0.113.2>\n"
             "002 01 Jan 08:08:07 Send:<SA>\n"
             "003 01 Jan 08:08:08 Recv:<SA>\n"
             "004 01 Jan 08:09:00 !! Replay packet detected from <203.0.113.2>\n");
}

BOOST_AUTO_TEST_CASE(lines_keeps_the_newest) {
  test::TempDir dir;
  std::string file = dir.write("ipsec.log", prepared_log(), 0640);
  auto r = cli({"log", "--file", file, "--lines", "2"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(!contains(r.out, "002 "));
  BOOST_TEST(contains(r.out, "003 01 Jan 08:08:08 Recv:<SA>\n"));
  BOOST_TEST(contains(r.out, "004 "));
}

BOOST_AUTO_TEST_CASE(json_lines_round_trip) {
  test::TempDir dir;
  std::string file = dir.write("ipsec.log", prepared_log(), 0640);
  auto r = cli({"log", "--file", file, "--json"});
  BOOST_TEST(r.status == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::vector<LogEntry> got;
  while (std::getline(lines, line)) {
    auto record = parse_record(line);
    BOOST_REQUIRE(record);
    BOOST_TEST(!record->clear);
    got.push_back(record->entry);
  }
  BOOST_REQUIRE(got.size() == 4u);
  BOOST_TEST(got[3].error);
  BOOST_TEST(got[3].kind == "discard_replay");
  BOOST_TEST(got[3].rule == 1);
  BOOST_TEST(got[3].address == "203.0.113.2");
  BOOST_TEST(got[0].message == "Send Main Mode request to <203.0.113.2>");
}

BOOST_AUTO_TEST_CASE(clear_empties_the_screen_and_keeps_the_file) {
  test::TempDir dir;
  std::string file = dir.write("ipsec.log", prepared_log(), 0640);
  auto before = std::filesystem::file_size(file);
  auto r = cli({"log", "--file", file, "--clear"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out == "IPSec log cleared (" + file + ")\n");
  BOOST_TEST(std::filesystem::file_size(file) > before);  // a marker appended, nothing lost
  r = cli({"log", "--file", file});
  BOOST_TEST(r.out ==
             "Index: Date/Time:       Log:\n"
             "------------------------------------------------------------\n");
  // The next line a gateway writes is 001 (what the reader tells it).
  BOOST_TEST(read_log_file(file, 256).next_index == 1);
  r = cli({"log", "--file", file, "--json"});
  BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(config_names_the_file) {
  test::TempDir dir;
  std::string log = dir.write("from-config.log", prepared_log(), 0640);
  std::string config = dir.write("gw.toml", test::one_rule_config(log));
  auto r = cli({"log", "--config", config});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.out, "004 01 Jan 08:09:00 !! Replay packet"));
  BOOST_TEST(!contains(r.out, "never-printed-psk"));
}

BOOST_AUTO_TEST_CASE(torn_lines_are_skipped_with_a_note) {
  test::TempDir dir;
  std::string file = dir.write("ipsec.log", prepared_log() + "{\"index\":5,\"ti", 0640);
  auto r = cli({"log", "--file", file});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.out, "004 "));
  BOOST_TEST(contains(r.err, "1 line(s) that are not log records skipped"));
}

BOOST_AUTO_TEST_CASE(missing_and_unreadable_files) {
  test::TempDir dir;
  auto r = cli({"log", "--file", dir.file("absent.log")});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.err, "does not exist yet"));
  r = cli({"log", "--file", dir.path().string()});  // a directory
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "ipsec-fpga log: "));
  r = cli({"log", "--file", dir.file("no/such/dir/x.log"), "--clear"});
  BOOST_TEST(r.status == 1);
}
