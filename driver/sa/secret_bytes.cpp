#include "sa/secret_bytes.hpp"

#include <openssl/crypto.h>

namespace ipsec_fpga::driver {

void cleanse(std::span<std::uint8_t> bytes) {
  if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
}

SecretBytes SecretBytes::take(std::vector<std::uint8_t>& bytes) {
  SecretBytes secret(bytes);
  cleanse(bytes);
  bytes.clear();
  return secret;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {
  other.bytes_.clear();
}

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
  if (this != &other) {
    clear();
    bytes_ = other.bytes_;
  }
  return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    clear();
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

SecretBytes::~SecretBytes() { clear(); }

void SecretBytes::clear() {
  cleanse(bytes_);
  bytes_.clear();
}

}  // namespace ipsec_fpga::driver
