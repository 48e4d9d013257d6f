// The reference GHASH: GF(2^128) multiplication written bit by bit from
// NIST SP 800-38D algorithm 1, and the GCM framing around it (padding, the
// length block, J0). Blocks are 16-byte strings; bit 0 is byte 0's MSB.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "bytes.hpp"

namespace ipsec_fpga::verif {

// X * Y in GF(2^128), SP 800-38D algorithm 1.
inline Bytes gf128_multiply(const Bytes& x, const Bytes& y) {
  if (x.size() != 16 || y.size() != 16) throw std::invalid_argument("gf128_multiply: 16 bytes");
  Bytes z(16, 0), v = y;
  for (int i = 0; i < 128; ++i) {
    if ((x[i / 8] >> (7 - i % 8)) & 1)
      for (int k = 0; k < 16; ++k) z[k] ^= v[k];
    const bool v127 = v[15] & 1;  // the bit rightshift drops
    for (int k = 15; k > 0; --k) v[k] = static_cast<std::uint8_t>((v[k] >> 1) | (v[k - 1] << 7));
    v[0] = static_cast<std::uint8_t>(v[0] >> 1);
    if (v127) v[0] ^= 0xe1;  // R = 11100001 || 0^120
  }
  return z;
}

inline Bytes xor_block(const Bytes& a, const Bytes& b) {
  Bytes out(a);
  for (std::size_t k = 0; k < out.size(); ++k) out[k] ^= b[k];
  return out;
}

// Y_1 .. Y_m of GHASH_H(X_1 .. X_m) (SP 800-38D algorithm 2); the last is
// the hash.
inline std::vector<Bytes> ghash_chain(const Bytes& h, const std::vector<Bytes>& blocks) {
  std::vector<Bytes> chain;
  Bytes y(16, 0);
  for (const Bytes& x : blocks) {
    y = gf128_multiply(xor_block(y, x), h);
    chain.push_back(y);
  }
  return chain;
}

inline Bytes ghash(const Bytes& h, const std::vector<Bytes>& blocks) {
  return blocks.empty() ? Bytes(16, 0) : ghash_chain(h, blocks).back();
}

// The blocks GCM hashes (SP 800-38D algorithm 4 step 5): A and C each
// zero-padded to whole blocks, then [len(A)]_64 || [len(C)]_64 in bits.
inline std::vector<Bytes> gcm_hash_blocks(const Bytes& aad, const Bytes& ciphertext) {
  std::vector<Bytes> blocks;
  for (const Bytes* part : {&aad, &ciphertext})
    for (std::size_t at = 0; at < part->size(); at += 16) {
      Bytes block(part->begin() + static_cast<std::ptrdiff_t>(at),
                  part->begin() + static_cast<std::ptrdiff_t>(std::min(at + 16, part->size())));
      block.resize(16, 0);
      blocks.push_back(block);
    }
  Bytes lengths = store_be_u64(aad.size() * 8, 8);
  const Bytes c_bits = store_be_u64(ciphertext.size() * 8, 8);
  lengths.insert(lengths.end(), c_bits.begin(), c_bits.end());
  blocks.push_back(lengths);
  return blocks;
}

// J0 from a 96-bit IV (IV || 0^31 || 1); other lengths need GHASH: the
// blocks to hash are gcm_hash_blocks({}, iv) (SP 800-38D algorithm 4 step 2).
inline Bytes gcm_j0_96(const Bytes& iv) {
  Bytes j0 = iv;
  j0.insert(j0.end(), {0, 0, 0, 1});
  return j0;
}

}  // namespace ipsec_fpga::verif
