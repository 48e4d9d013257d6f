// OpenSSL EVP as the reference for cbc_cipher: AES-128/192/256-CBC, DES-EDE3-CBC and
// DES-CBC (the last needs OpenSSL 3's "legacy" provider), and the matching ECB ciphers
// for the on-chip IV E_K(nonce block). No padding anywhere: lengths are block multiples.
#pragma once

#include <openssl/evp.h>
#include <openssl/provider.h>

#include <array>
#include <stdexcept>
#include <string>

#include "bytes.hpp"
#include "cbc_cipher_driver.hpp"

namespace ipsec_fpga::verif {

class OpenSslCbc {
 public:
  OpenSslCbc() {
    // Loading one provider explicitly stops the default one from loading by itself.
    if (OSSL_PROVIDER_load(nullptr, "legacy") == nullptr ||
        OSSL_PROVIDER_load(nullptr, "default") == nullptr)
      throw std::runtime_error("OpenSSL: cannot load the legacy/default providers");
    static constexpr std::array<const char*, 5> kCbc = {"DES-CBC", "DES-EDE3-CBC", "AES-128-CBC",
                                                        "AES-192-CBC", "AES-256-CBC"};
    static constexpr std::array<const char*, 5> kEcb = {"DES-ECB", "DES-EDE3-ECB", "AES-128-ECB",
                                                        "AES-192-ECB", "AES-256-ECB"};
    for (std::size_t i = 0; i < kCbc.size(); ++i) {
      cbc_[i] = EVP_CIPHER_fetch(nullptr, kCbc[i], nullptr);
      ecb_[i] = EVP_CIPHER_fetch(nullptr, kEcb[i], nullptr);
      if (cbc_[i] == nullptr || ecb_[i] == nullptr)
        throw std::runtime_error(std::string("OpenSSL: ") + kCbc[i] + " unavailable");
    }
    ctx_ = EVP_CIPHER_CTX_new();
    if (ctx_ == nullptr) throw std::runtime_error("OpenSSL: no cipher context");
  }
  ~OpenSslCbc() {
    EVP_CIPHER_CTX_free(ctx_);
    for (std::size_t i = 0; i < cbc_.size(); ++i) {
      EVP_CIPHER_free(cbc_[i]);
      EVP_CIPHER_free(ecb_[i]);
    }
  }
  OpenSslCbc(const OpenSslCbc&) = delete;
  OpenSslCbc& operator=(const OpenSslCbc&) = delete;

  Bytes cbc(CbcCipher cipher, const Bytes& key, const Bytes& iv, const Bytes& data, bool decrypt) {
    return run(cbc_[static_cast<std::size_t>(cipher)], key, iv.data(), data, decrypt);
  }
  // E_K(block): the IV the unit makes from a nonce.
  Bytes ecb_encrypt(CbcCipher cipher, const Bytes& key, const Bytes& block) {
    return run(ecb_[static_cast<std::size_t>(cipher)], key, nullptr, block, false);
  }

 private:
  Bytes run(const EVP_CIPHER* evp, const Bytes& key, const std::uint8_t* iv, const Bytes& data,
            bool decrypt) {
    Bytes out(data.size() + 32);
    int len = 0, final_len = 0;
    if (EVP_CipherInit_ex2(ctx_, evp, key.data(), iv, decrypt ? 0 : 1, nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx_, 0) != 1 ||
        EVP_CipherUpdate(ctx_, out.data(), &len, data.data(), static_cast<int>(data.size())) != 1 ||
        EVP_CipherFinal_ex(ctx_, out.data() + len, &final_len) != 1)
      throw std::runtime_error("OpenSSL: cipher operation failed");
    out.resize(static_cast<std::size_t>(len + final_len));
    return out;
  }

  std::array<EVP_CIPHER*, 5> cbc_{};
  std::array<EVP_CIPHER*, 5> ecb_{};
  EVP_CIPHER_CTX* ctx_ = nullptr;
};

// The block the unit encrypts to make an IV from an 8-byte nonce: the nonce
// (DES/3DES) or the nonce followed by eight zero bytes (AES).
inline Bytes cbc_nonce_block(CbcCipher cipher, const Bytes& nonce) {
  Bytes block = nonce;
  block.resize(cbc_block_bytes(cipher), 0);
  return block;
}

}  // namespace ipsec_fpga::verif
