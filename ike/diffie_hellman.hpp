#pragma once
// One side of a Diffie-Hellman exchange over a MODP group (RFC 2409 6,
// RFC 3526) or an ECP group (RFC 5903), on OpenSSL EVP_PKEY. The private
// value comes from the injected RandomSource so exchanges are reproducible.

#include <memory>

#include "ike/algorithms.hpp"
#include "ike/bytes.hpp"
#include "ike/random_source.hpp"
#include "ike/result.hpp"
#include "ike/secure_bytes.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace ipsec_fpga::ike {

class DiffieHellman {
 public:
  static Result<DiffieHellman> create(DhGroup group, RandomSource& random);

  DhGroup group() const { return group_; }
  // The KE payload data: g^x padded to the prime length, or x|y for ECP.
  const Bytes& public_value() const { return public_value_; }
  // g^xy padded to the prime length, or the x coordinate for ECP (RFC 5903 9).
  Result<SecureBytes> shared_secret(ByteView peer_public_value) const;

  // Size of a KE payload for `group`.
  static std::size_t public_value_size(DhGroup group);

 private:
  struct KeyDeleter {
    void operator()(EVP_PKEY* key) const;
  };
  DiffieHellman(DhGroup group, std::unique_ptr<EVP_PKEY, KeyDeleter> key, Bytes public_value)
      : group_(group), key_(std::move(key)), public_value_(std::move(public_value)) {}

  DhGroup group_;
  std::unique_ptr<EVP_PKEY, KeyDeleter> key_;
  Bytes public_value_;
};

}  // namespace ipsec_fpga::ike
