// Per-rule traffic counters and the idle timeout: a rule whose SA carried
// no packet (either way) for longer than its idle timeout is reported once
// by check_idle(); the caller logs "Rule <#d> idle time out, disconnect"
// and removes the SAs. Time comes from the caller (tests inject it).
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace ipsec_fpga::host {

using DatapathClock = std::chrono::steady_clock;

struct RuleCounters {
  std::uint64_t packets_out = 0;  // inner packets sent through the board
  std::uint64_t bytes_out = 0;    // their inner bytes
  std::uint64_t packets_in = 0;   // inner packets delivered to the TUN
  std::uint64_t bytes_in = 0;
  DatapathClock::time_point last_activity{};
};

class RuleActivity {
 public:
  // Starts watching `rule` from `now` (an SA was installed); timeout 0: never idle.
  void arm(int rule, std::chrono::seconds idle_timeout, DatapathClock::time_point now);
  void disarm(int rule);  // its SAs are gone: no idle report
  void record_outbound(int rule, std::size_t bytes, DatapathClock::time_point now);
  void record_inbound(int rule, std::size_t bytes, DatapathClock::time_point now);
  // Armed rules with no activity for more than their timeout, in rule
  // number order; each is disarmed (reported once until armed again).
  std::vector<int> check_idle(DatapathClock::time_point now);

  std::optional<RuleCounters> counters(int rule) const;
  std::map<int, RuleCounters> all_counters() const;

 private:
  struct State {
    RuleCounters counters;
    std::chrono::seconds idle_timeout{0};
    bool armed = false;
  };
  mutable std::mutex mutex_;
  std::map<int, State> rules_;
};

}  // namespace ipsec_fpga::host
