// The ESP transforms the engine offers and their sizes (RFC 2410, 2404, 2405,
// 2451, 3602, 4106, 4868).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace ipsec_fpga::verif::esp {

enum class Cipher {
  null,          // RFC 2410
  des_cbc,       // RFC 2405
  des3_cbc,      // RFC 2451
  aes128_cbc,    // RFC 3602
  aes192_cbc,    // RFC 3602
  aes256_cbc,    // RFC 3602
  aes128_gcm16,  // RFC 4106, 16-byte ICV
  aes256_gcm16,  // RFC 4106, 16-byte ICV
};

enum class Integrity {
  none,             // only with GCM on the engine; RFC 3602's vectors use it with CBC
  hmac_md5_96,      // RFC 2403
  hmac_sha1_96,     // RFC 2404
  hmac_sha256_128,  // RFC 4868
};

struct CipherProperties {
  std::size_t key_size;    // bytes, without the GCM salt
  std::size_t block_size;  // what the ciphertext must be a multiple of (1 for GCM, NULL)
  std::size_t iv_size;     // bytes of IV carried in each packet
  std::size_t icv_size;    // the AEAD tag; 0 for the non-AEAD ciphers
  bool aead;
};

struct IntegrityProperties {
  std::size_t key_size;  // the key size IKE negotiates (RFC 2403/2404/4868)
  std::size_t icv_size;  // the truncated MAC carried in the packet
};

CipherProperties properties(Cipher cipher);
IntegrityProperties properties(Integrity integrity);

std::string_view to_string(Cipher cipher);
std::string_view to_string(Integrity integrity);

struct Suite {
  Cipher cipher;
  Integrity integrity;
  friend bool operator==(const Suite&, const Suite&) = default;
};

// The ESP packet's ICV size for this suite (the AEAD tag or the truncated MAC).
std::size_t icv_size(const Suite& suite);

// True for a combination the RTL engine offers: every CBC/NULL cipher with an
// HMAC, and GCM with no separate integrity.
bool offered_by_engine(const Suite& suite);

// Every suite the engine offers, for tests that cover them all.
std::vector<Suite> engine_suites();

}  // namespace ipsec_fpga::verif::esp
