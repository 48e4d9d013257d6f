// The receiver's anti-replay window (RFC 4303 section 3.4.3), with the ESN
// high-order bits inferred as in RFC 4303 appendix A2.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace ipsec_fpga::verif::esp {

class ReplayWindow {
 public:
  // `size`: packets the window spans; `highest`: the right edge to start from
  // (0 for a new SA).
  ReplayWindow(unsigned size, std::uint64_t highest);

  // The full sequence number of a received low 32 bits, if it is new: right
  // of the window, or inside it and not yet received. Nothing for a replay,
  // for a number left of the window, and for 0 (never sent).
  std::optional<std::uint64_t> check(std::uint32_t sequence_low, bool extended) const;

  // Marks `sequence` (returned by check) received; call only after its ICV verified.
  void accept(std::uint64_t sequence);

  std::uint64_t highest() const { return highest_; }
  unsigned size() const { return size_; }

 private:
  // RFC 4303 appendix A2.1: which 2^32 block the low bits belong to.
  std::optional<std::uint64_t> infer_extended(std::uint32_t sequence_low) const;
  bool received(std::uint64_t sequence) const;

  unsigned size_;
  std::uint64_t highest_;
  std::vector<bool> seen_;  // seen_[i]: highest_ - i was received (i < size_)
};

}  // namespace ipsec_fpga::verif::esp
