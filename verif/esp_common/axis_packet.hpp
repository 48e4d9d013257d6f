// Packets as beats of the engine's 32-bit AXI-Stream: network byte order
// (byte 0 in tdata[31:24]), tkeep on the last beat only, its valid bytes the
// most significant ones.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "bytes.hpp"

namespace ipsec_fpga::verif::esp_rtl {

struct AxisBeat {
  std::uint32_t data = 0;
  unsigned keep = 0xf;
  bool last = false;
};

// An empty packet has no beats: its command says length 0 and the engine
// takes no data for it (tkeep 0 is not allowed).
std::vector<AxisBeat> to_beats(const Bytes& packet);

// Collects beats into a packet; throws std::runtime_error naming the beat if
// tkeep breaks the rules above.
class AxisCollector {
 public:
  // Returns true when `beat` ended the packet (then take()).
  bool add(const AxisBeat& beat);
  Bytes take();
  bool empty() const { return bytes_.empty(); }

 private:
  Bytes bytes_;
  std::size_t beats_ = 0;
};

}  // namespace ipsec_fpga::verif::esp_rtl
