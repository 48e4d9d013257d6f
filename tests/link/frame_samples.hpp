// Random frames of every type, with payloads that fit the type's fields.
#pragma once

#include <cstdint>
#include <random>

#include "link/frame.hpp"

namespace ipsec_fpga::host_link::test {

// A frame of `info`'s type whose tail (if any) has `tail_items` items.
Frame random_frame(const layout::FrameInfo& info, std::size_t tail_items, std::uint8_t tag,
                   std::mt19937_64& rng);

// Any type; tails of 0..max_tail_items items, capped by max_payload.
Frame random_frame(std::uint8_t tag, std::size_t max_tail_items, std::mt19937_64& rng);

std::string describe(const Frame& frame);

}  // namespace ipsec_fpga::host_link::test
