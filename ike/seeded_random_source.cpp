#include "ike/seeded_random_source.hpp"

#include "ike/digest.hpp"

namespace ipsec_fpga::ike {

void SeededRandomSource::fill(std::span<std::uint8_t> out) {
  for (auto& byte : out) {
    if (used_ == block_.size()) {
      std::uint8_t counter[8];
      for (int i = 0; i < 8; ++i) counter[i] = static_cast<std::uint8_t>(counter_ >> (56 - 8 * i));
      ++counter_;
      ByteView seed(reinterpret_cast<const std::uint8_t*>(seed_.data()), seed_.size());
      block_ = digest(HashAlgorithm::sha256, {seed, counter});
      used_ = 0;
    }
    byte = block_[used_++];
  }
}

}  // namespace ipsec_fpga::ike
