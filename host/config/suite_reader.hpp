#pragma once
// The manual's Phase 1 and Phase 2 proposal fields ([rule.phase1],
// [rule.phase2]) as ike/ suites, with the combinations the engine cannot
// run refused by name.

#include <optional>

#include "host/config/toml_table_reader.hpp"
#include "ike/esp_suite.hpp"
#include "ike/phase1_suite.hpp"

namespace ipsec_fpga::host {

std::optional<ike::Phase1Suite> read_phase1_suite(TomlTableReader& table);
std::optional<ike::EspSuite> read_phase2_suite(TomlTableReader& table);

}  // namespace ipsec_fpga::host
