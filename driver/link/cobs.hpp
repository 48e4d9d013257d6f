// Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999): removes every
// 0x00 from a buffer at a cost of at most one byte per 254, so 0x00 can
// delimit frames and a receiver resynchronizes at the next 0x00.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "link/bytes.hpp"

namespace ipsec_fpga::host_link {

// The encoding of `data` (no delimiter appended): never contains 0x00.
Bytes cobs_encode(std::span<const std::uint8_t> data);

// Worst-case encoded size of `size` bytes.
constexpr std::size_t cobs_max_encoded_size(std::size_t size) { return size + size / 254 + 1; }

struct CobsResult {
  std::optional<Bytes> data;  // empty when the input is not a valid encoding
  std::string error;          // what was wrong, when data is empty
};

// Decodes one encoded frame without its delimiter. Fails on a 0x00 byte or a
// code byte that points past the end.
CobsResult cobs_decode(std::span<const std::uint8_t> encoded);

}  // namespace ipsec_fpga::host_link
