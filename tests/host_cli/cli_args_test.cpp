// host/cli: the dispatch and every command's argument parsing and errors,
// in-process through cli_main (no gateway is started here).
#define BOOST_TEST_MODULE host_cli_args
#include <boost/test/unit_test.hpp>
#include <sstream>

#include "cli_test_config.hpp"
#include "host/cli/cli.hpp"
#include "host/cli/views.hpp"
#include "host/control/control_server.hpp"
#include "test_support.hpp"

using namespace ipsec_fpga::host;

namespace {

using test::cli;
using test::contains;

}  // namespace

BOOST_AUTO_TEST_CASE(no_arguments_is_usage) {
  auto r = cli({});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "Usage: ipsec-fpga <command> [options]"));
}

BOOST_AUTO_TEST_CASE(help_lists_every_command) {
  for (const auto& args : {std::vector<std::string>{"--help"}, {"-h"}, {"help"}}) {
    auto r = cli(args);
    BOOST_TEST(r.status == 0);
    for (const char* c : {"run", "status", "sa", "log", "demo", "bench", "help"})
      BOOST_TEST(contains(r.out, std::string("\n  ") + c + " "), c);
  }
}

BOOST_AUTO_TEST_CASE(help_for_each_command) {
  for (const char* c : {"run", "status", "sa", "log"}) {
    auto a = cli({"help", c});
    auto b = cli({c, "--help"});
    BOOST_TEST(a.status == 0, c);
    BOOST_TEST(a.out == b.out, c);
    BOOST_TEST(contains(a.out, std::string("Usage: ipsec-fpga ") + c), c);
  }
  auto run = cli({"help", "run"});
  for (const char* o :
       {"--config", "--board", "--log-file", "--control-socket", "--tun", "--foreground"})
    BOOST_TEST(contains(run.out, o), o);
  auto log = cli({"help", "log"});
  for (const char* o : {"--file", "--json", "--clear"}) BOOST_TEST(contains(log.out, o), o);
  auto status = cli({"help", "status"});
  for (const char* o : {"--control-socket", "--json"}) BOOST_TEST(contains(status.out, o), o);
}

BOOST_AUTO_TEST_CASE(help_errors) {
  auto r = cli({"help", "frobnicate"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "unknown command 'frobnicate'"));
  BOOST_TEST(cli({"help", "run", "log"}).status == 2);
}

BOOST_AUTO_TEST_CASE(unknown_command_and_option) {
  auto r = cli({"start"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "unknown command 'start'"));
  r = cli({"--config", "x"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "unknown option '--config' (a command comes first)"));
}

BOOST_AUTO_TEST_CASE(version) {
  auto r = cli({"--version", "--control-socket", "/nonexistent/c.sock"});
  BOOST_TEST(contains(r.out, "ipsec-fpga " + project_version() + "\n"));
  BOOST_TEST(r.status == 1);  // asked for a gateway explicitly, none there
  BOOST_TEST(contains(r.err, "no gateway is running"));
  r = cli({"--version", "--bogus"});
  BOOST_TEST(r.status == 2);
  r = cli({"--version", "--board", "nope:"});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "cannot open board nope:"));
  BOOST_TEST(project_version() == IPSEC_FPGA_VERSION);
}

BOOST_AUTO_TEST_CASE(run_option_errors) {
  auto r = cli({"run"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "ipsec-fpga run: --config FILE is required"));
  BOOST_TEST(contains(r.err, "Try 'ipsec-fpga help run'."));
  r = cli({"run", "--config"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "ipsec-fpga run: "));
  r = cli({"run", "--config", "a.toml", "extra"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "unexpected argument 'extra'"));
  r = cli({"run", "--config", "a.toml", "--boar", "sim:"});  // no guessing of long names
  BOOST_TEST(r.status == 2);
  r = cli({"run", "--config", "a.toml", "--board", ""});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "--board: empty URI"));
}

BOOST_AUTO_TEST_CASE(run_with_a_bad_config_exits_2_naming_file_line_and_column) {
  test::TempDir dir;
  std::string text = test::one_rule_config(dir.file("log.jsonl"));
  text.replace(text.find("remote = \"198.51.100.0/24\""), 26, "remote = \"198.51.100.0/33\"");
  std::string file = dir.write("bad.toml", text);
  auto r = cli({"run", "--config", file, "--control-socket", dir.file("c.sock")});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, file + ":13:"), r.err);
  BOOST_TEST(contains(r.err, "remote"), r.err);
  BOOST_TEST(!contains(r.err, "never-printed-psk"));
  BOOST_TEST(!std::filesystem::exists(dir.file("c.sock")));  // nothing was started

  auto missing = cli({"run", "--config", dir.file("absent.toml")});
  BOOST_TEST(missing.status == 2);
  BOOST_TEST(contains(missing.err, "absent.toml"), missing.err);

  std::string syntax = dir.write("syntax.toml", "[gateway\nwan_interface = 1\n");
  r = cli({"run", "--config", syntax});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, syntax + ":1:"), r.err);
}

BOOST_AUTO_TEST_CASE(status_and_sa_without_a_gateway_exit_1) {
  test::TempDir dir;
  for (const char* c : {"status", "sa"}) {
    for (bool json : {false, true}) {
      std::vector<std::string> args = {c, "--control-socket", dir.file("none.sock")};
      if (json) args.push_back("--json");
      auto r = cli(args);
      BOOST_TEST(r.status == 1, c);
      BOOST_TEST(r.out.empty(), c);
      BOOST_TEST(contains(r.err, std::string("ipsec-fpga ") + c +
                                     ": no gateway is running: nothing listens on " +
                                     dir.file("none.sock")),
                 r.err);
    }
  }
  auto r = cli({"status", "--timeout", "soon"});
  BOOST_TEST(r.status == 2);
  r = cli({"sa", "--control-socket", ""});
  BOOST_TEST(r.status == 2);
}

BOOST_AUTO_TEST_CASE(log_option_errors) {
  test::TempDir dir;
  BOOST_TEST(cli({"log", "--clear", "--json", "--file", dir.file("l")}).status == 2);
  BOOST_TEST(cli({"log", "--file", "a", "--config", "b"}).status == 2);
  auto r = cli({"log", "--lines", "1000", "--file", dir.file("l")});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "--lines 1000: must be 1..999"));
  BOOST_TEST(cli({"log", "--lines", "-1"}).status == 2);
  std::string bad = dir.write("bad.toml", "[gateway]\n");
  r = cli({"log", "--config", bad});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "wan_interface"), r.err);
}

std::vector<std::string> external_args;
int fake_demo(const std::vector<std::string>& args) {
  external_args = args;
  return 3;
}

BOOST_AUTO_TEST_CASE(demo_and_bench_dispatch) {
  auto r = cli({"bench", "--quick"});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "ipsec-fpga bench: not in this build"));
  set_external_command("demo", &fake_demo);
  r = cli({"demo", "--keep", "x"});
  BOOST_TEST(r.status == 3);  // the command's own status
  BOOST_TEST((external_args == std::vector<std::string>{"--keep", "x"}));
  BOOST_TEST(cli({"help", "demo"}).status == 3);
  BOOST_TEST((external_args == std::vector<std::string>{"--help"}));
}

BOOST_AUTO_TEST_CASE(views) {
  std::string status = format_status(test::sample_status());
  for (const char* part :
       {"pid 4242", "up 1:02:05", "BUILD_ID 1a2b3c4d", "100.0 MHz", "2 of 64 entries used",
        "aes128-gcm", "203.0.113.2", "established", "7:46:40", "0:58:20", "road-warriors", "idle",
        "Last error: auth failed"})
    BOOST_TEST(contains(status, part), part);
  std::string sa = format_sa_table(test::sample_sa_rows());
  for (const char* part : {"0xc0ffee01", "0xffffffff", "out", "in", "udp", "2/1/0", "25/3600",
                           "2/-", "18446744073709551615"})
    BOOST_TEST(contains(sa, part), part);
  BOOST_TEST(format_sa_table({}) == "No SAs on the board.\n");
  BOOST_TEST(format_duration(-1) == "-");
  BOOST_TEST(format_duration(90061) == "1d 1:01:01");
}

BOOST_AUTO_TEST_CASE(status_and_sa_against_a_serving_socket) {
  test::TempDir dir;
  const std::string sock = dir.file("c.sock");
  ControlHandler handler;
  handler.status = [] { return test::sample_status(); };
  handler.sa_table = [] { return test::sample_sa_rows(); };
  ControlServer server(sock, handler);
  server.start();

  auto r = cli({"status", "--control-socket", sock});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.out, "BUILD_ID 1a2b3c4d"));
  BOOST_TEST(contains(r.out, "road-warriors"));
  r = cli({"status", "-s", sock, "--json"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind(R"({"ok":true,"command":"status","status":{"version":"0.1.0")", 0) == 0);
  BOOST_TEST((decode_status_answer(r.out.substr(0, r.out.size() - 1)) == test::sample_status()));
  r = cli({"sa", "--control-socket", sock});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.out, "0xc0ffee01"));
  r = cli({"sa", "--control-socket", sock, "--json"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST((decode_sa_answer(r.out) == test::sample_sa_rows()));
  r = cli({"--version", "--control-socket", sock});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(
      contains(r.out,
               "board: sim: ipsec_fpga_core, BUILD_ID 1a2b3c4d, protocol 1 (gateway pid 4242)"),
      r.out);
}

BOOST_AUTO_TEST_CASE(a_gateway_error_answer_exits_1_with_its_message) {
  test::TempDir dir;
  const std::string sock = dir.file("c.sock");
  ControlHandler handler;
  handler.status = []() -> GatewayStatus { throw std::runtime_error("board gone"); };
  handler.sa_table = []() -> std::vector<SaRow> {
    throw std::runtime_error("sa_status timed out");
  };
  ControlServer server(sock, handler);
  server.start();
  auto r = cli({"sa", "--control-socket", sock});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.err == "ipsec-fpga sa: sa failed: sa_status timed out\n");
  r = cli({"status", "--control-socket", sock, "--json"});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(r.err == "ipsec-fpga status: status failed: board gone\n");
}
