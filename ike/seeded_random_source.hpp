#pragma once
// Reproducible bytes for tests and replays: SHA-256(seed | counter) blocks.
// Not for production keys: anyone knowing the seed knows every output.

#include <cstdint>
#include <string>

#include "ike/bytes.hpp"
#include "ike/random_source.hpp"

namespace ipsec_fpga::ike {

class SeededRandomSource : public RandomSource {
 public:
  explicit SeededRandomSource(std::string seed) : seed_(std::move(seed)) {}
  void fill(std::span<std::uint8_t> out) override;

 private:
  std::string seed_;
  std::uint64_t counter_ = 0;
  Bytes block_;
  std::size_t used_ = 0;
};

}  // namespace ipsec_fpga::ike
