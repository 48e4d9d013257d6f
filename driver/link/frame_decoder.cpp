#include "link/frame_decoder.hpp"

#include <cstdio>
#include <string>

#include "link/cobs.hpp"
#include "link/crc32.hpp"

namespace ipsec_fpga::host_link {
namespace {

std::string hex32(std::uint32_t value) {
  char text[11];
  std::snprintf(text, sizeof text, "0x%08x", value);
  return text;
}

std::uint32_t big_endian(std::span<const std::uint8_t> bytes) {
  std::uint32_t value = 0;
  for (std::uint8_t byte : bytes) value = value << 8 | byte;
  return value;
}

LinkError error(LinkErrorKind kind, std::size_t dropped, std::string message) {
  return {kind, dropped, std::move(message)};
}

}  // namespace

std::string error_message(const DecodeResult& result) {
  const LinkError* error = std::get_if<LinkError>(&result);
  return error ? error->message : std::string();
}

std::size_t max_encoded_frame_bytes() {
  return cobs_max_encoded_size(layout::header_bytes + layout::max_payload + layout::crc_bytes);
}

DecodeResult decode_frame(std::span<const std::uint8_t> encoded) {
  const std::size_t dropped = encoded.size();
  if (encoded.size() > max_encoded_frame_bytes())
    return error(LinkErrorKind::oversize, dropped,
                 "oversize frame: " + std::to_string(encoded.size()) + " encoded bytes, at most " +
                     std::to_string(max_encoded_frame_bytes()));
  CobsResult cobs = cobs_decode(encoded);
  if (!cobs.data) return error(LinkErrorKind::cobs, dropped, cobs.error);
  const Bytes& body = *cobs.data;
  constexpr std::size_t overhead = layout::header_bytes + layout::crc_bytes;
  if (body.size() < overhead)
    return error(LinkErrorKind::length, dropped,
                 "length mismatch: " + std::to_string(body.size()) +
                     "-byte frame, shorter than the " + std::to_string(overhead) +
                     " bytes of header and CRC");
  const std::size_t length = big_endian(std::span(body).subspan(2, 2));
  if (length != body.size() - overhead)
    return error(LinkErrorKind::length, dropped,
                 "length mismatch: length field says " + std::to_string(length) +
                     " payload bytes, the frame holds " + std::to_string(body.size() - overhead));
  if (length > layout::max_payload)
    return error(LinkErrorKind::oversize, dropped,
                 "oversize frame: " + std::to_string(length) + "-byte payload, at most " +
                     std::to_string(layout::max_payload));
  const auto covered = std::span(body).first(body.size() - layout::crc_bytes);
  const std::uint32_t received = big_endian(std::span(body).last(layout::crc_bytes));
  const std::uint32_t computed = crc32(covered);
  if (received != computed)
    return error(LinkErrorKind::crc, dropped,
                 "CRC mismatch: frame says " + hex32(received) + ", bytes give " + hex32(computed));
  const auto info = layout::frame_info(body[0]);
  if (!info)
    return error(LinkErrorKind::unknown_type, dropped,
                 "unknown frame type " + hex32(body[0]) + " (tag " + std::to_string(body[1]) + ")");
  if (!layout::payload_size_fits(*info, length))
    return error(LinkErrorKind::length, dropped,
                 "length mismatch: a " + std::to_string(length) + "-byte payload does not fit " +
                     std::string(info->name) + " (" + std::to_string(info->fixed_bytes) +
                     " fixed bytes" +
                     (info->tail_unit ? " plus " + std::to_string(info->tail_unit) + "-byte units"
                                      : std::string()) +
                     ")");
  return Frame{info->type, body[1], Bytes(covered.begin() + layout::header_bytes, covered.end())};
}

std::vector<DecodeResult> FrameDecoder::feed(std::span<const std::uint8_t> bytes) {
  std::vector<DecodeResult> out;
  const std::size_t limit = max_encoded_frame_bytes();
  for (std::uint8_t byte : bytes) {
    if (byte == layout::delimiter) {
      end_of_frame(out);
    } else if (overflowed_) {
      ++dropped_;
    } else if (buffer_.size() == limit) {
      // No valid frame is this long: stop buffering, count until the delimiter.
      overflowed_ = true;
      dropped_ = buffer_.size() + 1;
      buffer_.clear();
    } else {
      buffer_.push_back(byte);
    }
  }
  return out;
}

void FrameDecoder::end_of_frame(std::vector<DecodeResult>& out) {
  if (overflowed_) {
    out.emplace_back(std::in_place_type<LinkError>,
                     LinkError{LinkErrorKind::oversize, dropped_,
                               "oversize frame: " + std::to_string(dropped_) +
                                   " encoded bytes before the delimiter, at most " +
                                   std::to_string(max_encoded_frame_bytes())});
    overflowed_ = false;
    dropped_ = 0;
  } else if (!buffer_.empty()) {
    out.push_back(decode_frame(buffer_));
  }
  buffer_.clear();
}

}  // namespace ipsec_fpga::host_link
