#include "ike/byte_reader.hpp"

#include "ike/malformed_message.hpp"

namespace ipsec_fpga::ike {

void ByteReader::fail(const std::string& what) const {
  throw MalformedMessage(context_ + ": " + what);
}

void ByteReader::need(std::size_t count, const char* field) const {
  if (remaining() < count) {
    fail(std::string("truncated ") + field + " (needs " + std::to_string(count) + " bytes, " +
         std::to_string(remaining()) + " left)");
  }
}

std::uint8_t ByteReader::u8(const char* field) {
  need(1, field);
  return data_[offset_++];
}

std::uint16_t ByteReader::u16(const char* field) {
  need(2, field);
  auto v = static_cast<std::uint16_t>(data_[offset_] << 8 | data_[offset_ + 1]);
  offset_ += 2;
  return v;
}

std::uint32_t ByteReader::u32(const char* field) {
  need(4, field);
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = v << 8 | data_[offset_ + i];
  offset_ += 4;
  return v;
}

ByteView ByteReader::take(std::size_t count, const char* field) {
  need(count, field);
  ByteView v = data_.subspan(offset_, count);
  offset_ += count;
  return v;
}

ByteView ByteReader::rest() {
  ByteView v = data_.subspan(offset_);
  offset_ = data_.size();
  return v;
}

}  // namespace ipsec_fpga::ike
