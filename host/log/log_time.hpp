// Times of log lines: ISO 8601 UTC for the file and JSON
// ("2024-01-01T08:08:07Z"), the router's "01 Jan 08:08:07" for the view.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ipsec_fpga::host {

// Injected so tests are deterministic; the gateway passes the system clock.
using LogClock = std::function<std::chrono::system_clock::time_point()>;

std::string to_iso8601(std::chrono::sys_seconds time);
std::optional<std::chrono::sys_seconds> parse_iso8601(std::string_view text);  // "...Z" only

struct CalendarTime {
  int day = 1, month = 1, hour = 0, minute = 0, second = 0;
};
enum class ViewTimeZone { utc, local };
CalendarTime calendar_time(std::chrono::sys_seconds time, ViewTimeZone zone);

}  // namespace ipsec_fpga::host
