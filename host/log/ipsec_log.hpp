// The router's IPSec log (docs/ipsec-log.md): a bounded ring of indexed,
// timed lines from the IKE engine (ike::LogEvent) and the data path
// (PacketLogEvent), each also appended to a JSON Lines file so that the CLI,
// another process, shows the same lines. Thread-safe: the IKE thread and the
// packet thread log at once.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "host/log/log_entry.hpp"
#include "host/log/log_file.hpp"
#include "host/log/log_time.hpp"
#include "host/log/packet_log_event.hpp"
#include "host/log/repeat_limiter.hpp"
#include "ike/log_event.hpp"

namespace ipsec_fpga::host {

struct IpsecLogOptions {
  std::size_t capacity = 128;                   // lines kept, 1..999 (the index has 3 digits)
  std::filesystem::path file;                   // empty: memory only
  std::uintmax_t max_file_bytes = 1024 * 1024;  // then the file is rotated to "<file>.1"
  RateLimit rate_limit;                         // identical error lines
  LogClock clock;                               // empty: the system clock
};

class IpsecLog {
 public:
  // Loads the file's current lines (after its last clear) and goes on
  // numbering from them. Throws std::invalid_argument for a capacity outside
  // 1..999, LogFileError when the file cannot be opened.
  explicit IpsecLog(IpsecLogOptions options);

  void add(const ike::LogEvent& event);
  void add(const PacketLogEvent& event);
  // Logs the rate limiter's summary lines that are due; the gateway calls it
  // about once a second (add() does it too).
  void tick();

  // The ring, oldest first; picks up a clear or lines written to the file by
  // another process.
  std::vector<LogEntry> entries() const;
  // Empties the ring, the next line is 001; the file gets a clear marker.
  void clear();

  // Last error writing the file ("" if none). The ring keeps working.
  std::string file_error() const;

 private:
  void log(LogEntry prototype);
  void commit(std::vector<LogEntry> batch, std::chrono::system_clock::time_point now);
  void sync_from_file_locked() const;  // mutex_ and the file Lock held
  std::chrono::system_clock::time_point now() const;
  std::string ring_as_json() const;

  IpsecLogOptions options_;
  mutable std::mutex mutex_;
  mutable std::deque<LogEntry> ring_;
  mutable int next_index_ = 1;
  mutable std::unique_ptr<LogFile> file_;
  mutable std::string file_error_;
  RepeatLimiter limiter_;
};

}  // namespace ipsec_fpga::host
