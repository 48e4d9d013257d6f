#pragma once
// One [[rule]] table into a RuleConfig: the fields of the manual's IPSec
// setup screen, the secrets from their files, the suites from the nested
// phase tables. Problems go to Diagnostics; nullopt when there were any.

#include <optional>
#include <string>
#include <toml.hpp>

#include "host/config/config_error.hpp"
#include "host/config/gateway_config.hpp"

namespace ipsec_fpga::host {

struct RuleSource {
  std::string file;            // named in messages
  std::string base_directory;  // relative key file paths start here
};

// Non-const: inline keys are zeroed in the document once read.
std::optional<RuleConfig> read_rule(toml::value& table, const RuleSource& source,
                                    Diagnostics& diagnostics);

}  // namespace ipsec_fpga::host
