// `ipsec-fpga run`: the gateway daemon around a GatewayControl (the real
// Gateway of host/gateway, or a test's fake). run_daemon blocks SIGTERM,
// SIGINT and SIGHUP in the calling thread before any other thread exists (so
// every thread inherits the mask), serves the control socket, and handles
// the signals on a thread of its own with sigtimedwait:
//   SIGTERM / SIGINT  -> request_stop()
//   SIGHUP            -> re-read the config file; a good one goes to
//                        request_reload(), a bad one is reported on stderr and
//                        the running configuration stays.
// The daemon never forks (run it under systemd Type=simple or a supervisor).
#pragma once

#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "host/config/gateway_config.hpp"
#include "host/control/gateway_status.hpp"
#include "host/log/log_entry.hpp"

namespace ipsec_fpga::host {

// What the daemon needs of a gateway (host/gateway/gateway.hpp's Gateway).
class GatewayControl {
 public:
  virtual ~GatewayControl() = default;
  virtual int run() = 0;  // until request_stop(); 0 clean, 1 failed
  virtual void request_stop() = 0;
  virtual void request_reload(GatewayConfig config) = 0;
  virtual GatewayStatus status() const = 0;
  virtual std::vector<SaRow> sa_table() = 0;
  virtual std::vector<LogEntry> log_entries() const = 0;
};

struct RunOptions {
  std::string config_file;
  std::string board_uri;       // "" : the config's [gateway] board
  std::string log_file;        // "" : the config's; "-": memory only
  std::string control_socket;  // "" : default_control_socket
  std::string tun_name;        // "" : the config's lan_interface
  bool foreground = false;     // echo new IPSec log lines on stdout
  std::chrono::milliseconds log_echo_interval{200};
};

// Builds the gateway; throws (GatewayError, std::exception) naming what failed.
using GatewayFactory = std::function<std::unique_ptr<GatewayControl>(const GatewayConfig& config,
                                                                     const RunOptions& options)>;

// The real Gateway, if this build has host/gateway (else nullptr).
GatewayFactory real_gateway_factory();

// Exit status: 0 after a clean stop; 1 if the gateway could not start or
// failed (board lost), the control socket is taken, or the log is unusable;
// 2 for a bad configuration file (each problem on `err` as file:line:col).
int run_daemon(const RunOptions& options, const GatewayFactory& factory, std::ostream& out,
               std::ostream& err);

// New entries of `now` after the last one of `before` was printed (used for
// --foreground): the tail of `now` following `last`, or all of `now` if
// `last` is gone from it (cleared, rotated out).
std::vector<LogEntry> entries_after(const std::vector<LogEntry>& now, const LogEntry* last);

}  // namespace ipsec_fpga::host
