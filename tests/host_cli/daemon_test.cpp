// `ipsec-fpga run`'s daemon around a fake gateway (the GatewayControl
// interface): control socket answers, SIGHUP reloads (a bad file keeps the
// running config), SIGTERM/SIGINT stop it with exit 0 and the socket file
// removed, a start-up failure, a second daemon on the same socket, and the
// --foreground echo of new log lines.
#define BOOST_TEST_MODULE host_cli_daemon
#include "host/cli/daemon.hpp"

#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli_test_config.hpp"
#include "host/cli/cli.hpp"
#include "host/control/control_client.hpp"
#include "test_support.hpp"

using namespace ipsec_fpga::host;
using namespace std::chrono_literals;

namespace {

using test::contains;

// A thread-safe stream buffer the daemon's threads may write to.
class SharedStream {
 public:
  std::ostream& stream() { return stream_; }
  std::string str() const {
    std::lock_guard guard(buf_.mutex);
    return buf_.text;
  }

 private:
  struct Buf : std::stringbuf {
    mutable std::mutex mutex;
    std::string text;
    int sync() override {
      std::lock_guard guard(mutex);
      text += str();
      str("");
      return 0;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
      std::lock_guard guard(mutex);
      text.append(s, static_cast<std::size_t>(n));
      return n;
    }
    int_type overflow(int_type c) override {
      if (c != traits_type::eof()) {
        std::lock_guard guard(mutex);
        text += static_cast<char>(c);
      }
      return c;
    }
  };
  Buf buf_;
  std::ostream stream_{&buf_};
};

struct FakeState {
  std::mutex mutex;
  std::condition_variable cv;
  bool stop = false;
  int stops = 0;
  std::vector<GatewayConfig> reloads;
  std::vector<LogEntry> log;
  int run_result = 0;
  std::string tun, log_file, board;
};

class FakeGateway final : public GatewayControl {
 public:
  FakeGateway(FakeState& state, const GatewayConfig& config) : state_(state), config_(config) {}
  int run() override {
    std::unique_lock lock(state_.mutex);
    state_.cv.wait(lock, [&] { return state_.stop; });
    return state_.run_result;
  }
  void request_stop() override {
    std::lock_guard guard(state_.mutex);
    state_.stop = true;
    ++state_.stops;
    state_.cv.notify_all();
  }
  void request_reload(GatewayConfig config) override {
    std::lock_guard guard(state_.mutex);
    config_ = config;
    state_.reloads.push_back(std::move(config));
  }
  GatewayStatus status() const override {
    std::lock_guard guard(state_.mutex);
    GatewayStatus s = test::sample_status();
    s.rules.resize(1);
    s.rules[0].name = config_.rules.empty() ? "" : config_.rules[0].name;
    s.reloads = state_.reloads.size();
    return s;
  }
  std::vector<SaRow> sa_table() override { return test::sample_sa_rows(); }
  std::vector<LogEntry> log_entries() const override {
    std::lock_guard guard(state_.mutex);
    return state_.log;
  }

 private:
  FakeState& state_;
  GatewayConfig config_;
};

GatewayFactory fake_factory(FakeState& state) {
  return [&state](const GatewayConfig& config, const RunOptions& options) {
    state.tun = options.tun_name;
    state.log_file = options.log_file;
    state.board = options.board_uri;
    return std::unique_ptr<GatewayControl>(new FakeGateway(state, config));
  };
}

// Blocks the daemon's signals in the test's main thread before any thread
// starts (as main() would be by run_daemon itself), so a signal sent to the
// process only reaches the daemon's signal thread.
struct BlockSignals {
  BlockSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }
};

// Runs run_daemon on a thread; the fixture waits for the socket.
class Daemon {
 public:
  Daemon(RunOptions options, GatewayFactory factory) {
    thread_ = std::thread([this, options, factory] {
      status_ = run_daemon(options, factory, out_.stream(), err_.stream());
      finished_ = true;
    });
  }
  ~Daemon() {
    if (thread_.joinable()) {
      ::kill(::getpid(), SIGTERM);
      thread_.join();
    }
  }
  bool wait_ready(const std::string& socket) {
    for (int i = 0; i < 500 && !finished_; ++i) {
      try {
        query_status(socket, 1000ms);
        return true;
      } catch (const std::exception&) {
        std::this_thread::sleep_for(10ms);
      }
    }
    return false;
  }
  int join() {
    thread_.join();
    return status_;
  }
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }

 private:
  SharedStream out_, err_;
  std::atomic<bool> finished_{false};
  int status_ = -1;
  std::thread thread_;
};

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = 5000ms) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(BlockSignals);

BOOST_AUTO_TEST_CASE(serves_status_reloads_on_sighup_stops_on_sigterm) {
  test::TempDir dir;
  FakeState state;
  RunOptions options;
  options.config_file = dir.write("gw.toml", test::one_rule_config(dir.file("l.log")));
  options.control_socket = dir.file("c.sock");
  options.tun_name = "tun7";
  options.log_file = "-";
  options.board_uri = "sim:";
  Daemon daemon(options, fake_factory(state));
  BOOST_REQUIRE(daemon.wait_ready(options.control_socket));
  BOOST_TEST(state.tun == "tun7");
  BOOST_TEST(state.log_file == "-");
  BOOST_TEST(state.board == "sim:");
  BOOST_TEST(query_status(options.control_socket).rules[0].name == "branch");
  BOOST_TEST(query_sa_table(options.control_socket).size() == 2u);

  // SIGHUP with a changed good file: reloaded.
  dir.write("gw.toml", test::one_rule_config(dir.file("l.log"), "eth0", "renamed"));
  ::kill(::getpid(), SIGHUP);
  BOOST_TEST(eventually([&] { return query_status(options.control_socket).reloads == 1u; }));
  BOOST_TEST(query_status(options.control_socket).rules[0].name == "renamed");
  BOOST_TEST(contains(daemon.err(), "SIGHUP: reloading " + options.config_file));

  // SIGHUP with a bad file: reported, the running config stays, still serving.
  dir.write("gw.toml", "[gateway]\nwan_interface = 42\n");
  ::kill(::getpid(), SIGHUP);
  BOOST_TEST(
      eventually([&] { return contains(daemon.err(), "keeping the running configuration"); }));
  BOOST_TEST(contains(daemon.err(), options.config_file + ":2:"), daemon.err());
  BOOST_TEST(query_status(options.control_socket).reloads == 1u);
  BOOST_TEST(query_status(options.control_socket).rules[0].name == "renamed");

  ::kill(::getpid(), SIGTERM);
  BOOST_TEST(daemon.join() == 0);
  BOOST_TEST(state.stops == 1);
  BOOST_TEST(contains(daemon.err(), "SIGTERM: stopping"));
  BOOST_TEST(!std::filesystem::exists(options.control_socket));
  BOOST_CHECK_THROW(query_status(options.control_socket), GatewayNotRunning);
}

BOOST_AUTO_TEST_CASE(sigint_stops_too_and_a_failed_run_exits_1) {
  test::TempDir dir;
  FakeState state;
  state.run_result = 1;  // e.g. the board was lost
  RunOptions options;
  options.config_file = dir.write("gw.toml", test::one_rule_config(dir.file("l.log")));
  options.control_socket = dir.file("c.sock");
  Daemon daemon(options, fake_factory(state));
  BOOST_REQUIRE(daemon.wait_ready(options.control_socket));
  ::kill(::getpid(), SIGINT);
  BOOST_TEST(daemon.join() == 1);
  BOOST_TEST(contains(daemon.err(), "SIGINT: stopping"));
  BOOST_TEST(!std::filesystem::exists(options.control_socket));
}

BOOST_AUTO_TEST_CASE(a_second_daemon_on_the_same_socket_exits_1) {
  test::TempDir dir;
  FakeState state;
  RunOptions options;
  options.config_file = dir.write("gw.toml", test::one_rule_config(dir.file("l.log")));
  options.control_socket = dir.file("c.sock");
  Daemon first(options, fake_factory(state));
  BOOST_REQUIRE(first.wait_ready(options.control_socket));

  FakeState other;
  bool built = false;
  std::ostringstream out, err;
  int status = run_daemon(
      options,
      [&](const GatewayConfig& c, const RunOptions& o) {
        built = true;
        return fake_factory(other)(c, o);
      },
      out, err);
  BOOST_TEST(status == 1);
  BOOST_TEST(!built);  // refused before the board was touched
  BOOST_TEST(contains(err.str(), "another gateway is listening there"));
  BOOST_TEST(query_status(options.control_socket).pid == 4242);  // the first still serves

  ::kill(::getpid(), SIGTERM);
  BOOST_TEST(first.join() == 0);
}

BOOST_AUTO_TEST_CASE(gateway_start_failure_exits_1_and_removes_the_socket) {
  test::TempDir dir;
  RunOptions options;
  options.config_file = dir.write("gw.toml", test::one_rule_config(dir.file("l.log")));
  options.control_socket = dir.file("c.sock");
  std::ostringstream out, err;
  int status = run_daemon(
      options,
      [](const GatewayConfig&, const RunOptions&) -> std::unique_ptr<GatewayControl> {
        throw std::runtime_error("board sim:: no answer");
      },
      out, err);
  BOOST_TEST(status == 1);
  BOOST_TEST(contains(err.str(), "cannot start the gateway: board sim:: no answer"));
  BOOST_TEST(!std::filesystem::exists(options.control_socket));
  BOOST_TEST(run_daemon(options, GatewayFactory{}, out, err) == 1);
  BOOST_TEST(contains(err.str(), "this build has no gateway"));
}

BOOST_AUTO_TEST_CASE(bad_config_exits_2_without_starting) {
  test::TempDir dir;
  RunOptions options;
  options.config_file = dir.write("gw.toml", "[gateway]\nwan_interface = \"eth0\"\nbogus = 1\n");
  options.control_socket = dir.file("c.sock");
  std::ostringstream out, err;
  bool built = false;
  int status = run_daemon(
      options,
      [&](const GatewayConfig&, const RunOptions&) -> std::unique_ptr<GatewayControl> {
        built = true;
        return nullptr;
      },
      out, err);
  BOOST_TEST(status == 2);
  BOOST_TEST(!built);
  BOOST_TEST(contains(err.str(), options.config_file + ":3"), err.str());
  BOOST_TEST(!std::filesystem::exists(options.control_socket));
}

BOOST_AUTO_TEST_CASE(foreground_echoes_new_log_lines) {
  test::TempDir dir;
  FakeState state;
  auto line = [](int index, const std::string& message) {
    LogEntry e;
    e.index = index;
    e.time = std::chrono::sys_seconds(std::chrono::seconds(1704096487));  // 2024-01-01 08:08:07
    e.message = message;
    return e;
  };
  state.log = {line(1, "old line, not echoed")};
  RunOptions options;
  options.config_file = dir.write("gw.toml", test::one_rule_config(dir.file("l.log")));
  options.control_socket = dir.file("c.sock");
  options.foreground = true;
  options.log_echo_interval = 20ms;
  Daemon daemon(options, fake_factory(state));
  BOOST_REQUIRE(daemon.wait_ready(options.control_socket));
  std::this_thread::sleep_for(60ms);
  {
    std::lock_guard guard(state.mutex);
    state.log.push_back(line(2, "Send Main Mode request to <203.0.113.2>"));
    state.log.push_back(line(3, "Send:<SA>"));
  }
  BOOST_TEST(eventually([&] { return contains(daemon.out(), "003 01 Jan 08:08:07 Send:<SA>\n"); }));
  BOOST_TEST(
      contains(daemon.out(), "002 01 Jan 08:08:07 Send Main Mode request to <203.0.113.2>\n"));
  BOOST_TEST(!contains(daemon.out(), "old line"));
  BOOST_TEST(!contains(daemon.out(), "Index:"));
  ::kill(::getpid(), SIGTERM);
  BOOST_TEST(daemon.join() == 0);
}

BOOST_AUTO_TEST_CASE(entries_after_finds_the_last_printed) {
  LogEntry a, b, c;
  a.index = 1;
  b.index = 2;
  c.index = 3;
  BOOST_TEST(entries_after({a, b, c}, &a).size() == 2u);
  BOOST_TEST(entries_after({a, b, c}, &c).empty());
  BOOST_TEST(entries_after({b, c}, nullptr).size() == 2u);
  LogEntry gone;
  gone.index = 9;
  BOOST_TEST(entries_after({a}, &gone).size() == 1u);  // cleared: all are new
}
