#include "host/datapath/rule_activity.hpp"

namespace ipsec_fpga::host {

void RuleActivity::arm(int rule, std::chrono::seconds idle_timeout, DatapathClock::time_point now) {
  std::lock_guard lock(mutex_);
  State& s = rules_[rule];
  s.idle_timeout = idle_timeout;
  s.armed = true;
  s.counters.last_activity = now;
}

void RuleActivity::disarm(int rule) {
  std::lock_guard lock(mutex_);
  if (auto it = rules_.find(rule); it != rules_.end()) it->second.armed = false;
}

void RuleActivity::record_outbound(int rule, std::size_t bytes, DatapathClock::time_point now) {
  std::lock_guard lock(mutex_);
  RuleCounters& c = rules_[rule].counters;
  ++c.packets_out;
  c.bytes_out += bytes;
  c.last_activity = now;
}

void RuleActivity::record_inbound(int rule, std::size_t bytes, DatapathClock::time_point now) {
  std::lock_guard lock(mutex_);
  RuleCounters& c = rules_[rule].counters;
  ++c.packets_in;
  c.bytes_in += bytes;
  c.last_activity = now;
}

std::vector<int> RuleActivity::check_idle(DatapathClock::time_point now) {
  std::lock_guard lock(mutex_);
  std::vector<int> idle;
  for (auto& [rule, s] : rules_) {
    if (!s.armed || s.idle_timeout.count() == 0) continue;
    if (now - s.counters.last_activity > s.idle_timeout) {
      idle.push_back(rule);
      s.armed = false;
    }
  }
  return idle;
}

std::optional<RuleCounters> RuleActivity::counters(int rule) const {
  std::lock_guard lock(mutex_);
  auto it = rules_.find(rule);
  return it == rules_.end() ? std::nullopt : std::optional(it->second.counters);
}

std::map<int, RuleCounters> RuleActivity::all_counters() const {
  std::lock_guard lock(mutex_);
  std::map<int, RuleCounters> out;
  for (const auto& [rule, s] : rules_) out[rule] = s.counters;
  return out;
}

}  // namespace ipsec_fpga::host
