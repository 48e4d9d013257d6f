#include "esp_integrity.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "openssl_providers.hpp"

namespace ipsec_fpga::verif::esp {

namespace {

struct MacContextFree {
  void operator()(EVP_MAC_CTX* context) const { EVP_MAC_CTX_free(context); }
};

const char* digest_name(Integrity integrity) {
  switch (integrity) {
    case Integrity::hmac_md5_96:
      return "MD5";
    case Integrity::hmac_sha1_96:
      return "SHA1";
    case Integrity::hmac_sha256_128:
      return "SHA2-256";
    case Integrity::none:
      break;
  }
  throw std::invalid_argument("no HMAC for integrity 'none'");
}

EVP_MAC* hmac() {
  ensure_openssl_providers();
  static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (mac == nullptr) throw std::runtime_error("OpenSSL cannot fetch HMAC");
  return mac;
}

void check(int result, const char* what) {
  if (result != 1) throw std::runtime_error(std::string("OpenSSL failed: ") + what);
}

}  // namespace

std::vector<std::uint8_t> compute_icv(Integrity integrity, const SecretBytes& key,
                                      std::initializer_list<std::span<const std::uint8_t>> parts) {
  const char* digest = digest_name(integrity);
  std::unique_ptr<EVP_MAC_CTX, MacContextFree> context(EVP_MAC_CTX_new(hmac()));
  if (!context) throw std::runtime_error("EVP_MAC_CTX_new failed");
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
      OSSL_PARAM_construct_end()};
  check(EVP_MAC_init(context.get(), key.data(), key.size(), params), "HMAC init");
  for (const auto& part : parts)
    check(EVP_MAC_update(context.get(), part.data(), part.size()), "HMAC update");
  std::vector<std::uint8_t> mac(EVP_MAX_MD_SIZE);
  std::size_t mac_size = 0;
  check(EVP_MAC_final(context.get(), mac.data(), &mac_size, mac.size()), "HMAC final");
  mac.resize(properties(integrity).icv_size);  // RFC 2104 section 5: keep the leftmost bits
  return mac;
}

bool icv_equal(std::span<const std::uint8_t> expected, std::span<const std::uint8_t> received) {
  return expected.size() == received.size() &&
         CRYPTO_memcmp(expected.data(), received.data(), expected.size()) == 0;
}

}  // namespace ipsec_fpga::verif::esp
