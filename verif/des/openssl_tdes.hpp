// OpenSSL EVP as the reference for tdes_core: DES-ECB (needs OpenSSL 3's "legacy" provider)
// for 8-byte keys, DES-EDE3-ECB for 24-byte keys; one 64-bit block at a time.
#pragma once

#include <openssl/evp.h>
#include <openssl/provider.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "bytes.hpp"

namespace ipsec_fpga::verif {

class OpenSslTdes {
 public:
  OpenSslTdes() {
    // Loading one provider explicitly stops the default one from loading by itself.
    if (OSSL_PROVIDER_load(nullptr, "legacy") == nullptr ||
        OSSL_PROVIDER_load(nullptr, "default") == nullptr)
      throw std::runtime_error("OpenSSL: cannot load the legacy/default providers (DES-ECB)");
    des_ = EVP_CIPHER_fetch(nullptr, "DES-ECB", nullptr);
    tdes_ = EVP_CIPHER_fetch(nullptr, "DES-EDE3-ECB", nullptr);
    ctx_ = EVP_CIPHER_CTX_new();
    if (des_ == nullptr || tdes_ == nullptr || ctx_ == nullptr)
      throw std::runtime_error("OpenSSL: DES-ECB or DES-EDE3-ECB unavailable");
  }
  ~OpenSslTdes() {
    EVP_CIPHER_CTX_free(ctx_);
    EVP_CIPHER_free(des_);
    EVP_CIPHER_free(tdes_);
  }
  OpenSslTdes(const OpenSslTdes&) = delete;
  OpenSslTdes& operator=(const OpenSslTdes&) = delete;

  // `key`: 8 bytes (DES) or 24 bytes (K1 || K2 || K3, EDE3).
  std::uint64_t block(const Bytes& key, bool decrypt, std::uint64_t block_in) {
    const EVP_CIPHER* cipher = key.size() == 8 ? des_ : tdes_;
    if (key.size() != 8 && key.size() != 24)
      throw std::invalid_argument("DES key must be 8 or 24 bytes, not " +
                                  std::to_string(key.size()));
    const Bytes in = store_be_u64(block_in, 8);
    Bytes out(16);
    int len = 0;
    if (EVP_CipherInit_ex2(ctx_, cipher, key.data(), nullptr, decrypt ? 0 : 1, nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx_, 0) != 1 ||
        EVP_CipherUpdate(ctx_, out.data(), &len, in.data(), 8) != 1 || len != 8)
      throw std::runtime_error("OpenSSL: DES block failed");
    return load_be_u64(out.data(), 8);
  }

 private:
  EVP_CIPHER* des_ = nullptr;
  EVP_CIPHER* tdes_ = nullptr;
  EVP_CIPHER_CTX* ctx_ = nullptr;
};

}  // namespace ipsec_fpga::verif
