#include "sa_entry.hpp"

#include <stdexcept>

namespace ipsec_fpga::verif::esp {

namespace {
bool reached(std::uint64_t count, std::uint64_t limit) { return limit != 0 && count >= limit; }

SecurityAssociation validated(SecurityAssociation sa) {
  if (const std::string error = validation_error(sa); !error.empty())
    throw std::invalid_argument("SA " + std::to_string(sa.spi) + ": " + error);
  return sa;
}
}  // namespace

SaEntry::SaEntry(SecurityAssociation description)
    : sa(validated(std::move(description))), replay(sa.replay_window, sa.sequence) {}

bool SaEntry::hard_limit_reached() const {
  return reached(usage.bytes, sa.lifetime.hard_bytes) ||
         reached(usage.packets, sa.lifetime.hard_packets);
}

SaEvents SaEntry::count_packet(std::uint64_t payload_bytes) {
  SaEvents events;
  usage.bytes += payload_bytes;
  usage.packets += 1;
  if (!soft_limit_reported && (reached(usage.bytes, sa.lifetime.soft_bytes) ||
                               reached(usage.packets, sa.lifetime.soft_packets))) {
    soft_limit_reported = true;
    events.soft_lifetime = true;
  }
  if (!expired && hard_limit_reached()) {
    expired = true;
    events.hard_lifetime = true;
  }
  return events;
}

}  // namespace ipsec_fpga::verif::esp
