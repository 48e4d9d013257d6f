#include "host/log/log_time.hpp"

#include <cstdio>
#include <ctime>

namespace ipsec_fpga::host {

using namespace std::chrono;

std::string to_iso8601(sys_seconds time) {
  sys_days day = floor<days>(time);
  year_month_day ymd(day);
  hh_mm_ss<seconds> hms(time - day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return text;
}

std::optional<sys_seconds> parse_iso8601(std::string_view text) {
  if (text.size() != 20) return std::nullopt;
  const char* pattern = "dddd-dd-ddTdd:dd:ddZ";
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (pattern[i] == 'd' ? !digit : text[i] != pattern[i]) return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t width) {
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  year_month_day ymd{year{number(0, 4)}, month{static_cast<unsigned>(number(5, 2))},
                     day{static_cast<unsigned>(number(8, 2))}};
  int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second);
}

CalendarTime calendar_time(sys_seconds time, ViewTimeZone zone) {
  std::time_t t = system_clock::to_time_t(time);
  std::tm tm{};
  if (zone == ViewTimeZone::local) {
    localtime_r(&t, &tm);
  } else {
    gmtime_r(&t, &tm);
  }
  return {tm.tm_mday, tm.tm_mon + 1, tm.tm_hour, tm.tm_min, tm.tm_sec};
}

}  // namespace ipsec_fpga::host
