// SaParameters -> the 128 words of one SA table entry (rtl/sa/sa_layout.def,
// docs/sa-layout.md), and field access on such words.
#pragma once

#include <array>
#include <cstdint>

#include "sa/sa_parameters.hpp"
#include "sa_layout.hpp"

namespace ipsec_fpga::driver {

using SaWords = std::array<std::uint32_t, sa_layout::entry_words>;

// Control bits, SPI, ports, addresses, limits, the cipher key and GCM salt
// left-aligned, the HMAC inner/outer states precomputed with OpenSSL, the
// initial sequence, counters zero, and the anti-replay state as sa-layout.md
// says: a new inbound SA marks its bitmap words stale, a restored one
// (initial_sequence != 0) counts everything up to it as received. The
// result holds key material: zero it (cleanse_words) when done. Throws
// std::invalid_argument if validation_error(sa) is not empty.
SaWords sa_words(const SaParameters& sa);

void cleanse_words(SaWords& words);

// A field of up to 64 bits (multi-word fields big-endian).
std::uint64_t field_value(const SaWords& words, const sa_layout::Field& field);
void set_field(SaWords& words, const sa_layout::Field& field, std::uint64_t value);

}  // namespace ipsec_fpga::driver
