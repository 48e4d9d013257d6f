#include "host/datapath/inbound_status_log.hpp"

namespace ipsec_fpga::host {

std::optional<PacketLogMessage> inbound_log_message(driver::PacketStatus status) {
  using driver::PacketStatus;
  switch (status) {
    case PacketStatus::no_sa:
      return PacketLogMessage::cannot_find_phase2_sa;
    case PacketStatus::replay:
      return PacketLogMessage::discard_replay;
    case PacketStatus::auth_failed:
      return PacketLogMessage::inbound_auth_failed;
    case PacketStatus::decrypt_failed:
      return PacketLogMessage::inbound_decrypt_failed;
    default:
      return std::nullopt;
  }
}

}  // namespace ipsec_fpga::host
