// Big-endian payload fields as host_link_layout.hpp places them.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "link/host_link_layout.hpp"

namespace ipsec_fpga::driver::payload {

using host_link::layout::Field;

inline void put(std::vector<std::uint8_t>& out, std::uint64_t value, unsigned bytes) {
  for (unsigned i = bytes; i-- > 0;) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// A fixed field of a received payload (the decoder checked the size fits).
inline std::uint64_t get(const std::vector<std::uint8_t>& payload, const Field& field) {
  if (payload.size() < field.offset + field.bytes)
    throw std::out_of_range("payload field beyond the payload");
  std::uint64_t value = 0;
  for (unsigned i = 0; i < field.bytes; ++i) value = (value << 8) | payload[field.offset + i];
  return value;
}

}  // namespace ipsec_fpga::driver::payload
