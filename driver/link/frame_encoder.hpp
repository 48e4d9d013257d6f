// Frame -> wire bytes: header, payload and CRC-32, COBS-encoded, then 0x00.
#pragma once

#include "link/bytes.hpp"
#include "link/frame.hpp"

namespace ipsec_fpga::host_link {

// The decoded form: type, tag, length (big-endian), payload, CRC-32 (big-endian).
Bytes frame_body(const Frame& frame);

// What goes on the wire. Throws std::invalid_argument for a payload beyond
// max_payload or one that does not fit the frame type's fields.
Bytes encode_frame(const Frame& frame);

}  // namespace ipsec_fpga::host_link
