#include "ike/byte_writer.hpp"

namespace ipsec_fpga::ike {

void ByteWriter::u16(std::uint16_t v) {
  out_.push_back(static_cast<std::uint8_t>(v >> 8));
  out_.push_back(static_cast<std::uint8_t>(v));
}

void ByteWriter::u32(std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out_.push_back(static_cast<std::uint8_t>(v >> shift));
}

void ByteWriter::patch_u16(std::size_t offset, std::uint16_t v) {
  out_.at(offset) = static_cast<std::uint8_t>(v >> 8);
  out_.at(offset + 1) = static_cast<std::uint8_t>(v);
}

}  // namespace ipsec_fpga::ike
