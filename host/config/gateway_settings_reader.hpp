#pragma once
// The [gateway] table: interfaces, addresses, ports, log, board, and the
// two global limits (Phase 2 negotiations, error threshold).

#include <optional>

#include "host/config/gateway_config.hpp"
#include "host/config/toml_table_reader.hpp"

namespace ipsec_fpga::host {

std::optional<GatewaySettings> read_gateway_settings(TomlTableReader& table);

}  // namespace ipsec_fpga::host
