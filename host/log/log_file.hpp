// The log file, shared by the gateway and the CLI (`ipsec-fpga log` reads it,
// `ipsec-fpga log --clear` appends a clear marker). Every change is made with
// flock(LOCK_EX) held, appends are whole lines in one O_APPEND write, and a
// rotation replaces the file by rename, so a reader never sees half a
// rotation. Created 0640; an existing file with wider permissions is narrowed
// to 0640.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ipsec_fpga::host {

// Errors name the file and what failed; they never carry log contents.
class LogFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class LogFile {
 public:
  explicit LogFile(std::filesystem::path path);  // opens or creates; throws LogFileError
  ~LogFile();
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;

  // Exclusive across processes; follows the path to the current file if it
  // was replaced (rotated) by another process.
  class Lock {
   public:
    explicit Lock(LogFile& file);
    ~Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

   private:
    LogFile& file_;
  };

  // The calls below require the Lock.
  // True when the file is not what this object last read or wrote (another
  // process appended, cleared or rotated it).
  bool changed_by_others() const;
  std::string read_all();
  void append(std::string_view lines);
  std::uintmax_t size() const;
  // Keeps the current file as "<path>.1" (replacing an older one) and starts
  // a new file holding `content`.
  void rotate(std::string_view content);

  const std::filesystem::path& path() const { return path_; }

 private:
  void open_current();
  void append_raw(std::string_view lines);
  void remember_state();
  [[noreturn]] void fail(const std::string& what) const;

  std::filesystem::path path_;
  int fd_ = -1;
  ino_t known_inode_ = 0;
  std::uintmax_t known_size_ = 0;
};

}  // namespace ipsec_fpga::host
