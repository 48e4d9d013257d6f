// The 128 words the host writes into one SA table entry (layout:
// rtl/sa/sa_layout.def), made from the reference model's entry, so a
// testbench installs exactly the SA the reference processes with.
#pragma once

#include <array>
#include <cstdint>

#include "sa/sa_words.hpp"
#include "sa_entry.hpp"
#include "sa_layout.hpp"

namespace ipsec_fpga::verif::esp_rtl {

using SaWords = driver::SaWords;

struct SaImageOptions {
  std::uint32_t error_threshold =
      0;  // auth + replay + decrypt failures that raise an event (0: none)
};

// Control bits, SPI, state and counters as the entry holds them now; key,
// GCM salt and the HMAC inner/outer states (precomputed with OpenSSL, as the
// driver does); the replay window as sa-layout.md says (a new inbound SA
// marks its bitmap words stale, a restored one counts everything up to H as
// received). Written apart from the driver's sa_words() on purpose: the
// driver's encoder is checked against this one (tests/driver/sa_words_test).
SaWords sa_image(const esp::SaEntry& entry, const SaImageOptions& options = {});

// Field access on an image (up to 64 bits, other bits kept): the driver's.
using driver::field_value;
using driver::set_field;

}  // namespace ipsec_fpga::verif::esp_rtl
