#pragma once
// A byte buffer for key material: zeroed (OPENSSL_cleanse) whenever its
// contents are released, so keys do not linger in freed memory.

#include <cstddef>
#include <cstdint>

#include "ike/bytes.hpp"

namespace ipsec_fpga::ike {

class SecureBytes {
 public:
  SecureBytes() = default;
  explicit SecureBytes(std::size_t size);
  explicit SecureBytes(ByteView data);
  SecureBytes(const SecureBytes& other);
  SecureBytes(SecureBytes&& other) noexcept;
  SecureBytes& operator=(const SecureBytes& other);
  SecureBytes& operator=(SecureBytes&& other) noexcept;
  ~SecureBytes();

  std::uint8_t* data() { return data_.data(); }
  const std::uint8_t* data() const { return data_.data(); }
  std::size_t size() const { return data_.size(); }
  bool empty() const { return data_.empty(); }
  ByteView view() const { return {data_.data(), data_.size()}; }
  std::span<std::uint8_t> span() { return {data_.data(), data_.size()}; }

  void append(ByteView more);
  // Keeps the first `size` bytes, zeroing the rest.
  void truncate(std::size_t size);
  void clear();

  friend bool operator==(const SecureBytes& a, const SecureBytes& b);

 private:
  Bytes data_;
};

// Equal length and contents, in time independent of where they differ
// (CRYPTO_memcmp): for comparing received HASH payloads with expected ones.
bool constant_time_equal(ByteView a, ByteView b);

}  // namespace ipsec_fpga::ike
