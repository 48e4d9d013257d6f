#pragma once
// Bounds-checked reading of network-order fields. Every read names the field
// it reads, so a short buffer fails with "truncated <context> <field>".

#include <cstddef>
#include <cstdint>
#include <string>

#include "ike/bytes.hpp"

namespace ipsec_fpga::ike {

class ByteReader {
 public:
  ByteReader(ByteView data, std::string context) : data_(data), context_(std::move(context)) {}

  std::uint8_t u8(const char* field);
  std::uint16_t u16(const char* field);
  std::uint32_t u32(const char* field);
  ByteView take(std::size_t count, const char* field);
  ByteView rest();

  std::size_t remaining() const { return data_.size() - offset_; }
  bool empty() const { return remaining() == 0; }
  const std::string& context() const { return context_; }

  // Throws MalformedMessage "<context>: <what>".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  void need(std::size_t count, const char* field) const;

  ByteView data_;
  std::size_t offset_ = 0;
  std::string context_;
};

}  // namespace ipsec_fpga::ike
