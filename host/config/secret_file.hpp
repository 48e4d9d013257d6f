#pragma once
// Key material from files and text: read straight into zeroing memory, and
// a file that group or others may read or write is refused (like ssh and
// strongSwan do), so a key never sits in a world-readable place unnoticed.

#include <string>
#include <string_view>

#include "ike/bytes.hpp"
#include "ike/result.hpp"
#include "ike/secure_bytes.hpp"

namespace ipsec_fpga::host {

// The whole file. Reasons name the file and its mode, never its contents.
ike::Result<ike::SecureBytes> read_secret_file(const std::string& path);
// Hex digits (whitespace ignored) into zeroing memory. Reasons ("is not
// hexadecimal") never quote the input.
ike::Result<ike::SecureBytes> decode_secret_hex(ike::ByteView hex);
// A pre-shared key as written in the file: "0x..." is hex, anything else
// the characters themselves; trailing whitespace and newlines are dropped.
// Reasons read after "the key": "is too short (...)".
ike::Result<ike::SecureBytes> decode_pre_shared_key(ike::ByteView text);

inline constexpr std::size_t min_pre_shared_key_size = 8;  // the manual's minimum

}  // namespace ipsec_fpga::host
