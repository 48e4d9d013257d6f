#include "ike/crypto_context.hpp"

#include <openssl/crypto.h>
#include <openssl/provider.h>

#include <stdexcept>

namespace ipsec_fpga::ike {

OSSL_LIB_CTX* crypto_context() {
  static OSSL_LIB_CTX* context = [] {
    OSSL_LIB_CTX* ctx = OSSL_LIB_CTX_new();
    if (ctx == nullptr || OSSL_PROVIDER_load(ctx, "default") == nullptr) {
      throw std::runtime_error("OpenSSL default provider unavailable");
    }
    // Optional: without it single DES is reported as unsupported.
    OSSL_PROVIDER_load(ctx, "legacy");
    return ctx;
  }();
  return context;
}

}  // namespace ipsec_fpga::ike
