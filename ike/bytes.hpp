#pragma once
// Plain byte buffers used throughout ike/: owned Bytes and borrowed ByteView.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ipsec_fpga::ike {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Lower-case hex, for tests and for non-secret values in logs (SPIs, cookies).
std::string to_hex(ByteView data);
// Parses hex (whitespace ignored); throws std::invalid_argument on bad input.
Bytes from_hex(std::string_view hex);

inline void append(Bytes& out, ByteView data) { out.insert(out.end(), data.begin(), data.end()); }

}  // namespace ipsec_fpga::ike
