#pragma once
// The IKEv1 pseudo-random function: HMAC with the negotiated hash
// (RFC 2409 5: when no PRF is negotiated, the HMAC version of the hash).

#include <initializer_list>

#include "ike/algorithms.hpp"
#include "ike/bytes.hpp"
#include "ike/secure_bytes.hpp"

namespace ipsec_fpga::ike {

class Prf {
 public:
  explicit Prf(HashAlgorithm hash) : hash_(hash) {}

  // prf(key, part1 | part2 | ...)
  SecureBytes compute(ByteView key, std::initializer_list<ByteView> parts) const;
  std::size_t output_size() const;
  HashAlgorithm hash() const { return hash_; }

 private:
  HashAlgorithm hash_;
};

}  // namespace ipsec_fpga::ike
