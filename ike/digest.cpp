#include "ike/digest.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "ike/crypto_context.hpp"

namespace ipsec_fpga::ike {

const char* openssl_digest_name(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::md5:
      return "MD5";
    case HashAlgorithm::sha1:
      return "SHA1";
    case HashAlgorithm::sha256:
      return "SHA256";
    case HashAlgorithm::sha384:
      return "SHA384";
    case HashAlgorithm::sha512:
      return "SHA512";
  }
  throw std::invalid_argument("unsupported hash algorithm");
}

std::size_t digest_size(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::md5:
      return 16;
    case HashAlgorithm::sha1:
      return 20;
    case HashAlgorithm::sha256:
      return 32;
    case HashAlgorithm::sha384:
      return 48;
    case HashAlgorithm::sha512:
      return 64;
  }
  throw std::invalid_argument("unsupported hash algorithm");
}

Bytes digest(HashAlgorithm hash, std::initializer_list<ByteView> parts) {
  std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(
      EVP_MD_fetch(crypto_context(), openssl_digest_name(hash), nullptr), EVP_MD_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!md || !ctx || EVP_DigestInit_ex2(ctx.get(), md.get(), nullptr) != 1) {
    throw std::runtime_error("digest unavailable");
  }
  for (ByteView part : parts) {
    if (EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) {
      throw std::runtime_error("digest update failed");
    }
  }
  Bytes out(digest_size(hash));
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx.get(), out.data(), &size) != 1 || size != out.size()) {
    throw std::runtime_error("digest final failed");
  }
  return out;
}

}  // namespace ipsec_fpga::ike
