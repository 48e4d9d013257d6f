// A clock the tests move by hand, and a scratch folder for log files.
#pragma once

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "host/log/log_time.hpp"

namespace ipsec_fpga::host::test {

// 2024-01-01 08:08:07 UTC: the manual example's first line.
inline std::chrono::system_clock::time_point manual_example_start() {
  using namespace std::chrono;
  return sys_days(year{2024} / January / 1) + hours(8) + minutes(8) + seconds(7);
}

struct ManualClock {
  std::chrono::system_clock::time_point now = manual_example_start();
  LogClock function() {
    return [this] { return now; };
  }
  void advance(std::chrono::milliseconds by) { now += by; }
};

// A fresh folder under /tmp, removed when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "host_log_test.XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp " + pattern);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::filesystem::path file(const char* name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace ipsec_fpga::host::test
