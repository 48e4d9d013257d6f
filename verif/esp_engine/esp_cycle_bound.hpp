// The cycles the slowest unit in the engine's path needs for one packet, from
// the units' documented timing (docs/esp/*.md, docs/cores/*.md): the limit
// the engine's cycles per packet are measured against. Everything above it
// is the engine's own overhead (SA reads, key loads, framing, waits).
#pragma once

#include <algorithm>
#include <cstddef>

#include "suite.hpp"

namespace ipsec_fpga::verif::esp_rtl {

struct CycleBound {
  std::size_t cipher = 0;  // cbc_cipher or gcm_cipher
  std::size_t hmac = 0;    // hmac_engine
  std::size_t ghash = 0;   // ghash_core inside gcm_cipher
  std::size_t stream = 0;  // 32-bit words on the wider of the two streams
  // Outbound, the HMAC hashes the cipher's output: after the last ciphertext
  // it still compresses the final inner block and the outer block, so a
  // cipher-bound suite cannot finish before cipher + that tail.
  std::size_t chained = 0;
  std::size_t limit() const { return std::max({cipher, hmac, ghash, stream, chained}); }
};

inline std::size_t round_up(std::size_t value, std::size_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

// `esp_payload`: the bytes ESP protects (the inner packet in tunnel mode).
// `outbound`: CBC encryption spends one extra block making the IV.
inline CycleBound cycle_bound(const esp::Suite& suite, std::size_t esp_payload, bool esn,
                              bool outbound) {
  const esp::CipherProperties cipher = esp::properties(suite.cipher);
  const std::size_t align = std::max<std::size_t>(cipher.block_size, 4);
  const std::size_t text = round_up(esp_payload + 2, align);  // + pad length, next header
  const std::size_t icv = esp::icv_size(suite);
  CycleBound bound;
  std::size_t rounds_per_block = 0;
  switch (suite.cipher) {
    case esp::Cipher::des_cbc:
      rounds_per_block = 17;
      break;
    case esp::Cipher::des3_cbc:
      rounds_per_block = 49;
      break;
    case esp::Cipher::aes128_cbc:
    case esp::Cipher::aes128_gcm16:
      rounds_per_block = 11;
      break;
    case esp::Cipher::aes192_cbc:
      rounds_per_block = 13;
      break;
    case esp::Cipher::aes256_cbc:
    case esp::Cipher::aes256_gcm16:
      rounds_per_block = 15;
      break;
    case esp::Cipher::null:
      break;
  }
  if (cipher.aead) {
    const std::size_t blocks = round_up(text, 16) / 16;
    bound.cipher = (blocks + 1) * rounds_per_block;  // + E_K(J0)
    bound.ghash = (blocks + 2) * 8;                  // + AAD, lengths
  } else if (rounds_per_block != 0) {
    bound.cipher = (text / cipher.block_size + (outbound ? 1 : 0)) * rounds_per_block;
  }
  if (suite.integrity != esp::Integrity::none) {
    const std::size_t message = 8 + cipher.iv_size + text + (esn ? 4 : 0);
    const std::size_t blocks = (message + 9 + 63) / 64;
    std::size_t per_block = 0, finish = 0;  // compression cycles; padding and output
    switch (suite.integrity) {
      case esp::Integrity::hmac_md5_96:
        per_block = 64, finish = 7;
        break;
      case esp::Integrity::hmac_sha1_96:
        per_block = 81, finish = 5;
        break;
      case esp::Integrity::hmac_sha256_128:
        per_block = 65, finish = 5;
        break;
      case esp::Integrity::none:
        break;
    }
    bound.hmac = per_block * (blocks + 1) + finish;
    if (outbound && bound.cipher != 0) bound.chained = bound.cipher + 2 * per_block + finish;
  }
  bound.stream = (8 + cipher.iv_size + text + icv + 3) / 4;
  return bound;
}

}  // namespace ipsec_fpga::verif::esp_rtl
