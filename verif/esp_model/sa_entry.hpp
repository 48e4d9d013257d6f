// One SA table entry: the SA the host wrote plus the state the engine keeps
// for it (sequence counter or replay window, lifetime and error counters).
#pragma once

#include <cstdint>

#include "replay_window.hpp"
#include "security_association.hpp"

namespace ipsec_fpga::verif::esp {

struct SaUsage {
  std::uint64_t bytes = 0;    // ESP Payload Data bytes of ok packets
  std::uint64_t packets = 0;  // ok packets
  std::uint64_t replays = 0;
  std::uint64_t auth_failures = 0;
  std::uint64_t decrypt_failures = 0;
};

// What one packet changed about its SA, for the host's log and rekeying.
struct SaEvents {
  bool soft_lifetime = false;       // a soft limit was reached by this packet
  bool hard_lifetime = false;       // a hard limit was reached: the SA is now expired
  bool sequence_exhausted = false;  // no sequence number left: the SA is now expired
};

struct SaEntry {
  // Throws std::invalid_argument if the SA is not usable (validation_error).
  explicit SaEntry(SecurityAssociation description);

  // `sa.sequence` is kept current: last sent (outbound) or highest
  // authenticated (inbound).
  SecurityAssociation sa;
  ReplayWindow replay;
  SaUsage usage;
  bool expired = false;
  bool soft_limit_reported = false;

  // Counts an ok packet of `payload_bytes` and reports the limits it reached.
  SaEvents count_packet(std::uint64_t payload_bytes);
  // True once a hard limit is reached (the SA must not be used).
  bool hard_limit_reached() const;
};

}  // namespace ipsec_fpga::verif::esp
