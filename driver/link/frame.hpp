// One decoded frame: what the link carries between host and board.
#pragma once

#include <cstdint>

#include "link/bytes.hpp"
#include "link/host_link_layout.hpp"

namespace ipsec_fpga::host_link {

struct Frame {
  layout::FrameType type{};
  std::uint8_t tag = 0;  // echoed by the response; 0 on unsolicited frames
  Bytes payload;         // laid out as host_link.def says for `type`

  bool operator==(const Frame&) const = default;
};

}  // namespace ipsec_fpga::host_link
