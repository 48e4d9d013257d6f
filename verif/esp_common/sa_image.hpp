// The 128 words the host writes into one SA table entry (layout:
// rtl/sa/sa_layout.def), made from the reference model's entry, so a
// testbench installs exactly the SA the reference processes with.
#pragma once

#include <array>
#include <cstdint>

#include "sa_entry.hpp"
#include "sa_layout.hpp"

namespace ipsec_fpga::verif::esp_rtl {

using SaWords = std::array<std::uint32_t, sa_layout::entry_words>;

struct SaImageOptions {
  std::uint32_t error_threshold =
      0;  // auth + replay + decrypt failures that raise an event (0: none)
};

// Control bits, SPI, state and counters as the entry holds them now; key,
// GCM salt and the HMAC inner/outer states (precomputed with OpenSSL, as the
// driver does); the replay window as sa-layout.md says (a new inbound SA
// marks its bitmap words stale, a restored one counts everything up to H as
// received).
SaWords sa_image(const esp::SaEntry& entry, const SaImageOptions& options = {});

// Reads field `field` (up to 64 bits) out of an image: for comparing the
// engine's write-back with the reference.
std::uint64_t field_value(const SaWords& words, const sa_layout::Field& field);

// Writes `value` into field `field` of an image (other bits kept).
void set_field(SaWords& words, const sa_layout::Field& field, std::uint64_t value);

}  // namespace ipsec_fpga::verif::esp_rtl
