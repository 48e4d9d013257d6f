#pragma once
// The keys file of a rule with key_management = "manual": SPIs and hex keys
// per direction, sized for the rule's Phase 2 suite. Format (TOML):
//
//   [outbound]
//   spi = 0x1000
//   encryption_key = "<hex>"
//   authentication_key = "<hex>"
//   [inbound]
//   ...

#include <optional>
#include <string>

#include "host/config/config_error.hpp"
#include "host/config/gateway_config.hpp"
#include "ike/esp_suite.hpp"
#include "ike/secure_bytes.hpp"

namespace ipsec_fpga::host {

// `contents` comes from read_secret_file(path); errors name `path`.
std::optional<ManualKeys> read_manual_keys(const ike::SecureBytes& contents,
                                           const std::string& path, const ike::EspSuite& suite,
                                           Diagnostics& diagnostics, const std::string& context);

}  // namespace ipsec_fpga::host
