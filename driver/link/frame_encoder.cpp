#include "link/frame_encoder.hpp"

#include <stdexcept>
#include <string>

#include "link/cobs.hpp"
#include "link/crc32.hpp"

namespace ipsec_fpga::host_link {

Bytes frame_body(const Frame& frame) {
  const auto info = layout::frame_info(static_cast<std::uint8_t>(frame.type));
  if (!info)
    throw std::invalid_argument("encode_frame: unknown frame type " +
                                std::to_string(static_cast<unsigned>(frame.type)));
  if (!layout::payload_size_fits(*info, frame.payload.size()))
    throw std::invalid_argument("encode_frame: a " + std::to_string(frame.payload.size()) +
                                "-byte payload does not fit frame type " + std::string(info->name));
  Bytes body;
  body.reserve(layout::header_bytes + frame.payload.size() + layout::crc_bytes);
  body.push_back(static_cast<std::uint8_t>(frame.type));
  body.push_back(frame.tag);
  body.push_back(static_cast<std::uint8_t>(frame.payload.size() >> 8));
  body.push_back(static_cast<std::uint8_t>(frame.payload.size()));
  body.insert(body.end(), frame.payload.begin(), frame.payload.end());
  const std::uint32_t crc = crc32(body);
  for (int shift = 24; shift >= 0; shift -= 8)
    body.push_back(static_cast<std::uint8_t>(crc >> shift));
  return body;
}

Bytes encode_frame(const Frame& frame) {
  Bytes wire = cobs_encode(frame_body(frame));
  wire.push_back(static_cast<std::uint8_t>(layout::delimiter));
  return wire;
}

}  // namespace ipsec_fpga::host_link
