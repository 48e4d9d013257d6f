// The file: append and reload (a restarted gateway, the CLI), clear from
// another instance, mode 0640, rotation, a torn line, a path that fails.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <fstream>

#include "host/log/ipsec_log.hpp"
#include "host/log/log_file_reader.hpp"
#include "host/log/log_views.hpp"
#include "test_clock.hpp"

using namespace ipsec_fpga::host;
using namespace std::chrono_literals;
using ipsec_fpga::ike::IpAddress;
using ipsec_fpga::ike::LogEvent;
using ipsec_fpga::ike::LogMessage;

namespace {
PacketLogEvent idle(int rule) { return {PacketLogMessage::rule_idle_timeout, rule}; }
unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 07777;
}
std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(file)

BOOST_AUTO_TEST_CASE(lines_are_appended_and_reloaded) {
  test::ScratchDir dir;
  const auto path = dir.file("ipsec.log");
  test::ManualClock clock;
  std::vector<LogEntry> written;
  {
    IpsecLog gateway({.file = path, .clock = clock.function()});
    gateway.add(LogEvent(LogMessage::send_main_mode_request, 1, *IpAddress::parse("192.0.2.1")));
    clock.advance(2s);
    gateway.add(
        PacketLogEvent{PacketLogMessage::wan_ip_changed, 0, *IpAddress::parse("203.0.113.7")});
    gateway.add(idle(3));
    written = gateway.entries();
  }
  BOOST_TEST(file_text(path) ==
             "{\"index\":1,\"time\":\"2024-01-01T08:08:07Z\",\"message\":\"Send Main Mode "
             "request to <192.0.2.1>\",\"error\":false,\"kind\":\"send_main_mode_request\","
             "\"rule\":1,\"address\":\"192.0.2.1\",\"repeated\":null}\n"
             "{\"index\":2,\"time\":\"2024-01-01T08:08:09Z\",\"message\":\"!! WAN IP changed to "
             "<203.0.113.7>\",\"error\":true,\"kind\":\"wan_ip_changed\",\"rule\":null,"
             "\"address\":\"203.0.113.7\",\"repeated\":null}\n"
             "{\"index\":3,\"time\":\"2024-01-01T08:08:09Z\",\"message\":\"Rule <3> idle time "
             "out, disconnect\",\"error\":false,\"kind\":\"rule_idle_timeout\",\"rule\":3,"
             "\"address\":null,\"repeated\":null}\n");

  // The CLI's reader and a restarted gateway see the same lines.
  LogFileContents read = read_log_file(path, 128);
  BOOST_TEST((read.entries == written));
  BOOST_TEST(read.next_index == 4);
  IpsecLog restarted({.file = path, .clock = clock.function()});
  BOOST_TEST((restarted.entries() == written));
  restarted.add(idle(4));
  BOOST_TEST(restarted.entries().back().index == 4);
  BOOST_TEST(format_view(read_log_file(path, 128).entries) == format_view(restarted.entries()));
}

BOOST_AUTO_TEST_CASE(reader_keeps_the_newest_capacity_lines) {
  test::ScratchDir dir;
  const auto path = dir.file("ipsec.log");
  IpsecLog log({.capacity = 10, .file = path});
  for (int rule = 1; rule <= 25; ++rule) log.add(idle(rule));
  BOOST_TEST((read_log_file(path, 10).entries == log.entries()));
  BOOST_TEST(read_log_file(path, 999).entries.size() == 25u);  // the file keeps all of them
  BOOST_TEST(read_log_file(dir.file("absent.log"), 10).entries.empty());
}

BOOST_AUTO_TEST_CASE(clear_from_another_instance_restarts_the_index) {
  test::ScratchDir dir;
  const auto path = dir.file("ipsec.log");
  IpsecLog gateway({.file = path});
  for (int rule = 1; rule <= 3; ++rule) gateway.add(idle(rule));
  {
    IpsecLog cli({.file = path});  // `ipsec-fpga log --clear`
    BOOST_TEST(cli.entries().size() == 3u);
    cli.clear();
  }
  BOOST_TEST(file_text(path).find("{\"clear\":true,\"time\":\"") != std::string::npos);
  BOOST_TEST(read_log_file(path, 128).entries.empty());
  BOOST_TEST(gateway.entries().empty());
  gateway.add(idle(9));
  auto after = read_log_file(path, 128).entries;
  BOOST_REQUIRE_EQUAL(after.size(), 1u);
  BOOST_TEST(after[0].index == 1);
  BOOST_TEST(after[0].message == "Rule <9> idle time out, disconnect");
  BOOST_TEST((gateway.entries() == after));
}

BOOST_AUTO_TEST_CASE(lines_from_another_writer_join_the_ring) {
  test::ScratchDir dir;
  const auto path = dir.file("ipsec.log");
  IpsecLog first({.file = path});
  IpsecLog second({.file = path});
  first.add(idle(1));
  second.add(idle(2));
  first.add(idle(3));
  BOOST_TEST((first.entries() == second.entries()));
  BOOST_TEST(first.entries().size() == 3u);
  BOOST_TEST(first.entries().back().index == 3);
}

BOOST_AUTO_TEST_CASE(file_is_created_0640_and_wider_modes_are_narrowed) {
  test::ScratchDir dir;
  const auto path = dir.file("ipsec.log");
  IpsecLog log({.file = path});
  log.add(idle(1));
  BOOST_TEST(mode_of(path) == 0640u, "mode " << std::oct << mode_of(path));

  const auto wide = dir.file("wide.log");
  std::ofstream(wide) << "";
  std::filesystem::permissions(wide, std::filesystem::perms::all);
  IpsecLog narrowed({.file = wide});
  BOOST_TEST(mode_of(wide) == 0640u, "mode " << std::oct << mode_of(wide));
}

BOOST_AUTO_TEST_CASE(file_is_rotated_past_its_size_limit) {
  test::ScratchDir dir;
  const auto path = dir.file("ipsec.log");
  IpsecLog log({.capacity = 4, .file = path, .max_file_bytes = 2000});
  for (int rule = 1; rule <= 40; ++rule) log.add(idle(rule));
  BOOST_TEST(std::filesystem::exists(dir.file("ipsec.log.1")));
  BOOST_TEST(std::filesystem::file_size(path) <= 2000u);
  BOOST_TEST(mode_of(path) == 0640u);
  BOOST_TEST(mode_of(dir.file("ipsec.log.1")) == 0640u);
  BOOST_TEST((read_log_file(path, 4).entries == log.entries()));
  BOOST_TEST(log.entries().back().message == "Rule <40> idle time out, disconnect");
  BOOST_TEST(log.file_error() == "");
  IpsecLog restarted({.capacity = 4, .file = path});
  restarted.add(idle(41));
  BOOST_TEST(restarted.entries().back().index == 41);
}

BOOST_AUTO_TEST_CASE(a_torn_line_is_skipped) {
  test::ScratchDir dir;
  const auto path = dir.file("ipsec.log");
  {
    IpsecLog log({.file = path});
    log.add(idle(1));
  }
  std::ofstream(path, std::ios::app) << "{\"index\":2,\"time\":\"2024-01-01T0";  // crash mid-write
  LogFileContents read = read_log_file(path, 128);
  BOOST_TEST(read.bad_lines == 1);
  BOOST_TEST(read.entries.size() == 1u);
  IpsecLog restarted({.file = path});
  restarted.add(idle(2));  // starts on a new line: only the torn record is lost
  restarted.add(idle(3));
  LogFileContents again = read_log_file(path, 128);
  BOOST_TEST(again.bad_lines == 1);
  BOOST_REQUIRE_EQUAL(again.entries.size(), 3u);
  BOOST_TEST(again.entries[1].message == "Rule <2> idle time out, disconnect");
  BOOST_TEST(again.entries[1].index == 2);
  BOOST_TEST((again.entries == restarted.entries()));
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_opened_is_named) {
  test::ScratchDir dir;
  const auto path = dir.file("no-such-dir/ipsec.log");
  try {
    IpsecLog log({.file = path});
    BOOST_FAIL("no error for " << path);
  } catch (const LogFileError& e) {
    BOOST_TEST(std::string(e.what()).find(path.string()) != std::string::npos, e.what());
  }
}

BOOST_AUTO_TEST_SUITE_END()
