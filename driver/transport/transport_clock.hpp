// A transport whose board keeps its own time (the simulated board: time is
// clock cycles). The driver measures its timeouts on this clock when the
// transport offers it, so a simulated run is deterministic and a slow
// simulation never times out early; otherwise it uses std::chrono::steady_clock.
#pragma once

#include <chrono>

namespace ipsec_fpga::driver {

class TransportClock {
 public:
  virtual ~TransportClock() = default;
  // Time the board has run since the transport opened.
  virtual std::chrono::nanoseconds elapsed() const = 0;
};

}  // namespace ipsec_fpga::driver
