#include "host/cli/daemon.hpp"

#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <mutex>
#include <thread>

#include "host/cli/cli.hpp"
#include "host/config/config_parser.hpp"
#include "host/control/control_server.hpp"
#include "host/log/log_views.hpp"

namespace ipsec_fpga::host {
namespace {

// Serialises lines written by the signal thread and the main thread.
class Reporter {
 public:
  Reporter(std::ostream& out, std::ostream& err) : out_(out), err_(err) {}
  void error(const std::string& line) {
    std::lock_guard guard(mutex_);
    err_ << "ipsec-fpga: " << line << "\n" << std::flush;
  }
  void print(const std::string& text) {
    std::lock_guard guard(mutex_);
    out_ << text << std::flush;
  }

 private:
  std::mutex mutex_;
  std::ostream& out_;
  std::ostream& err_;
};

sigset_t daemon_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

// Blocks the daemon's signals in this thread (and so in every thread it
// starts); restores the old mask when the daemon is done.
class SignalMask {
 public:
  SignalMask() {
    sigset_t set = daemon_signals();
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalMask() {
    // Drop what arrived after the signal thread ended, then unblock.
    sigset_t set = daemon_signals();
    timespec zero{0, 0};
    while (sigtimedwait(&set, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SignalMask(const SignalMask&) = delete;
  SignalMask& operator=(const SignalMask&) = delete;

 private:
  sigset_t old_;
};

std::string config_errors(const ConfigError& e) {
  std::string text;
  for (const auto& line : e.messages()) text += line + "\n";
  if (text.empty()) text = std::string(e.what()) + "\n";
  return text;
}

std::string entry_line(const LogEntry& entry) {
  std::string view = format_view({entry});
  // format_view writes a header first; keep the last line only.
  auto end = view.find_last_not_of('\n');
  auto start = view.rfind('\n', end);
  return view.substr(start == std::string::npos ? 0 : start + 1, end - start) + "\n";
}

}  // namespace

std::vector<LogEntry> entries_after(const std::vector<LogEntry>& now, const LogEntry* last) {
  if (!last) return now;
  for (std::size_t i = now.size(); i-- > 0;)
    if (now[i] == *last) return {now.begin() + static_cast<std::ptrdiff_t>(i) + 1, now.end()};
  return now;
}

int run_daemon(const RunOptions& options, const GatewayFactory& factory, std::ostream& out,
               std::ostream& err) {
  Reporter report(out, err);
  if (!factory) {
    report.error("run: this build has no gateway (host/gateway was not built)");
    return exit_failure;
  }

  GatewayConfig config;
  try {
    config = parse_config_file(options.config_file);
  } catch (const ConfigError& e) {
    err << config_errors(e) << std::flush;
    return exit_usage;
  } catch (const std::exception& e) {
    report.error(options.config_file + ": " + e.what());
    return exit_usage;
  }

  // Before any thread exists, so every thread inherits the mask.
  SignalMask mask;
  ::signal(SIGPIPE, SIG_IGN);

  std::atomic<GatewayControl*> live{nullptr};
  ControlHandler handler;
  handler.status = [&live]() -> GatewayStatus {
    GatewayControl* g = live.load();
    if (!g) throw std::runtime_error("the gateway is starting");
    return g->status();
  };
  handler.sa_table = [&live]() -> std::vector<SaRow> {
    GatewayControl* g = live.load();
    if (!g) throw std::runtime_error("the gateway is starting");
    return g->sa_table();
  };
  ControlServer server(
      options.control_socket.empty() ? default_control_socket : options.control_socket, handler);
  try {
    server.start();  // first: a second gateway on the same socket stops here
  } catch (const std::exception& e) {
    report.error(e.what());
    return exit_failure;
  }

  std::unique_ptr<GatewayControl> gateway;
  try {
    gateway = factory(config, options);
  } catch (const std::exception& e) {
    report.error(std::string("cannot start the gateway: ") + e.what());
    return exit_failure;
  }
  live.store(gateway.get());

  std::atomic<bool> done{false};
  std::thread signals([&] {
    sigset_t set = daemon_signals();
    bool stopping = false;
    while (!done.load()) {
      timespec wait{0, 200'000'000};
      int signo = sigtimedwait(&set, nullptr, &wait);
      if (signo < 0) continue;  // EAGAIN (timeout) or EINTR
      if (signo == SIGHUP) {
        if (stopping) continue;
        try {
          gateway->request_reload(parse_config_file(options.config_file));
          report.error("SIGHUP: reloading " + options.config_file);
        } catch (const ConfigError& e) {
          report.error("SIGHUP: " + options.config_file +
                       " has errors; keeping the running configuration:\n" + config_errors(e));
        } catch (const std::exception& e) {
          report.error("SIGHUP: reload failed, keeping the running configuration: " +
                       std::string(e.what()));
        }
      } else {
        if (!stopping)
          report.error(std::string(signo == SIGINT ? "SIGINT" : "SIGTERM") +
                       ": stopping (deleting the SAs)");
        stopping = true;
        gateway->request_stop();
      }
    }
  });

  std::thread echo;
  if (options.foreground) {
    echo = std::thread([&] {
      std::optional<LogEntry> last;
      auto initial = gateway->log_entries();
      if (!initial.empty()) last = initial.back();
      while (!done.load()) {
        std::this_thread::sleep_for(options.log_echo_interval);
        auto now = gateway->log_entries();
        auto fresh = entries_after(now, last ? &*last : nullptr);
        if (fresh.empty()) continue;
        std::string text;
        for (const auto& e : fresh) text += entry_line(e);
        report.print(text);
        last = fresh.back();
      }
    });
  }

  int status = exit_failure;
  try {
    status = gateway->run();
  } catch (const std::exception& e) {
    report.error(std::string("the gateway failed: ") + e.what());
    status = exit_failure;
  }

  server.stop();  // the socket file goes before the gateway does
  live.store(nullptr);
  done.store(true);
  signals.join();
  if (echo.joinable()) echo.join();
  gateway.reset();
  return status == 0 ? exit_ok : exit_failure;
}

}  // namespace ipsec_fpga::host
