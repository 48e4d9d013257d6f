// OpenSSL as the reference for the GCM tag: AES-ECB of one block (H and
// E_K(J0)) and EVP AES-GCM encryption.
#pragma once

#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "bytes.hpp"

namespace ipsec_fpga::verif {

namespace openssl_detail {
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

inline void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("OpenSSL: ") + what + " failed");
}
}  // namespace openssl_detail

// E_K(block) with AES-128/192/256 chosen by the key length.
inline Bytes openssl_aes_encrypt_block(const Bytes& key, const Bytes& block) {
  using namespace openssl_detail;
  const EVP_CIPHER* cipher = key.size() == 16   ? EVP_aes_128_ecb()
                             : key.size() == 24 ? EVP_aes_192_ecb()
                                                : EVP_aes_256_ecb();
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  check(EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, key.data(), nullptr), "ECB init");
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  Bytes out(16);
  int length = 0;
  check(EVP_EncryptUpdate(ctx.get(), out.data(), &length, block.data(), 16), "ECB update");
  return out;
}

struct GcmResult {
  Bytes ciphertext, tag;
};

// AES-GCM encryption with a 16-byte tag; any IV length.
inline GcmResult openssl_gcm_encrypt(const Bytes& key, const Bytes& iv, const Bytes& aad,
                                     const Bytes& plaintext) {
  using namespace openssl_detail;
  const EVP_CIPHER* cipher = key.size() == 16   ? EVP_aes_128_gcm()
                             : key.size() == 24 ? EVP_aes_192_gcm()
                                                : EVP_aes_256_gcm();
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  check(EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, nullptr, nullptr), "GCM init");
  check(
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr),
      "GCM IV length");
  check(EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), iv.data()), "GCM key/IV");
  int length = 0;
  if (!aad.empty())
    check(EVP_EncryptUpdate(ctx.get(), nullptr, &length, aad.data(), static_cast<int>(aad.size())),
          "GCM AAD");
  GcmResult result{Bytes(plaintext.size()), Bytes(16)};
  if (!plaintext.empty())
    check(EVP_EncryptUpdate(ctx.get(), result.ciphertext.data(), &length, plaintext.data(),
                            static_cast<int>(plaintext.size())),
          "GCM update");
  std::uint8_t final_bytes[16];  // GCM writes nothing here; not every build accepts nullptr
  check(EVP_EncryptFinal_ex(ctx.get(), final_bytes, &length), "GCM final");
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, result.tag.data()), "GCM tag");
  return result;
}

}  // namespace ipsec_fpga::verif
