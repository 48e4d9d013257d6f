// The one free-text field that reaches the log is ike::LogEvent::detail (a
// parse error reason, why an SA was deleted). ike/ promises it never holds
// secrets; this is the log's own guarantee on top: whatever looks like key
// material is replaced by "<redacted>" before the text is formatted, and
// control characters (a newline would forge a log line) become spaces.
#pragma once

#include <string>
#include <string_view>

namespace ipsec_fpga::host {

// Redacts: a token with 16 or more hex digits in a row (keys, SKEYID, nonces);
// a token of 20+ characters mixing letters and digits (base64 keys); the value
// after "key", "psk", "secret" or "password" followed by '=' or ':'. Bytes
// outside printable ASCII become '?' or ' '; the result is at most
// kMaxFreeText characters.
std::string scrub_free_text(std::string_view text);

inline constexpr std::size_t kMaxFreeText = 160;

}  // namespace ipsec_fpga::host
