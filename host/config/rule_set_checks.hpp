#pragma once
// Checks between rules: each index used once; two active rules with the
// same secure gateway must not both claim a packet (overlapping local AND
// remote ranges would make the SPD ambiguous); manual inbound SPIs unique,
// since the FPGA finds inbound SAs by SPI.

#include "host/config/config_error.hpp"
#include "host/config/gateway_config.hpp"

namespace ipsec_fpga::host {

void check_rule_set(const GatewayConfig& config, Diagnostics& diagnostics);

}  // namespace ipsec_fpga::host
