#pragma once
// The algorithms of one Phase 1 (ISAKMP SA) transform with pre-shared keys.

#include <cstdint>

#include "ike/algorithms.hpp"

namespace ipsec_fpga::ike {

struct Phase1Suite {
  EncryptionAlgorithm encryption = EncryptionAlgorithm::aes_cbc;
  std::uint16_t key_bits = 128;  // AES only; DES/3DES have fixed keys
  HashAlgorithm hash = HashAlgorithm::sha1;
  DhGroup group = DhGroup::modp2048;
  std::uint32_t lifetime_seconds = 28800;

  // Same algorithms (lifetimes are not part of the match, RFC 2409 4.5).
  bool same_algorithms(const Phase1Suite& other) const {
    return encryption == other.encryption && hash == other.hash && group == other.group &&
           (encryption != EncryptionAlgorithm::aes_cbc || key_bits == other.key_bits);
  }
  friend bool operator==(const Phase1Suite&, const Phase1Suite&) = default;
};

}  // namespace ipsec_fpga::ike
