// The far end's transmitter: the level of a UART line in continuous time,
// in clock cycles of the design (the level at time e is what the design's
// edge e samples). Frames are placed at any real start time and bit
// period, so baud rate errors and sub-cycle phase come out as on a real wire.
#pragma once

#include <cstdint>
#include <deque>
#include <stdexcept>
#include <utility>

namespace ipsec_fpga::verif {

class UartLine {
 public:
  // From `time` on the line is at `level` (times must not decrease).
  void set(double time, bool level) {
    if (!changes_.empty() && time < changes_.back().first)
      throw std::logic_error("UartLine: changes must be in time order");
    changes_.emplace_back(time, level);
    last_time_ = time;
  }

  // One 8N1 frame (start, 8 data bits LSB first, stop) from `start`, each bit
  // `period` cycles; `stop_bit` false injects a framing error. Returns the end
  // of the stop bit; the line stays at the stop bit's level after it.
  double frame(double start, double period, std::uint8_t byte, bool stop_bit = true) {
    set(start, false);
    for (int bit = 0; bit < 8; ++bit) set(start + (bit + 1) * period, (byte >> bit) & 1);
    set(start + 9 * period, stop_bit);
    return start + 10 * period;
  }

  // Level at `time`; queries must not go back in time.
  bool level_at(double time) {
    while (!changes_.empty() && changes_.front().first <= time) {
      level_ = changes_.front().second;
      changes_.pop_front();
    }
    return level_;
  }

  // Time of the last change placed (0 if none).
  double last_change() const { return last_time_; }
  bool idle() const { return changes_.empty(); }

 private:
  std::deque<std::pair<double, bool>> changes_;
  bool level_ = true;
  double last_time_ = 0;
};

}  // namespace ipsec_fpga::verif
