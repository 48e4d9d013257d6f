// Key material: bytes that are zeroed (OPENSSL_cleanse) when they are dropped,
// and that have no way to be printed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ipsec_fpga::verif::esp {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}
  SecretBytes(const SecretBytes& other) = default;
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(const SecretBytes& other);
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  ~SecretBytes();

  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }

  // Zeroes the bytes and empties this object.
  void clear();

 private:
  std::vector<std::uint8_t> bytes_;
};

// Zeroes a buffer that held plaintext or key-derived bytes.
void cleanse(std::vector<std::uint8_t>& bytes);

}  // namespace ipsec_fpga::verif::esp
