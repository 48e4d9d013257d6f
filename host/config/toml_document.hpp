#pragma once
// Parses TOML text with toml11, turning a syntax error into one diagnostic
// "<file>:<line>:<column>: TOML syntax error: <reason>". toml11's own
// message is not passed on: it quotes the offending line, which may hold a
// pre-shared key.

#include <optional>
#include <string>
#include <toml.hpp>

#include "host/config/config_error.hpp"
#include "ike/bytes.hpp"

namespace ipsec_fpga::host {

std::optional<toml::value> parse_toml_document(ike::ByteView text, const std::string& file,
                                               Diagnostics& diagnostics);

}  // namespace ipsec_fpga::host
