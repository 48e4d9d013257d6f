// Reading the log back from its file: what the ring held, for a restarted
// gateway (IpsecLog) and for the CLI (`ipsec-fpga log`, another process).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

#include "host/log/log_entry.hpp"

namespace ipsec_fpga::host {

struct LogFileContents {
  std::vector<LogEntry> entries;  // after the last clear marker, the newest `capacity`
  int next_index = 1;             // what the next line gets
  int bad_lines = 0;              // lines that are not records (a torn write); skipped
};

LogFileContents current_entries(std::string_view file_text, std::size_t capacity);

// Takes a shared lock; a missing file reads as an empty log. Throws
// LogFileError if the file exists but cannot be read.
LogFileContents read_log_file(const std::filesystem::path& path, std::size_t capacity);

}  // namespace ipsec_fpga::host
