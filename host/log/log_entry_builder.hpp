// LogEntry fields (text, error flag, kind, rule, address) from the two kinds
// of event; IpsecLog adds the index and the time. IKE texts come from
// ike::LogFormatter, packet texts from PacketLogFormatter: one wording each.
#pragma once

#include <string>

#include "host/log/log_entry.hpp"
#include "host/log/packet_log_event.hpp"
#include "ike/log_event.hpp"

namespace ipsec_fpga::host {

LogEntry entry_from(const ike::LogEvent& event);  // its detail is scrubbed first
LogEntry entry_from(const PacketLogEvent& event);

std::string ike_event_kind(ike::LogMessage message);  // "recv_main_mode_request", ...

}  // namespace ipsec_fpga::host
