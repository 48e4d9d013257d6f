#pragma once
// strongSwan-style proposal strings for the interop program:
// "aes128-sha1-modp2048" (Phase 1), "aes128-sha1[-modp2048]" or
// "aes256gcm16[-ecp256]" (ESP, optional PFS group).

#include <optional>
#include <string>

#include "ike/esp_suite.hpp"
#include "ike/phase1_suite.hpp"

namespace ipsec_fpga::ike::interop {

std::optional<Phase1Suite> parse_ike_proposal(const std::string& text);
std::optional<EspSuite> parse_esp_proposal(const std::string& text);

}  // namespace ipsec_fpga::ike::interop
