// The log line (Table 27-2) an inbound packet's engine status calls for.
#pragma once

#include <optional>

#include "board/packet.hpp"
#include "host/log/packet_log_event.hpp"

namespace ipsec_fpga::host {

// no_sa -> cannot_find_phase2_sa, replay -> discard_replay, auth_failed ->
// inbound_auth_failed, decrypt_failed -> inbound_decrypt_failed; every
// other status (ok, malformed, sa_expired, lost, ...) has no log line of its
// own (the data path counts it).
std::optional<PacketLogMessage> inbound_log_message(driver::PacketStatus status);

}  // namespace ipsec_fpga::host
