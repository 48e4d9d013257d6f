#include "ike/secure_bytes.hpp"

#include <openssl/crypto.h>

#include <utility>

namespace ipsec_fpga::ike {
namespace {
void cleanse(Bytes& bytes) {
  if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
}
}  // namespace

SecureBytes::SecureBytes(std::size_t size) : data_(size, 0) {}
SecureBytes::SecureBytes(ByteView data) : data_(data.begin(), data.end()) {}
SecureBytes::SecureBytes(const SecureBytes& other) : data_(other.data_) {}
SecureBytes::SecureBytes(SecureBytes&& other) noexcept : data_(std::move(other.data_)) {
  other.data_.clear();
}

SecureBytes& SecureBytes::operator=(const SecureBytes& other) {
  if (this != &other) {
    cleanse(data_);
    data_ = other.data_;
  }
  return *this;
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
  if (this != &other) {
    cleanse(data_);
    data_ = std::move(other.data_);
    other.data_.clear();
  }
  return *this;
}

SecureBytes::~SecureBytes() { cleanse(data_); }

void SecureBytes::append(ByteView more) {
  // Grow into a fresh buffer so a reallocation never leaves a copy behind.
  Bytes grown;
  grown.reserve(data_.size() + more.size());
  grown.insert(grown.end(), data_.begin(), data_.end());
  grown.insert(grown.end(), more.begin(), more.end());
  cleanse(data_);
  data_ = std::move(grown);
}

void SecureBytes::truncate(std::size_t size) {
  if (size >= data_.size()) return;
  OPENSSL_cleanse(data_.data() + size, data_.size() - size);
  data_.resize(size);
}

void SecureBytes::clear() {
  cleanse(data_);
  data_.clear();
}

bool constant_time_equal(ByteView a, ByteView b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool operator==(const SecureBytes& a, const SecureBytes& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ipsec_fpga::ike
