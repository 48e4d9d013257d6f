#include "host/log/log_views.hpp"

#include "host/log/log_record_json.hpp"
#include "ike/log_formatter.hpp"

namespace ipsec_fpga::host {

std::string format_view(const std::vector<LogEntry>& entries, ViewTimeZone zone) {
  std::string out =
      "Index: Date/Time:       Log:\n"
      "------------------------------------------------------------\n";
  for (const LogEntry& e : entries) {
    CalendarTime t = calendar_time(e.time, zone);
    out += ike::LogFormatter::line(e.index, t.day, t.month, t.hour, t.minute, t.second, e.message);
    out += '\n';
  }
  return out;
}

std::string format_json(const std::vector<LogEntry>& entries) {
  std::string out;
  for (const LogEntry& e : entries) out += to_json(e) + "\n";
  return out;
}

}  // namespace ipsec_fpga::host
