#pragma once
// Reading the gateway's configuration file (docs/config.md). Everything
// wrong is reported at once in one ConfigError, one line per problem, each
// naming the file, line (and column), rule and field; never a key.

#include <string>
#include <string_view>

#include "host/config/config_error.hpp"
#include "host/config/gateway_config.hpp"

namespace ipsec_fpga::host {

// Relative key file paths are taken from the config file's directory.
GatewayConfig parse_config_file(const std::string& path);
// `name` stands for the file in messages; relative key file paths are taken
// from `base_directory` (the current directory when empty).
GatewayConfig parse_config_string(std::string_view text, const std::string& name,
                                  const std::string& base_directory = "");

}  // namespace ipsec_fpga::host
