#pragma once
// The manual's IPSec log text for each LogEvent, character for character
// ("Send Main Mode request to <192.0.2.1>", "Recv:<SA><VID>", ...), and the
// indexed log line ("001 01 Jan 08:08:07 ...").

#include <string>

#include "ike/isakmp_constants.hpp"
#include "ike/log_event.hpp"

namespace ipsec_fpga::ike {

class LogFormatter {
 public:
  // The message column.
  static std::string message(const LogEvent& event);
  // Table 27-3 symbol of a payload type ("SA", "KE", "NOTFY", "NATD", ...).
  static std::string symbol(PayloadType type);
  // RFC 2408 name of a notify type ("NO-PROPOSAL-CHOSEN", ...).
  static std::string notify_name(NotifyType type);
  // "001 01 Jan 08:08:07 <message>": index 1..999 and a calendar time the
  // host supplies (ike/ has no clock).
  static std::string line(int index, int day, int month, int hour, int minute, int second,
                          const std::string& message);
};

}  // namespace ipsec_fpga::ike
