// What went wrong on the link, as the driver saw it: frames its decoder
// dropped (by reason), link_error frames the board sent, retries, timeouts.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace ipsec_fpga::driver {

struct LinkStatistics {
  // Indexed by the link_error reason value (1 crc .. 6 overrun; 0 unused).
  std::array<std::uint64_t, 8> local_errors{};  // frames from the board our decoder dropped
  std::array<std::uint64_t, 8> board_errors{};  // reasons of the board's link_error frames
  std::uint64_t board_dropped_frames = 0;       // sum of the link_error frames' `count`
  std::uint64_t frames_received = 0;
  std::uint64_t frames_sent = 0;
  std::uint64_t unexpected_frames = 0;  // late or unmatched responses, ignored
  std::uint64_t retries = 0;            // idempotent requests sent again
  std::uint64_t timeouts = 0;           // requests or packets given up on
  std::uint64_t credit_requests = 0;
  std::uint64_t packets_lost = 0;
  std::string last_local_error;  // the decoder's message for the last dropped frame

  std::uint64_t local_error_total() const;
  std::uint64_t board_error_total() const;
  std::string summary() const;  // "2 crc, 1 cobs dropped here; board reported 1 overrun"
};

}  // namespace ipsec_fpga::driver
