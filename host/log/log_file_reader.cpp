#include "host/log/log_file_reader.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>

#include "host/log/log_file.hpp"
#include "host/log/log_record_json.hpp"

namespace ipsec_fpga::host {

LogFileContents current_entries(std::string_view text, std::size_t capacity) {
  LogFileContents contents;
  std::deque<LogEntry> ring;
  bool cleared_last = true;  // an empty file starts at 001
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    auto record = parse_record(line);
    if (!record) {
      ++contents.bad_lines;
      continue;
    }
    if (record->clear) {
      ring.clear();
      cleared_last = true;
      continue;
    }
    cleared_last = false;
    contents.next_index = record->entry.index % 999 + 1;
    ring.push_back(std::move(record->entry));
    if (ring.size() > capacity) ring.pop_front();
  }
  if (cleared_last) contents.next_index = 1;
  contents.entries.assign(ring.begin(), ring.end());
  return contents;
}

LogFileContents read_log_file(const std::filesystem::path& path, std::size_t capacity) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return {};
    throw LogFileError("IPSec log file " + path.string() +
                       ": cannot open: " + std::strerror(errno));
  }
  while (::flock(fd, LOCK_SH) != 0 && errno == EINTR) {
  }
  std::string text;
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      throw LogFileError("IPSec log file " + path.string() +
                         ": cannot read: " + std::strerror(error));
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return current_entries(text, capacity);
}

}  // namespace ipsec_fpga::host
