// The ESP ciphers on OpenSSL EVP: raw CBC (ESP does its own padding), NULL,
// and AES-GCM as RFC 4106 uses it (nonce = 4-byte salt || 8-byte IV).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "secret_bytes.hpp"
#include "suite.hpp"

namespace ipsec_fpga::verif::esp {

using ByteSpan = std::span<const std::uint8_t>;

// CBC without padding; `data` must be a multiple of the block size. NULL
// copies. Throws std::invalid_argument for a GCM cipher or a bad size.
std::vector<std::uint8_t> cbc_encrypt(Cipher cipher, const SecretBytes& key, ByteSpan iv,
                                      ByteSpan data);
std::vector<std::uint8_t> cbc_decrypt(Cipher cipher, const SecretBytes& key, ByteSpan iv,
                                      ByteSpan data);

// Returns ciphertext || 16-byte tag.
std::vector<std::uint8_t> gcm_seal(Cipher cipher, const SecretBytes& key, ByteSpan salt,
                                   ByteSpan iv, ByteSpan aad, ByteSpan plaintext);
// Returns the plaintext, or nothing when the tag does not verify (OpenSSL
// compares it in constant time).
std::optional<std::vector<std::uint8_t>> gcm_open(Cipher cipher, const SecretBytes& key,
                                                  ByteSpan salt, ByteSpan iv, ByteSpan aad,
                                                  ByteSpan ciphertext, ByteSpan tag);

}  // namespace ipsec_fpga::verif::esp
