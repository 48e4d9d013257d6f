// The host's side of HMAC, with OpenSSL: the inner and outer chaining states
// of a key (key XOR ipad / opad compressed once from the IV, as the driver
// does when it installs an SA) and the reference HMAC itself.
#pragma once

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

#include <stdexcept>

#include "hmac_engine_driver.hpp"

namespace ipsec_fpga::verif {

inline const EVP_MD* hmac_evp_md(HmacAlgorithm alg) {
  switch (alg) {
    case HmacAlgorithm::kMd5:
      return EVP_md5();
    case HmacAlgorithm::kSha1:
      return EVP_sha1();
    case HmacAlgorithm::kSha256:
      return EVP_sha256();
    default:
      throw std::invalid_argument("no OpenSSL digest for this algorithm");
  }
}

// The full HMAC (not truncated), OpenSSL's one-shot HMAC().
inline Bytes hmac_reference(HmacAlgorithm alg, const Bytes& key, const Bytes& data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned length = 0;
  HMAC(hmac_evp_md(alg), key.data(), static_cast<int>(key.size()), data.data(), data.size(),
       out.data(), &length);
  out.resize(length);
  return out;
}

// The ICV as the unit outputs it: the first 12 or 16 HMAC bytes, zero-padded
// to 16 (left-aligned).
inline Bytes hmac_icv_reference(HmacAlgorithm alg, const Bytes& key, const Bytes& data) {
  Bytes icv = hmac_reference(alg, key, data);
  icv.resize(hmac_icv_bytes(alg));
  icv.resize(16, 0);
  return icv;
}

struct HmacStates {
  HmacState inner{};
  HmacState outer{};
};

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
// One compression of (key XOR pad) from the IV, with OpenSSL's low-level
// transforms; returns the chaining value as the unit's state words.
inline HmacState hmac_pad_state(HmacAlgorithm alg, const Bytes& block) {
  HmacState state{};
  switch (alg) {
    case HmacAlgorithm::kMd5: {
      MD5_CTX ctx;
      MD5_Init(&ctx);
      MD5_Transform(&ctx, block.data());
      state = {ctx.A, ctx.B, ctx.C, ctx.D};
      break;
    }
    case HmacAlgorithm::kSha1: {
      SHA_CTX ctx;
      SHA1_Init(&ctx);
      SHA1_Transform(&ctx, block.data());
      state = {ctx.h0, ctx.h1, ctx.h2, ctx.h3, ctx.h4};
      break;
    }
    case HmacAlgorithm::kSha256: {
      SHA256_CTX ctx;
      SHA256_Init(&ctx);
      SHA256_Transform(&ctx, block.data());
      for (std::size_t i = 0; i < 8; ++i) state[i] = ctx.h[i];
      break;
    }
    default:
      throw std::invalid_argument("no compression for this algorithm");
  }
  return state;
}
#pragma GCC diagnostic pop

// RFC 2104: a key longer than the block is hashed first, then zero-padded.
inline HmacStates hmac_states(HmacAlgorithm alg, Bytes key) {
  if (key.size() > 64) {
    Bytes digest(EVP_MAX_MD_SIZE);
    unsigned length = 0;
    EVP_Digest(key.data(), key.size(), digest.data(), &length, hmac_evp_md(alg), nullptr);
    digest.resize(length);
    key = digest;
  }
  key.resize(64, 0);
  Bytes ipad = key, opad = key;
  for (auto& byte : ipad) byte ^= 0x36;
  for (auto& byte : opad) byte ^= 0x5c;
  return {hmac_pad_state(alg, ipad), hmac_pad_state(alg, opad)};
}

inline HmacMessage hmac_message(HmacAlgorithm alg, const Bytes& key, const Bytes& data) {
  HmacMessage m;
  m.alg = alg;
  const HmacStates states = hmac_states(alg, key);
  m.inner = states.inner;
  m.outer = states.outer;
  m.data = data;
  return m;
}

// Compression rounds per block (+1 finishing cycle for SHA) and the state
// load cycles of each core: the terms of the unit's cycle counts.
inline unsigned hmac_block_cycles(HmacAlgorithm alg) {
  return alg == HmacAlgorithm::kMd5 ? 64 : alg == HmacAlgorithm::kSha1 ? 81 : 65;
}

inline unsigned hmac_inner_blocks(std::size_t length) {
  return static_cast<unsigned>((length + 9 + 63) / 64);
}

}  // namespace ipsec_fpga::verif
