#pragma once
// Phase 1 algorithm identifiers with their IKEv1 numbers (RFC 2409
// appendix A, RFC 3602 for AES, RFC 4868 for SHA-2, RFC 3526/5903 groups).

#include <cstdint>
#include <string>

namespace ipsec_fpga::ike {

enum class HashAlgorithm : std::uint16_t { md5 = 1, sha1 = 2, sha256 = 4, sha384 = 5, sha512 = 6 };

enum class EncryptionAlgorithm : std::uint16_t { des_cbc = 1, triple_des_cbc = 5, aes_cbc = 7 };

enum class DhGroup : std::uint16_t {
  modp768 = 1,
  modp1024 = 2,
  modp1536 = 5,
  modp2048 = 14,
  modp3072 = 15,
  modp4096 = 16,
  ecp256 = 19,
  ecp384 = 20,
};

bool is_supported(HashAlgorithm hash);
bool is_supported(EncryptionAlgorithm encryption);
bool is_supported(DhGroup group);
std::string name(HashAlgorithm hash);
std::string name(EncryptionAlgorithm encryption);
std::string name(DhGroup group);

}  // namespace ipsec_fpga::ike
