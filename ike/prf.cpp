#include "ike/prf.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>

#include "ike/crypto_context.hpp"
#include "ike/digest.hpp"

namespace ipsec_fpga::ike {

std::size_t Prf::output_size() const { return digest_size(hash_); }

SecureBytes Prf::compute(ByteView key, std::initializer_list<ByteView> parts) const {
  std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(
      EVP_MAC_fetch(crypto_context(), "HMAC", nullptr), EVP_MAC_free);
  std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(
      mac ? EVP_MAC_CTX_new(mac.get()) : nullptr, EVP_MAC_CTX_free);
  if (!ctx) throw std::runtime_error("HMAC unavailable");
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                       const_cast<char*>(openssl_digest_name(hash_)), 0),
      OSSL_PARAM_construct_end()};
  // HMAC accepts an empty key; OpenSSL wants a non-null pointer for it.
  static const std::uint8_t kEmpty = 0;
  if (EVP_MAC_init(ctx.get(), key.empty() ? &kEmpty : key.data(), key.size(), params) != 1) {
    throw std::runtime_error("HMAC init failed");
  }
  for (ByteView part : parts) {
    if (EVP_MAC_update(ctx.get(), part.data(), part.size()) != 1) {
      throw std::runtime_error("HMAC update failed");
    }
  }
  SecureBytes out(output_size());
  std::size_t size = 0;
  if (EVP_MAC_final(ctx.get(), out.data(), &size, out.size()) != 1 || size != out.size()) {
    throw std::runtime_error("HMAC final failed");
  }
  return out;
}

}  // namespace ipsec_fpga::ike
