// Why a receiver dropped bytes instead of delivering a frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "link/host_link_layout.hpp"

namespace ipsec_fpga::host_link {

// Values as in host_link.def's link_error group (sent in link_error frames).
enum class LinkErrorKind : std::uint8_t {
  crc = layout::values::link_error::crc,
  cobs = layout::values::link_error::cobs,
  length = layout::values::link_error::length,
  oversize = layout::values::link_error::oversize,
  unknown_type = layout::values::link_error::unknown_type,
};

std::string_view to_string(LinkErrorKind kind);

struct LinkError {
  LinkErrorKind kind;
  std::size_t dropped_bytes;  // encoded bytes thrown away, delimiter excluded
  std::string message;        // names what was wrong, with the numbers
};

}  // namespace ipsec_fpga::host_link
