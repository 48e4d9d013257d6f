// Wire bytes -> frames, in any chunking. Bytes collect until a 0x00
// delimiter; then the frame is COBS-decoded and checked (length, CRC-32,
// type, payload size for the type). Anything wrong is reported as a
// LinkError and the decoder starts afresh after that delimiter, so garbage,
// a dropped byte or a corrupted frame costs at most the frames it touches.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "link/bytes.hpp"
#include "link/frame.hpp"
#include "link/link_error.hpp"

namespace ipsec_fpga::host_link {

using DecodeResult = std::variant<Frame, LinkError>;

// The error's message, or "" for a frame.
std::string error_message(const DecodeResult& result);

// Decodes one frame without its delimiter (the COBS-encoded bytes).
DecodeResult decode_frame(std::span<const std::uint8_t> encoded);

class FrameDecoder {
 public:
  // Feeds bytes; returns the frames and errors they completed, in order.
  // Empty frames (0x00 after 0x00) are idle fill and yield nothing.
  std::vector<DecodeResult> feed(std::span<const std::uint8_t> bytes);

  // Bytes waiting for their delimiter.
  std::size_t pending_bytes() const { return overflowed_ ? dropped_ : buffer_.size(); }

 private:
  void end_of_frame(std::vector<DecodeResult>& out);

  Bytes buffer_;
  bool overflowed_ = false;  // the frame outgrew any valid one: drop to the delimiter
  std::size_t dropped_ = 0;
};

// The most encoded bytes a valid frame can have (delimiter excluded).
std::size_t max_encoded_frame_bytes();

}  // namespace ipsec_fpga::host_link
