// The ESP integrity algorithms: HMAC on OpenSSL EVP_MAC, truncated as RFC 2403,
// 2404 and 4868 say (the leftmost bytes), compared in constant time.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

#include "secret_bytes.hpp"
#include "suite.hpp"

namespace ipsec_fpga::verif::esp {

// The truncated ICV over the concatenation of `parts`. Throws
// std::invalid_argument for Integrity::none.
std::vector<std::uint8_t> compute_icv(Integrity integrity, const SecretBytes& key,
                                      std::initializer_list<std::span<const std::uint8_t>> parts);

// Constant-time comparison (CRYPTO_memcmp) of two ICVs of the same length.
bool icv_equal(std::span<const std::uint8_t> expected, std::span<const std::uint8_t> received);

}  // namespace ipsec_fpga::verif::esp
