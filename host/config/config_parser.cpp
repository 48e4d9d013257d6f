#include "host/config/config_parser.hpp"

#include <openssl/crypto.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "host/config/gateway_settings_reader.hpp"
#include "host/config/rule_reader.hpp"
#include "host/config/rule_set_checks.hpp"
#include "host/config/toml_document.hpp"
#include "host/config/toml_table_reader.hpp"

namespace ipsec_fpga::host {
namespace {

void read_rules(toml::value& document, TomlTableReader& root, const RuleSource& source,
                Diagnostics& diagnostics, GatewayConfig& config) {
  const toml::value* rules = root.take("rule");
  if (rules == nullptr) return;  // a gateway without rules only answers with errors
  if (!rules->is_array()) {
    root.value_error(
        *rules, "rule",
        "expected [[rule]] entries (an array of tables), got " + toml_type_name(*rules));
    return;
  }
  for (toml::value& entry : document.as_table().at("rule").as_array()) {
    if (!entry.is_table()) {
      root.value_error(entry, "rule", "expected a table, got " + toml_type_name(entry));
      continue;
    }
    if (auto rule = read_rule(entry, source, diagnostics)) config.rules.push_back(std::move(*rule));
  }
}

}  // namespace

GatewayConfig parse_config_string(std::string_view text, const std::string& name,
                                  const std::string& base_directory) {
  Diagnostics diagnostics(name);
  auto document = parse_toml_document(
      {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()}, name, diagnostics);
  diagnostics.throw_if_any();

  GatewayConfig config;
  config.source_name = name;
  TomlTableReader root(*document, diagnostics, name, "");
  if (const toml::value* gateway = root.take("gateway")) {
    if (!gateway->is_table()) {
      root.value_error(*gateway, "gateway",
                       "expected a table [gateway], got " + toml_type_name(*gateway));
    } else {
      TomlTableReader table(*gateway, diagnostics, name, "gateway");
      if (auto settings = read_gateway_settings(table)) config.gateway = std::move(*settings);
    }
  } else {
    diagnostics.error({name, 1, 0}, "", "missing required table [gateway]");
  }
  read_rules(*document, root, RuleSource{name, base_directory}, diagnostics, config);
  root.report_unknown_keys();
  check_rule_set(config, diagnostics);
  diagnostics.throw_if_any();
  return config;
}

GatewayConfig parse_config_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw ConfigError({path + ": cannot open: " + std::strerror(errno)});
  std::string text;
  try {
    text.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  } catch (const std::ios_base::failure&) {  // a directory opens, then fails to read
    throw ConfigError({path + ": cannot read: " + std::strerror(errno)});
  }
  if (file.bad()) throw ConfigError({path + ": cannot read: " + std::strerror(errno)});
  std::string directory = std::filesystem::path(path).parent_path().string();
  try {
    GatewayConfig config = parse_config_string(text, path, directory);
    OPENSSL_cleanse(text.data(), text.size());
    return config;
  } catch (...) {
    OPENSSL_cleanse(text.data(), text.size());  // an inline key may be in it
    throw;
  }
}

}  // namespace ipsec_fpga::host
