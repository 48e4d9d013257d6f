#pragma once
// Production randomness: OpenSSL's CSPRNG (RAND_bytes).

#include "ike/random_source.hpp"

namespace ipsec_fpga::ike {

class OpensslRandomSource : public RandomSource {
 public:
  void fill(std::span<std::uint8_t> out) override;
};

}  // namespace ipsec_fpga::ike
