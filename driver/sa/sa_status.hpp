// What the host can learn about an installed SA from the board: its engine
// state and configuration as read back, never key material (the board reads
// key words as zero anyway).
#pragma once

#include <cstdint>

#include "sa/sa_types.hpp"
#include "sa/sa_words.hpp"

namespace ipsec_fpga::driver {

struct SaStatus {
  bool valid = false;    // the entry holds an SA
  bool enabled = false;  // the engine may use it
  Direction direction = Direction::outbound;
  std::uint32_t spi = 0;
  std::uint64_t sequence = 0;  // outbound: last sent; inbound: highest authenticated
  std::uint64_t bytes = 0;     // ESP payload bytes of ok packets
  std::uint64_t packets = 0;   // ok packets
  std::uint32_t auth_errors = 0;
  std::uint32_t replay_errors = 0;
  std::uint32_t decrypt_errors = 0;
  bool expired = false;             // hard lifetime reached or sequence numbers exhausted
  bool soft_event_raised = false;   // the soft-lifetime event was sent
  bool error_event_raised = false;  // the error-threshold event was sent
  std::uint32_t last_used = 0;      // board time (register `time`) of the last ok packet
};

// Reads the status fields out of an entry's words (as sa_read returns them).
SaStatus parse_sa_status(const SaWords& words);

}  // namespace ipsec_fpga::driver
