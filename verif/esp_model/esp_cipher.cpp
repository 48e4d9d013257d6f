#include "esp_cipher.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include "openssl_providers.hpp"

namespace ipsec_fpga::verif::esp {

namespace {

struct CipherContextFree {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree>;

const char* openssl_name(Cipher cipher) {
  switch (cipher) {
    case Cipher::des_cbc:
      return "DES-CBC";
    case Cipher::des3_cbc:
      return "DES-EDE3-CBC";
    case Cipher::aes128_cbc:
      return "AES-128-CBC";
    case Cipher::aes192_cbc:
      return "AES-192-CBC";
    case Cipher::aes256_cbc:
      return "AES-256-CBC";
    case Cipher::aes128_gcm16:
      return "AES-128-GCM";
    case Cipher::aes256_gcm16:
      return "AES-256-GCM";
    case Cipher::null:
      break;
  }
  throw std::invalid_argument("no OpenSSL cipher for " + std::string(to_string(cipher)));
}

// Fetched once per cipher and kept for the process (fetching is slow).
const EVP_CIPHER* fetch(Cipher cipher) {
  ensure_openssl_providers();
  static EVP_CIPHER* fetched[8] = {};
  EVP_CIPHER*& slot = fetched[static_cast<int>(cipher)];
  if (slot == nullptr) slot = EVP_CIPHER_fetch(nullptr, openssl_name(cipher), nullptr);
  if (slot == nullptr)
    throw std::runtime_error(std::string("OpenSSL cannot fetch ") + openssl_name(cipher));
  return slot;
}

void check(int result, const char* what) {
  if (result != 1) throw std::runtime_error(std::string("OpenSSL failed: ") + what);
}

int as_int(std::size_t size) { return static_cast<int>(size); }

void check_key(Cipher cipher, const SecretBytes& key) {
  if (key.size() != properties(cipher).key_size)
    throw std::invalid_argument("wrong key size for " + std::string(to_string(cipher)));
}

std::vector<std::uint8_t> cbc_transform(Cipher cipher, const SecretBytes& key, ByteSpan iv,
                                        ByteSpan data, int encrypt) {
  const CipherProperties props = properties(cipher);
  if (props.aead) throw std::invalid_argument("GCM is not a CBC cipher");
  if (data.size() % props.block_size != 0)
    throw std::invalid_argument("CBC data is not a multiple of the block size");
  if (cipher == Cipher::null) return {data.begin(), data.end()};
  check_key(cipher, key);
  if (iv.size() != props.iv_size) throw std::invalid_argument("wrong CBC IV size");

  CipherContext context(EVP_CIPHER_CTX_new());
  if (!context) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  check(EVP_CipherInit_ex2(context.get(), fetch(cipher), key.data(), iv.data(), encrypt, nullptr),
        "CBC init");
  check(EVP_CIPHER_CTX_set_padding(context.get(), 0), "CBC padding off");
  std::vector<std::uint8_t> out(data.size() + props.block_size);
  int written = 0;
  check(EVP_CipherUpdate(context.get(), out.data(), &written, data.data(), as_int(data.size())),
        "CBC update");
  int final_written = 0;
  check(EVP_CipherFinal_ex(context.get(), out.data() + written, &final_written), "CBC final");
  out.resize(static_cast<std::size_t>(written + final_written));
  return out;
}

CipherContext gcm_context(Cipher cipher, const SecretBytes& key, ByteSpan salt, ByteSpan iv,
                          int encrypt) {
  if (!properties(cipher).aead) throw std::invalid_argument("not a GCM cipher");
  check_key(cipher, key);
  if (salt.size() != 4 || iv.size() != 8)
    throw std::invalid_argument("GCM needs a 4-byte salt and an 8-byte IV");
  std::uint8_t nonce[12];
  std::copy(salt.begin(), salt.end(), nonce);
  std::copy(iv.begin(), iv.end(), nonce + 4);
  CipherContext context(EVP_CIPHER_CTX_new());
  if (!context) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  check(EVP_CipherInit_ex2(context.get(), fetch(cipher), key.data(), nonce, encrypt, nullptr),
        "GCM init");
  return context;
}

void gcm_aad(EVP_CIPHER_CTX* context, ByteSpan aad) {
  int ignored = 0;
  check(EVP_CipherUpdate(context, nullptr, &ignored, aad.data(), as_int(aad.size())), "GCM AAD");
}

constexpr std::size_t gcm_tag_size = 16;

}  // namespace

std::vector<std::uint8_t> cbc_encrypt(Cipher cipher, const SecretBytes& key, ByteSpan iv,
                                      ByteSpan data) {
  return cbc_transform(cipher, key, iv, data, 1);
}

std::vector<std::uint8_t> cbc_decrypt(Cipher cipher, const SecretBytes& key, ByteSpan iv,
                                      ByteSpan data) {
  return cbc_transform(cipher, key, iv, data, 0);
}

std::vector<std::uint8_t> gcm_seal(Cipher cipher, const SecretBytes& key, ByteSpan salt,
                                   ByteSpan iv, ByteSpan aad, ByteSpan plaintext) {
  CipherContext context = gcm_context(cipher, key, salt, iv, 1);
  gcm_aad(context.get(), aad);
  std::vector<std::uint8_t> out(plaintext.size() + gcm_tag_size);
  int written = 0;
  check(EVP_CipherUpdate(context.get(), out.data(), &written, plaintext.data(),
                         as_int(plaintext.size())),
        "GCM encrypt");
  int final_written = 0;
  check(EVP_CipherFinal_ex(context.get(), out.data() + written, &final_written), "GCM final");
  check(EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_AEAD_GET_TAG, as_int(gcm_tag_size),
                            out.data() + plaintext.size()),
        "GCM tag");
  return out;
}

std::optional<std::vector<std::uint8_t>> gcm_open(Cipher cipher, const SecretBytes& key,
                                                  ByteSpan salt, ByteSpan iv, ByteSpan aad,
                                                  ByteSpan ciphertext, ByteSpan tag) {
  if (tag.size() != gcm_tag_size) throw std::invalid_argument("GCM tag must be 16 bytes");
  CipherContext context = gcm_context(cipher, key, salt, iv, 0);
  gcm_aad(context.get(), aad);
  std::vector<std::uint8_t> out(ciphertext.size() + gcm_tag_size);
  int written = 0;
  check(EVP_CipherUpdate(context.get(), out.data(), &written, ciphertext.data(),
                         as_int(ciphertext.size())),
        "GCM decrypt");
  std::uint8_t expected_tag[gcm_tag_size];
  std::copy(tag.begin(), tag.end(), expected_tag);
  check(
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_AEAD_SET_TAG, as_int(gcm_tag_size), expected_tag),
      "GCM set tag");
  int final_written = 0;
  if (EVP_CipherFinal_ex(context.get(), out.data() + written, &final_written) != 1) {
    cleanse(out);  // unverified plaintext never leaves
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(written + final_written));
  return out;
}

}  // namespace ipsec_fpga::verif::esp
