// OpenSSL reference for both cores: the bare compression function from any
// chaining value (SHA1_Transform / SHA256_Transform with h[] set), and EVP
// digests of whole messages. One traits struct per core also names the core
// and its exact cycle count.
#pragma once

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <stdexcept>

#include "bytes.hpp"
#include "sha_message.hpp"

// The low-level transforms are deprecated in OpenSSL 3 but are the only public
// bare compression function.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace ipsec_fpga::verif::sha {

inline Bytes evp_digest(const EVP_MD* md, const Bytes& message) {
  Bytes digest(EVP_MAX_MD_SIZE);
  unsigned length = 0;
  if (EVP_Digest(message.data(), message.size(), digest.data(), &length, md, nullptr) != 1)
    throw std::runtime_error("EVP_Digest failed");
  digest.resize(length);
  return digest;
}

struct Sha1Reference {
  static constexpr const char* kCoreName = "sha1_core";
  static constexpr std::size_t kStateWords = 5;
  static constexpr unsigned kBlockCycles = 81;  // 80 rounds + 1 cycle H += working vars
  static constexpr unsigned kLoadCycles = 2;    // strobe edge + the copy into a..e
  using State = std::array<std::uint32_t, kStateWords>;
  // FIPS 180-4 5.3.1
  static constexpr State kIv = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};

  static const EVP_MD* md() { return EVP_sha1(); }

  static State transform(const State& state, const Block& block) {
    SHA_CTX context;
    SHA1_Init(&context);
    context.h0 = state[0];
    context.h1 = state[1];
    context.h2 = state[2];
    context.h3 = state[3];
    context.h4 = state[4];
    SHA1_Transform(&context, bytes_from_block(block).data());
    return {context.h0, context.h1, context.h2, context.h3, context.h4};
  }
};

struct Sha256Reference {
  static constexpr const char* kCoreName = "sha256_core";
  static constexpr std::size_t kStateWords = 8;
  static constexpr unsigned kBlockCycles = 65;  // 64 rounds + 1 cycle H += working vars
  static constexpr unsigned kLoadCycles = 2;    // strobe edge + the copy into a..h
  using State = std::array<std::uint32_t, kStateWords>;
  // FIPS 180-4 5.3.3
  static constexpr State kIv = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

  static const EVP_MD* md() { return EVP_sha256(); }

  static State transform(const State& state, const Block& block) {
    SHA256_CTX context;
    SHA256_Init(&context);
    for (std::size_t i = 0; i < kStateWords; ++i) context.h[i] = state[i];
    SHA256_Transform(&context, bytes_from_block(block).data());
    State next{};
    for (std::size_t i = 0; i < kStateWords; ++i) next[i] = context.h[i];
    return next;
  }
};

}  // namespace ipsec_fpga::verif::sha

#pragma GCC diagnostic pop
