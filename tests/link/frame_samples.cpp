#include "frame_samples.hpp"

#include <algorithm>
#include <string>

namespace ipsec_fpga::host_link::test {

Frame random_frame(const layout::FrameInfo& info, std::size_t tail_items, std::uint8_t tag,
                   std::mt19937_64& rng) {
  std::size_t size = info.fixed_bytes;
  if (info.tail_unit) {
    const std::size_t room = (layout::max_payload - info.fixed_bytes) / info.tail_unit;
    size += std::min(tail_items, room) * info.tail_unit;
  }
  Frame frame{info.type, tag, Bytes(size)};
  // Zeros are common in real payloads (and COBS's interesting case).
  std::uniform_int_distribution<int> byte(0, 255);
  for (auto& b : frame.payload) b = byte(rng) < 64 ? 0 : static_cast<std::uint8_t>(byte(rng));
  return frame;
}

Frame random_frame(std::uint8_t tag, std::size_t max_tail_items, std::mt19937_64& rng) {
  std::uniform_int_distribution<std::size_t> pick(0, layout::frames.size() - 1);
  std::uniform_int_distribution<std::size_t> items(0, max_tail_items);
  return random_frame(layout::frames[pick(rng)], items(rng), tag, rng);
}

std::string describe(const Frame& frame) {
  const auto info = layout::frame_info(static_cast<std::uint8_t>(frame.type));
  std::string text = info ? std::string(info->name) : "type " + std::to_string(int(frame.type));
  text += " tag " + std::to_string(frame.tag) + " payload " + std::to_string(frame.payload.size()) +
          " bytes";
  return text;
}

}  // namespace ipsec_fpga::host_link::test
