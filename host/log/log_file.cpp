#include "host/log/log_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ipsec_fpga::host {
namespace {
constexpr mode_t kFileMode = 0640;

struct stat stat_of(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) st.st_ino = 0;
  return st;
}
}  // namespace

LogFile::LogFile(std::filesystem::path path) : path_(std::move(path)) {
  open_current();  // known_inode_ 0: the first changed_by_others() is true, the owner reads it
}

LogFile::~LogFile() {
  if (fd_ >= 0) ::close(fd_);
}

void LogFile::fail(const std::string& what) const {
  throw LogFileError("IPSec log file " + path_.string() + ": " + what + ": " +
                     std::strerror(errno));
}

void LogFile::open_current() {
  int fd = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, kFileMode);
  if (fd < 0) fail("cannot open");
  struct stat st = stat_of(fd);
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    errno = EINVAL;
    fail("not a regular file");
  }
  if ((st.st_mode & 07777 & ~kFileMode) != 0 && ::fchmod(fd, st.st_mode & kFileMode) != 0) {
    ::close(fd);
    fail("cannot narrow its permissions to 0640");
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

void LogFile::remember_state() {
  struct stat st = stat_of(fd_);
  known_inode_ = st.st_ino;
  known_size_ = static_cast<std::uintmax_t>(st.st_size);
}

LogFile::Lock::Lock(LogFile& file) : file_(file) {
  while (true) {
    while (::flock(file_.fd_, LOCK_EX) != 0) {
      if (errno != EINTR) file_.fail("cannot lock");
    }
    struct stat on_path {};
    struct stat held = stat_of(file_.fd_);
    if (::stat(file_.path_.c_str(), &on_path) == 0 && on_path.st_ino == held.st_ino &&
        on_path.st_dev == held.st_dev)
      return;
    // Replaced (rotated) or removed since we opened it: follow the path.
    ::flock(file_.fd_, LOCK_UN);
    file_.open_current();
  }
}

LogFile::Lock::~Lock() { ::flock(file_.fd_, LOCK_UN); }

bool LogFile::changed_by_others() const {
  struct stat st = stat_of(fd_);
  return st.st_ino != known_inode_ || static_cast<std::uintmax_t>(st.st_size) != known_size_;
}

std::uintmax_t LogFile::size() const { return static_cast<std::uintmax_t>(stat_of(fd_).st_size); }

std::string LogFile::read_all() {
  std::string content(size(), '\0');
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n =
        ::pread(fd_, content.data() + done, content.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot read");
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  content.resize(done);
  remember_state();
  return content;
}

void LogFile::append(std::string_view lines) {
  // A writer that died mid-line left a torn record: end it, so that only
  // that record is lost and not the next one too.
  std::uintmax_t current = size();
  char last = '\n';
  if (current > 0 && ::pread(fd_, &last, 1, static_cast<off_t>(current - 1)) == 1 && last != '\n') {
    std::string with_newline(1, '\n');
    with_newline.append(lines);
    return append_raw(with_newline);
  }
  append_raw(lines);
}

void LogFile::append_raw(std::string_view lines) {
  std::size_t done = 0;
  while (done < lines.size()) {
    ssize_t n = ::write(fd_, lines.data() + done, lines.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot append");
    done += static_cast<std::size_t>(n);
  }
  remember_state();
}

void LogFile::rotate(std::string_view content) {
  std::string fresh = path_.string() + ".new";
  std::string previous = path_.string() + ".1";
  int fd = ::open(fresh.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kFileMode);
  if (fd < 0) fail("cannot create " + fresh);
  ::fchmod(fd, kFileMode);
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      fail("cannot write " + fresh);
    }
    done += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  // The path always names a complete file: link the old one aside, then
  // rename the new one over it.
  if (::unlink(previous.c_str()) != 0 && errno != ENOENT) fail("cannot remove " + previous);
  if (::link(path_.c_str(), previous.c_str()) != 0) fail("cannot keep " + previous);
  if (::rename(fresh.c_str(), path_.c_str()) != 0) fail("cannot replace");
  // Keep holding the lock (now on the new file); other processes waiting on
  // the old one find it replaced and follow the path.
  int old_fd = fd_;
  fd_ = -1;
  open_current();
  while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
  }
  ::close(old_fd);
  remember_state();
}

}  // namespace ipsec_fpga::host
