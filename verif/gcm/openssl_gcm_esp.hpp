// OpenSSL EVP AES-GCM as the reference for gcm_cipher: encryption (ciphertext
// and 16-byte tag) and decryption with tag verification, 96-bit IVs.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "bytes.hpp"

namespace ipsec_fpga::verif {

struct GcmReference {
  Bytes text, tag;
};

class OpenSslGcm {
 public:
  // nonce = salt || IV (12 bytes); key 16 or 32 bytes.
  static GcmReference encrypt(const Bytes& key, const Bytes& nonce, const Bytes& aad,
                              const Bytes& plaintext) {
    Ctx ctx(EVP_CIPHER_CTX_new());
    check(EVP_EncryptInit_ex(ctx.get(), cipher(key), nullptr, key.data(), nonce.data()),
          "encrypt init");
    int length = 0;
    check(EVP_EncryptUpdate(ctx.get(), nullptr, &length, aad.data(), static_cast<int>(aad.size())),
          "encrypt AAD");
    GcmReference result{Bytes(plaintext.size()), Bytes(16)};
    if (!plaintext.empty())
      check(EVP_EncryptUpdate(ctx.get(), result.text.data(), &length, plaintext.data(),
                              static_cast<int>(plaintext.size())),
            "encrypt update");
    std::uint8_t final_bytes[16];
    check(EVP_EncryptFinal_ex(ctx.get(), final_bytes, &length), "encrypt final");
    check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, result.tag.data()), "get tag");
    return result;
  }

  // Returns the plaintext; `tag_ok` says whether OpenSSL accepted `tag`.
  static Bytes decrypt(const Bytes& key, const Bytes& nonce, const Bytes& aad,
                       const Bytes& ciphertext, const Bytes& tag, bool& tag_ok) {
    Ctx ctx(EVP_CIPHER_CTX_new());
    check(EVP_DecryptInit_ex(ctx.get(), cipher(key), nullptr, key.data(), nonce.data()),
          "decrypt init");
    int length = 0;
    check(EVP_DecryptUpdate(ctx.get(), nullptr, &length, aad.data(), static_cast<int>(aad.size())),
          "decrypt AAD");
    Bytes plaintext(ciphertext.size());
    if (!ciphertext.empty())
      check(EVP_DecryptUpdate(ctx.get(), plaintext.data(), &length, ciphertext.data(),
                              static_cast<int>(ciphertext.size())),
            "decrypt update");
    Bytes tag_copy = tag;
    check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag_copy.data()), "set tag");
    std::uint8_t final_bytes[16];
    tag_ok = EVP_DecryptFinal_ex(ctx.get(), final_bytes, &length) == 1;
    return plaintext;
  }

 private:
  struct CtxFree {
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
  };
  using Ctx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

  static const EVP_CIPHER* cipher(const Bytes& key) {
    if (key.size() == 16) return EVP_aes_128_gcm();
    if (key.size() == 32) return EVP_aes_256_gcm();
    throw std::invalid_argument("OpenSSL GCM: key must be 16 or 32 bytes");
  }
  static void check(int ok, const char* what) {
    if (ok != 1) throw std::runtime_error(std::string("OpenSSL GCM: ") + what + " failed");
  }
};

}  // namespace ipsec_fpga::verif
