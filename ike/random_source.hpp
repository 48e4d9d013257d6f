#pragma once
// Where ike/ gets random bytes (cookies, nonces, DH private values, SPIs).
// Injected so a test can make every exchange reproducible.

#include <cstdint>
#include <span>

namespace ipsec_fpga::ike {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual void fill(std::span<std::uint8_t> out) = 0;
};

}  // namespace ipsec_fpga::ike
