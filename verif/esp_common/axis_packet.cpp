#include "axis_packet.hpp"

#include <string>

namespace ipsec_fpga::verif::esp_rtl {

std::vector<AxisBeat> to_beats(const Bytes& packet) {
  std::vector<AxisBeat> beats;
  for (std::size_t offset = 0; offset < packet.size(); offset += 4) {
    AxisBeat beat;
    const std::size_t count = std::min<std::size_t>(4, packet.size() - offset);
    for (std::size_t i = 0; i < count; ++i)
      beat.data |= static_cast<std::uint32_t>(packet[offset + i]) << (24 - 8 * i);
    beat.keep = (0xfu << (4 - count)) & 0xfu;  // the first `count` bytes: the high lanes
    beat.last = offset + 4 >= packet.size();
    beats.push_back(beat);
  }
  return beats;
}

bool AxisCollector::add(const AxisBeat& beat) {
  ++beats_;
  unsigned count = 0;
  switch (beat.keep) {
    case 0xf:
      count = 4;
      break;
    case 0xe:
      count = 3;
      break;
    case 0xc:
      count = 2;
      break;
    case 0x8:
      count = 1;
      break;
    default:
      throw std::runtime_error("AXI-Stream beat " + std::to_string(beats_) + ": tkeep " +
                               std::to_string(beat.keep) + " is not a left-aligned byte mask");
  }
  if (!beat.last && count != 4)
    throw std::runtime_error("AXI-Stream beat " + std::to_string(beats_) +
                             ": partial tkeep before the last beat");
  for (unsigned i = 0; i < count; ++i)
    bytes_.push_back(static_cast<std::uint8_t>(beat.data >> (24 - 8 * i)));
  return beat.last;
}

Bytes AxisCollector::take() {
  Bytes packet = std::move(bytes_);
  bytes_.clear();
  beats_ = 0;
  return packet;
}

}  // namespace ipsec_fpga::verif::esp_rtl
