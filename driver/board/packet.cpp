#include "board/packet.hpp"

namespace ipsec_fpga::driver {

std::string_view to_string(PacketStatus status) {
  switch (status) {
    case PacketStatus::ok:
      return "ok";
    case PacketStatus::no_sa:
      return "no_sa";
    case PacketStatus::replay:
      return "replay";
    case PacketStatus::auth_failed:
      return "auth_failed";
    case PacketStatus::decrypt_failed:
      return "decrypt_failed";
    case PacketStatus::malformed:
      return "malformed";
    case PacketStatus::sa_expired:
      return "sa_expired";
    case PacketStatus::sa_disabled:
      return "sa_disabled";
    case PacketStatus::no_credit:
      return "no_credit";
    case PacketStatus::too_long:
      return "too_long";
    case PacketStatus::bad_direction:
      return "bad_direction";
    case PacketStatus::lost:
      return "lost";
  }
  return "status?";
}

std::string events_to_string(std::uint8_t events) {
  static constexpr const char* names[] = {"soft_lifetime", "hard_lifetime", "sequence_overflow",
                                          "error_threshold"};
  std::string out;
  for (unsigned bit = 0; bit < 8; ++bit) {
    if (!(events >> bit & 1u)) continue;
    if (!out.empty()) out += '|';
    out += bit < 4 ? names[bit] : "bit" + std::to_string(bit);
  }
  return out.empty() ? "none" : out;
}

}  // namespace ipsec_fpga::driver
