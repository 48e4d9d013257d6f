#include "sa/hmac_states.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

#include <algorithm>
#include <stdexcept>

namespace ipsec_fpga::driver {

namespace {

constexpr std::size_t block_bytes = 64;  // MD5, SHA-1 and SHA-256 alike

const EVP_MD* digest(Integrity integrity) {
  switch (integrity) {
    case Integrity::hmac_md5_96:
      return EVP_md5();
    case Integrity::hmac_sha1_96:
      return EVP_sha1();
    case Integrity::hmac_sha256_128:
      return EVP_sha256();
    default:
      throw std::invalid_argument("hmac_states: integrity 'none' has no HMAC");
  }
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
// One compression of a padded key block from the IV: the bare compression
// function is only reachable through OpenSSL's low-level API.
HmacState pad_state(Integrity integrity, const std::uint8_t* block) {
  HmacState state{};
  switch (integrity) {
    case Integrity::hmac_md5_96: {
      MD5_CTX ctx;
      MD5_Init(&ctx);
      MD5_Transform(&ctx, block);
      state = {ctx.A, ctx.B, ctx.C, ctx.D};
      OPENSSL_cleanse(&ctx, sizeof ctx);
      break;
    }
    case Integrity::hmac_sha1_96: {
      SHA_CTX ctx;
      SHA1_Init(&ctx);
      SHA1_Transform(&ctx, block);
      state = {ctx.h0, ctx.h1, ctx.h2, ctx.h3, ctx.h4};
      OPENSSL_cleanse(&ctx, sizeof ctx);
      break;
    }
    case Integrity::hmac_sha256_128: {
      SHA256_CTX ctx;
      SHA256_Init(&ctx);
      SHA256_Transform(&ctx, block);
      std::copy(std::begin(ctx.h), std::end(ctx.h), state.begin());
      OPENSSL_cleanse(&ctx, sizeof ctx);
      break;
    }
    default:
      throw std::invalid_argument("hmac_states: integrity 'none' has no HMAC");
  }
  return state;
}
#pragma GCC diagnostic pop

}  // namespace

HmacStates hmac_states(Integrity integrity, std::span<const std::uint8_t> key) {
  const EVP_MD* md = digest(integrity);
  // RFC 2104: a key longer than the block is hashed first, then zero-padded.
  std::array<std::uint8_t, block_bytes> padded{};
  if (key.size() > block_bytes) {
    unsigned length = 0;
    if (EVP_Digest(key.data(), key.size(), padded.data(), &length, md, nullptr) != 1)
      throw std::runtime_error("hmac_states: EVP_Digest failed");
  } else {
    std::copy(key.begin(), key.end(), padded.begin());
  }
  std::array<std::uint8_t, block_bytes> block{};
  HmacStates states;
  for (std::size_t i = 0; i < block_bytes; ++i) block[i] = padded[i] ^ 0x36;
  states.inner = pad_state(integrity, block.data());
  for (std::size_t i = 0; i < block_bytes; ++i) block[i] = padded[i] ^ 0x5c;
  states.outer = pad_state(integrity, block.data());
  OPENSSL_cleanse(block.data(), block.size());
  OPENSSL_cleanse(padded.data(), padded.size());
  return states;
}

}  // namespace ipsec_fpga::driver
