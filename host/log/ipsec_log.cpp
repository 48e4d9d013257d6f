#include "host/log/ipsec_log.hpp"

#include <stdexcept>

#include "host/log/log_entry_builder.hpp"
#include "host/log/log_file_reader.hpp"
#include "host/log/log_record_json.hpp"

namespace ipsec_fpga::host {

IpsecLog::IpsecLog(IpsecLogOptions options)
    : options_(std::move(options)), limiter_(options_.rate_limit) {
  if (options_.capacity < 1 || options_.capacity > 999)
    throw std::invalid_argument("IPSec log capacity must be 1..999 lines, not " +
                                std::to_string(options_.capacity));
  if (!options_.file.empty()) {
    file_ = std::make_unique<LogFile>(options_.file);
    LogFile::Lock lock(*file_);
    sync_from_file_locked();
  }
}

std::chrono::system_clock::time_point IpsecLog::now() const {
  return options_.clock ? options_.clock() : std::chrono::system_clock::now();
}

void IpsecLog::add(const ike::LogEvent& event) { log(entry_from(event)); }
void IpsecLog::add(const PacketLogEvent& event) { log(entry_from(event)); }

void IpsecLog::log(LogEntry prototype) {
  std::lock_guard guard(mutex_);
  auto time = now();
  std::vector<LogEntry> batch = limiter_.expire(time);
  if (limiter_.admit(prototype, time)) batch.push_back(std::move(prototype));
  commit(std::move(batch), time);
}

void IpsecLog::tick() {
  std::lock_guard guard(mutex_);
  auto time = now();
  commit(limiter_.expire(time), time);
}

void IpsecLog::sync_from_file_locked() const {
  if (!file_->changed_by_others()) return;
  LogFileContents contents = current_entries(file_->read_all(), options_.capacity);
  ring_.assign(contents.entries.begin(), contents.entries.end());
  next_index_ = contents.next_index;
}

void IpsecLog::commit(std::vector<LogEntry> batch, std::chrono::system_clock::time_point time) {
  if (batch.empty()) return;
  std::unique_ptr<LogFile::Lock> lock;
  if (file_) {
    try {
      lock = std::make_unique<LogFile::Lock>(*file_);
      sync_from_file_locked();
    } catch (const std::exception& e) {
      file_error_ = e.what();
      lock.reset();
    }
  }
  std::string lines;
  for (LogEntry& entry : batch) {
    entry.index = next_index_;
    next_index_ = next_index_ % 999 + 1;  // 999 is followed by 001
    entry.time = std::chrono::floor<std::chrono::seconds>(time);
    lines += to_json(entry) + "\n";
    ring_.push_back(std::move(entry));
    if (ring_.size() > options_.capacity) ring_.pop_front();
  }
  if (!lock) return;
  try {
    file_->append(lines);
    if (file_->size() > options_.max_file_bytes) file_->rotate(ring_as_json());
  } catch (const std::exception& e) {
    file_error_ = e.what();
  }
}

std::string IpsecLog::ring_as_json() const {
  std::string text;
  for (const LogEntry& entry : ring_) text += to_json(entry) + "\n";
  return text;
}

std::vector<LogEntry> IpsecLog::entries() const {
  std::lock_guard guard(mutex_);
  if (file_) {
    try {
      LogFile::Lock lock(*file_);
      sync_from_file_locked();
    } catch (const std::exception& e) {
      file_error_ = e.what();
    }
  }
  return {ring_.begin(), ring_.end()};
}

void IpsecLog::clear() {
  std::lock_guard guard(mutex_);
  limiter_.reset();  // counts from before the clear are not reported after it
  ring_.clear();
  next_index_ = 1;
  if (!file_) return;
  try {
    LogFile::Lock lock(*file_);
    file_->append(clear_marker_json(std::chrono::floor<std::chrono::seconds>(now())) + "\n");
  } catch (const std::exception& e) {
    file_error_ = e.what();
  }
}

std::string IpsecLog::file_error() const {
  std::lock_guard guard(mutex_);
  return file_error_;
}

}  // namespace ipsec_fpga::host
