#include "cbc_onchip_iv.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "openssl_providers.hpp"

namespace ipsec_fpga::verif::esp_rtl {

namespace {

const EVP_CIPHER* ecb_cipher(esp::Cipher cipher) {
  switch (cipher) {
    case esp::Cipher::des_cbc:
      return EVP_des_ecb();
    case esp::Cipher::des3_cbc:
      return EVP_des_ede3_ecb();
    case esp::Cipher::aes128_cbc:
      return EVP_aes_128_ecb();
    case esp::Cipher::aes192_cbc:
      return EVP_aes_192_ecb();
    case esp::Cipher::aes256_cbc:
      return EVP_aes_256_ecb();
    default:
      return nullptr;
  }
}

}  // namespace

Bytes gcm_sequence_iv(std::uint64_t sequence) {
  Bytes iv(8);
  for (int i = 7; i >= 0; --i, sequence >>= 8) iv[static_cast<std::size_t>(i)] = sequence & 0xff;
  return iv;
}

Bytes cbc_onchip_iv(const esp::SecurityAssociation& sa, unsigned sa_index, std::uint64_t sequence) {
  const EVP_CIPHER* cipher = ecb_cipher(sa.suite.cipher);
  if (cipher == nullptr) return {};
  esp::ensure_openssl_providers();
  const std::size_t block = static_cast<std::size_t>(EVP_CIPHER_get_block_size(cipher));
  Bytes nonce = gcm_sequence_iv((static_cast<std::uint64_t>(sa_index & 0xffff) << 48) |
                                (sequence & 0xffffffffffffULL));
  nonce.resize(block, 0);  // AES: nonce || 0^64

  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      EVP_CIPHER_CTX_free);
  Bytes iv(block + 16);
  int length = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, sa.cipher_key.data(), nullptr) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
      EVP_EncryptUpdate(ctx.get(), iv.data(), &length, nonce.data(), static_cast<int>(block)) !=
          1 ||
      static_cast<std::size_t>(length) != block)
    throw std::runtime_error("cbc_onchip_iv: OpenSSL ECB encryption failed");
  iv.resize(block);
  return iv;
}

}  // namespace ipsec_fpga::verif::esp_rtl
