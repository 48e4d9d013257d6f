// One line of the IPSec log: what the router's "View IPSec Log" screen shows
// (index, time, message) plus the structured fields the JSON form carries.
#pragma once

#include <chrono>
#include <string>

namespace ipsec_fpga::host {

struct LogEntry {
  int index = 0;                  // 1..999, restarts at 1 after clear and after 999
  std::chrono::sys_seconds time;  // UTC, second resolution like the router
  std::string message;            // the full text; errors start with "!! "
  bool error = false;
  std::string kind;     // event name: "recv_main_mode_request", "discard_replay", ...
  int rule = 0;         // 0: no rule
  std::string address;  // "" none; "192.0.2.1"; "first/last" for the range lines
  int repeated = 0;     // rate-limit summary: identical lines left out (0 otherwise)

  friend bool operator==(const LogEntry&, const LogEntry&) = default;
};

}  // namespace ipsec_fpga::host
