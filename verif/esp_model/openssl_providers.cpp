#include "openssl_providers.hpp"

#include <openssl/provider.h>

#include <stdexcept>

namespace ipsec_fpga::verif::esp {

namespace {
struct Providers {
  Providers() {
    default_provider = OSSL_PROVIDER_load(nullptr, "default");
    legacy_provider = OSSL_PROVIDER_load(nullptr, "legacy");
  }
  // Kept loaded for the life of the process: EVP objects may outlive any scope.
  OSSL_PROVIDER* default_provider = nullptr;
  OSSL_PROVIDER* legacy_provider = nullptr;
};
}  // namespace

void ensure_openssl_providers() {
  static const Providers providers;
  if (providers.default_provider == nullptr)
    throw std::runtime_error("OpenSSL default provider could not be loaded");
  if (providers.legacy_provider == nullptr)
    throw std::runtime_error("OpenSSL legacy provider (needed for DES) could not be loaded");
}

}  // namespace ipsec_fpga::verif::esp
