// The log file's records, one JSON object per line (JSON Lines):
//   {"index":1,"time":"2024-01-01T08:08:07Z","message":"Recv:<SA>","error":false,
//    "kind":"recv_payloads","rule":null,"address":null,"repeated":null}
//   {"clear":true,"time":"2024-01-01T09:00:00Z"}     (the log was cleared here)
// Flat objects of strings, integers, booleans and null only, written and read
// with host/json (ipsec_fpga_host_json).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "host/log/log_entry.hpp"

namespace ipsec_fpga::host {

std::string to_json(const LogEntry& entry);  // no trailing newline
std::string clear_marker_json(std::chrono::sys_seconds time);

struct LogRecord {
  bool clear = false;  // a clear marker; then only entry.time is set
  LogEntry entry;
};
// nullopt for a line that is not a valid record (a torn last line, garbage).
std::optional<LogRecord> parse_record(std::string_view line);

}  // namespace ipsec_fpga::host
