#include "host/log/repeat_limiter.hpp"

namespace ipsec_fpga::host {

std::string repeated_summary_text(const std::string& message, int left_out) {
  return message + " (repeated " + std::to_string(left_out) + " times)";
}

bool RepeatLimiter::admit(const LogEntry& entry, TimePoint now) {
  if (!entry.error || limit_.burst <= 0) return true;
  auto [it, fresh] = windows_.try_emplace(entry.message);
  Window& w = it->second;
  if (fresh || now >= w.start + limit_.window) {
    // expire() runs first, so an ended window here had nothing left out.
    w = Window{now, 1, 0, entry};
    return true;
  }
  if (w.logged < limit_.burst) {
    ++w.logged;
    return true;
  }
  ++w.left_out;
  return false;
}

std::vector<LogEntry> RepeatLimiter::expire(TimePoint now) {
  std::vector<LogEntry> summaries;
  for (auto it = windows_.begin(); it != windows_.end();) {
    const Window& w = it->second;
    if (now < w.start + limit_.window) {
      ++it;
      continue;
    }
    if (w.left_out > 0) {
      LogEntry summary = w.prototype;
      summary.message = repeated_summary_text(w.prototype.message, w.left_out);
      summary.repeated = w.left_out;
      summaries.push_back(summary);
    }
    it = windows_.erase(it);
  }
  return summaries;
}

}  // namespace ipsec_fpga::host
