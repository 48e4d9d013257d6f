// The reference model: OpenSSL EVP AES-128/192/256-ECB without padding.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "bytes.hpp"

namespace ipsec_fpga::verif {

// Encrypts or decrypts whole 16-byte blocks under `key` (16, 24 or 32 bytes).
inline Bytes aes_ecb_reference(const Bytes& key, const Bytes& input, bool decrypt) {
  const EVP_CIPHER* cipher = key.size() == 16   ? EVP_aes_128_ecb()
                             : key.size() == 24 ? EVP_aes_192_ecb()
                             : key.size() == 32 ? EVP_aes_256_ecb()
                                                : nullptr;
  if (cipher == nullptr || input.size() % 16 != 0)
    throw std::invalid_argument("aes_ecb_reference: bad key or input length");
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      &EVP_CIPHER_CTX_free);
  Bytes output(input.size());
  int length = 0;
  if (!ctx ||
      EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key.data(), nullptr, decrypt ? 0 : 1) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
      EVP_CipherUpdate(ctx.get(), output.data(), &length, input.data(),
                       static_cast<int>(input.size())) != 1 ||
      static_cast<std::size_t>(length) != input.size())
    throw std::runtime_error("aes_ecb_reference: OpenSSL EVP failed");
  return output;
}

}  // namespace ipsec_fpga::verif
