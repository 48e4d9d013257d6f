#pragma once
// Appends network-order fields to a Bytes buffer; patch_u16 fills in length
// fields once the payload behind them is written.

#include <cstddef>
#include <cstdint>

#include "ike/bytes.hpp"

namespace ipsec_fpga::ike {

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v);
  void u32(std::uint32_t v);
  void bytes(ByteView v) { out_.insert(out_.end(), v.begin(), v.end()); }
  void zeros(std::size_t count) { out_.insert(out_.end(), count, 0); }
  void patch_u16(std::size_t offset, std::uint16_t v);

  std::size_t size() const { return out_.size(); }
  Bytes& buffer() { return out_; }
  Bytes take() { return std::move(out_); }

 private:
  Bytes out_;
};

}  // namespace ipsec_fpga::ike
