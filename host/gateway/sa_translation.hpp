// From what IKE (or a manual-key rule) negotiated to what the board
// installs: suites, keys (the GCM salt split off), directions, names.
#pragma once

#include <string>

#include "board/board.hpp"
#include "ike/engine_output.hpp"
#include "ike/esp_suite.hpp"

namespace ipsec_fpga::host {

// Throws std::invalid_argument for a suite the ESP engine has no code for.
driver::Suite board_suite(const ike::EspSuite& suite);
// "aes128-cbc/hmac-sha1-96", "aes128-gcm".
std::string suite_name(const driver::Suite& suite);

// One direction's SaParameters (bare ESP: the sockets add the outer headers).
// `keys.spi` goes into spi: the peer's for outbound, our reserved one inbound.
driver::SaParameters sa_parameters(driver::Direction direction, const ike::EspSuite& suite,
                                   bool tunnel_mode, const ike::SecureBytes& encryption_key,
                                   const ike::SecureBytes& integrity_key, std::uint32_t spi,
                                   const ike::Endpoint& local, const ike::Endpoint& remote);

}  // namespace ipsec_fpga::host
