// The manual's text for the Table 27-2 events (shared/spec/log-catalog.md,
// "Packet transmission"), character for character.
#pragma once

#include <string>

#include "host/log/packet_log_event.hpp"

namespace ipsec_fpga::host {

class PacketLogFormatter {
 public:
  static std::string message(const PacketLogEvent& event);  // "!! Discard REPLAY packet", ...
  static bool is_error(const PacketLogEvent& event);        // shown with a leading "!! "
  static std::string kind(PacketLogMessage message);        // "discard_replay", ...
};

}  // namespace ipsec_fpga::host
