// Key material in the driver: bytes that are zeroed (OPENSSL_cleanse) when
// they are dropped or overwritten, and that have no way to be printed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace ipsec_fpga::driver {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::span<const std::uint8_t> bytes) : bytes_(bytes.begin(), bytes.end()) {}
  SecretBytes(std::initializer_list<std::uint8_t> bytes) : bytes_(bytes) {}
  // Takes the vector's bytes and zeroes the caller's copy.
  static SecretBytes take(std::vector<std::uint8_t>& bytes);

  SecretBytes(const SecretBytes& other) = default;
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(const SecretBytes& other);
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  ~SecretBytes();

  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  std::span<const std::uint8_t> bytes() const { return bytes_; }

  // Zeroes the bytes and empties this object.
  void clear();

 private:
  std::vector<std::uint8_t> bytes_;
};

// Zeroes a buffer that held key material.
void cleanse(std::span<std::uint8_t> bytes);

}  // namespace ipsec_fpga::driver
