// What `ipsec-fpga log` prints: the router's "View IPSec Log" screen, or
// JSON Lines (the file's own record format) for `--json`.
#pragma once

#include <string>
#include <vector>

#include "host/log/log_entry.hpp"
#include "host/log/log_time.hpp"

namespace ipsec_fpga::host {

// Index: Date/Time:       Log:
// ------------------------------------------------------------
// 001 01 Jan 08:08:07 Recv Main Mode request from <192.168.100.100>
// Every line ends with '\n'. Times are UTC unless zone says local.
std::string format_view(const std::vector<LogEntry>& entries,
                        ViewTimeZone zone = ViewTimeZone::utc);

// One JSON object per line, each ending with '\n' (see log_record_json.hpp).
std::string format_json(const std::vector<LogEntry>& entries);

}  // namespace ipsec_fpga::host
