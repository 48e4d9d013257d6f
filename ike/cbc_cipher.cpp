#include "ike/cbc_cipher.hpp"

#include <openssl/evp.h>

#include <memory>

#include "ike/crypto_context.hpp"

namespace ipsec_fpga::ike {
namespace {
using CipherPtr = std::unique_ptr<EVP_CIPHER, decltype(&EVP_CIPHER_free)>;
}

CbcCipher::CbcCipher(EncryptionAlgorithm algorithm, std::size_t key_bits)
    : algorithm_(algorithm), key_bits_(key_bits) {}

std::size_t CbcCipher::block_size() const {
  return algorithm_ == EncryptionAlgorithm::aes_cbc ? 16 : 8;
}

std::size_t CbcCipher::key_size() const {
  switch (algorithm_) {
    case EncryptionAlgorithm::des_cbc:
      return 8;
    case EncryptionAlgorithm::triple_des_cbc:
      return 24;
    case EncryptionAlgorithm::aes_cbc:
      return key_bits_ / 8;
  }
  return 0;
}

const char* CbcCipher::openssl_name() const {
  switch (algorithm_) {
    case EncryptionAlgorithm::des_cbc:
      return "DES-CBC";
    case EncryptionAlgorithm::triple_des_cbc:
      return "DES-EDE3-CBC";
    case EncryptionAlgorithm::aes_cbc:
      return key_bits_ == 128   ? "AES-128-CBC"
             : key_bits_ == 192 ? "AES-192-CBC"
             : key_bits_ == 256 ? "AES-256-CBC"
                                : nullptr;
  }
  return nullptr;
}

bool CbcCipher::available() const {
  const char* name = openssl_name();
  if (name == nullptr) return false;
  CipherPtr cipher(EVP_CIPHER_fetch(crypto_context(), name, nullptr), EVP_CIPHER_free);
  return cipher != nullptr;
}

Result<Bytes> CbcCipher::encrypt(const SecureBytes& key, ByteView iv, ByteView data) const {
  return run(key, iv, data, true);
}

Result<Bytes> CbcCipher::decrypt(const SecureBytes& key, ByteView iv, ByteView data) const {
  return run(key, iv, data, false);
}

Result<Bytes> CbcCipher::run(const SecureBytes& key, ByteView iv, ByteView data,
                             bool encrypt) const {
  const char* name = openssl_name();
  if (name == nullptr) return Error{"unsupported cipher key length " + std::to_string(key_bits_)};
  if (key.size() != key_size()) return Error{"cipher key has the wrong length"};
  if (iv.size() != block_size()) return Error{"IV has the wrong length"};
  if (data.size() % block_size() != 0) {
    return Error{"encrypted data of " + std::to_string(data.size()) +
                 " bytes is not a whole number of " + std::to_string(block_size()) +
                 "-byte blocks"};
  }
  CipherPtr cipher(EVP_CIPHER_fetch(crypto_context(), name, nullptr), EVP_CIPHER_free);
  if (!cipher) return Error{std::string(name) + " is not available in this OpenSSL"};
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      EVP_CIPHER_CTX_free);
  if (!ctx || EVP_CipherInit_ex2(ctx.get(), cipher.get(), key.data(), iv.data(), encrypt ? 1 : 0,
                                 nullptr) != 1) {
    return Error{std::string(name) + " initialisation failed"};
  }
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  Bytes out(data.size() + block_size());
  int written = 0;
  int final_written = 0;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &written, data.data(),
                       static_cast<int>(data.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), out.data() + written, &final_written) != 1) {
    return Error{std::string(name) + " failed"};
  }
  out.resize(static_cast<std::size_t>(written + final_written));
  return out;
}

}  // namespace ipsec_fpga::ike
