// Rate limit for repeated identical error lines (a flood of replayed or
// forged ESP packets, junk on UDP 500), so the 128-line ring keeps its
// history. Policy (docs/ipsec-log.md, "Rate limiting"): per identical message
// text, at most `burst` lines in a window of `window` starting at the first
// of them; further identical lines in that window are counted, not logged.
// When the window has ended, one summary line "<message> (repeated K times)"
// reports the K lines left out. Non-error lines are never limited.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "host/log/log_entry.hpp"

namespace ipsec_fpga::host {

struct RateLimit {
  int burst = 5;  // 0 disables the limit
  std::chrono::milliseconds window{1000};
};

class RepeatLimiter {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  explicit RepeatLimiter(RateLimit limit) : limit_(limit) {}

  // Whether this line is logged now (entry: the line without index/time).
  bool admit(const LogEntry& entry, TimePoint now);
  // Summary entries (message, fields, repeated = K) of the windows that have
  // ended with lines left out; forgets every ended window.
  std::vector<LogEntry> expire(TimePoint now);
  void reset() { windows_.clear(); }

 private:
  struct Window {
    TimePoint start;
    int logged = 0;
    int left_out = 0;
    LogEntry prototype;
  };
  RateLimit limit_;
  std::map<std::string, Window> windows_;  // by message text
};

std::string repeated_summary_text(const std::string& message, int left_out);

}  // namespace ipsec_fpga::host
