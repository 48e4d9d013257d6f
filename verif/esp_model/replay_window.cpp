#include "replay_window.hpp"

#include <algorithm>

namespace ipsec_fpga::verif::esp {

ReplayWindow::ReplayWindow(unsigned size, std::uint64_t highest)
    : size_(size), highest_(highest), seen_(size, false) {
  // Everything up to the starting edge counts as received: a restored SA must
  // not accept numbers it may already have seen.
  if (highest_ != 0)
    for (unsigned i = 0; i < size_ && i < highest_; ++i) seen_[i] = true;
}

std::optional<std::uint64_t> ReplayWindow::infer_extended(std::uint32_t sequence_low) const {
  const auto top_low = static_cast<std::uint32_t>(highest_);
  const std::uint64_t top_high = highest_ >> 32;
  const std::uint32_t window_bottom = top_low - (size_ - 1);  // mod 2^32, as in A2.1
  std::uint64_t high = top_high;
  if (top_low >= size_ - 1) {
    // Case A: the window lies within one 2^32 block.
    if (sequence_low < window_bottom) high = top_high + 1;
  } else {
    // Case B: the window straddles a block boundary.
    if (sequence_low >= window_bottom) {
      if (top_high == 0) return std::nullopt;  // would be before the first packet
      high = top_high - 1;
    }
  }
  if (high > 0xffffffffu) return std::nullopt;  // beyond the 64-bit space
  return high << 32 | sequence_low;
}

bool ReplayWindow::received(std::uint64_t sequence) const {
  return seen_[static_cast<std::size_t>(highest_ - sequence)];
}

std::optional<std::uint64_t> ReplayWindow::check(std::uint32_t sequence_low, bool extended) const {
  std::optional<std::uint64_t> sequence = std::uint64_t{sequence_low};
  if (extended) sequence = infer_extended(sequence_low);
  if (!sequence || *sequence == 0) return std::nullopt;
  if (*sequence > highest_) return sequence;
  if (highest_ - *sequence >= size_) return std::nullopt;  // left of the window
  if (received(*sequence)) return std::nullopt;
  return sequence;
}

void ReplayWindow::accept(std::uint64_t sequence) {
  if (sequence > highest_) {
    const std::uint64_t shift = sequence - highest_;
    if (shift >= size_) {
      std::fill(seen_.begin(), seen_.end(), false);
    } else {
      std::rotate(seen_.rbegin(), seen_.rbegin() + static_cast<std::ptrdiff_t>(shift),
                  seen_.rend());
      std::fill(seen_.begin(), seen_.begin() + static_cast<std::ptrdiff_t>(shift), false);
    }
    highest_ = sequence;
    seen_[0] = true;
  } else {
    seen_[static_cast<std::size_t>(highest_ - sequence)] = true;
  }
}

}  // namespace ipsec_fpga::verif::esp
