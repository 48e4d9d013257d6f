#pragma once
// Plain message digests (not keyed): Phase 1 IV, Phase 2 IV, NAT-D hashes.

#include <cstddef>
#include <initializer_list>

#include "ike/algorithms.hpp"
#include "ike/bytes.hpp"

namespace ipsec_fpga::ike {

std::size_t digest_size(HashAlgorithm hash);
// Digest of the concatenation of `parts`.
Bytes digest(HashAlgorithm hash, std::initializer_list<ByteView> parts);
// OpenSSL's name for `hash` ("SHA1", ...).
const char* openssl_digest_name(HashAlgorithm hash);

}  // namespace ipsec_fpga::ike
