// The HMAC chaining states the board takes instead of HMAC keys: the hash
// state after compressing (key XOR ipad) and (key XOR opad) once from the IV
// (RFC 2104), so the engine never needs the key itself.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "sa/sa_types.hpp"

namespace ipsec_fpga::driver {

// State words, MD5 4 (as OpenSSL keeps them, little-endian A..D), SHA-1 5,
// SHA-256 8; unused words zero.
using HmacState = std::array<std::uint32_t, 8>;

struct HmacStates {
  HmacState inner{};
  HmacState outer{};
};

// Throws std::invalid_argument for Integrity::none. Every temporary copy of
// the key is zeroed with OPENSSL_cleanse; so should the caller's result be.
HmacStates hmac_states(Integrity integrity, std::span<const std::uint8_t> key);

}  // namespace ipsec_fpga::driver
