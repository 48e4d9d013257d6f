// Small helpers shared by the tdes_core test files.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "bytes.hpp"

namespace ipsec_fpga::verif {

inline std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llX", static_cast<unsigned long long>(value));
  return text;
}

// TDEA keying option 3 (K1 = K2 = K3): single DES through the 48-round path.
inline Bytes repeated_three_times(const Bytes& key) {
  Bytes out;
  for (int i = 0; i < 3; ++i) out.insert(out.end(), key.begin(), key.end());
  return out;
}

}  // namespace ipsec_fpga::verif
