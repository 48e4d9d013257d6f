#include "host/config/manual_keys_reader.hpp"

#include <openssl/crypto.h>

#include "host/config/secret_file.hpp"
#include "host/config/toml_document.hpp"
#include "host/config/toml_table_reader.hpp"

namespace ipsec_fpga::host {
namespace {

// RFC 4303 2.1: SPIs 1..255 are reserved by IANA, 0 means none.
constexpr std::int64_t min_spi = 256;
constexpr std::int64_t max_spi = 0xffffffff;

std::optional<ike::SecureBytes> read_key(TomlTableReader& table, toml::value& direction,
                                         std::string_view key, std::size_t expected_size,
                                         const std::string& what) {
  const toml::value* value = table.take(key);
  if (expected_size == 0) {
    if (value != nullptr) table.value_error(*value, key, "not used with " + what);
    return ike::SecureBytes();
  }
  if (value == nullptr) {
    table.require(key);
    return std::nullopt;
  }
  if (!value->is_string()) {
    table.value_error(*value, key, "expected a hex string, got " + toml_type_name(*value));
    return std::nullopt;
  }
  std::string& text = direction.as_table().at(std::string(key)).as_string().str;
  auto bytes = decode_secret_hex({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  OPENSSL_cleanse(text.data(), text.size());
  if (!bytes) {
    table.value_error(*value, key, "the key " + bytes.reason());
    return std::nullopt;
  }
  if (bytes->size() != expected_size) {
    table.value_error(*value, key,
                      "the key has " + std::to_string(bytes->size()) + " bytes, " + what +
                          " needs " + std::to_string(expected_size));
    return std::nullopt;
  }
  return std::move(*bytes);
}

std::optional<ManualSaKeys> read_direction(TomlTableReader& root, toml::value& document,
                                           std::string_view name, const ike::EspSuite& suite,
                                           Diagnostics& diagnostics, const std::string& path) {
  const toml::value* value = root.take(name);
  if (value == nullptr) {
    root.require(name);
    return std::nullopt;
  }
  if (!value->is_table()) {
    root.value_error(*value, name, "expected a table, got " + toml_type_name(*value));
    return std::nullopt;
  }
  toml::value& direction = document.as_table().at(std::string(name));
  TomlTableReader table(direction, diagnostics, path, root.context(), std::string(name) + ".");
  ManualSaKeys keys;
  table.require("spi");
  if (auto spi = table.integer("spi", min_spi, max_spi))
    keys.spi = static_cast<std::uint32_t>(*spi);
  const std::string suite_name = suite.describe();
  auto encryption =
      read_key(table, direction, "encryption_key", suite.encryption_key_size(), suite_name);
  auto authentication =
      read_key(table, direction, "authentication_key", suite.integrity_key_size(), suite_name);
  table.report_unknown_keys();
  if (table.failed() || !encryption || !authentication) return std::nullopt;
  keys.encryption_key = std::move(*encryption);
  keys.authentication_key = std::move(*authentication);
  return keys;
}

}  // namespace

std::optional<ManualKeys> read_manual_keys(const ike::SecureBytes& contents,
                                           const std::string& path, const ike::EspSuite& suite,
                                           Diagnostics& diagnostics, const std::string& context) {
  auto document = parse_toml_document(contents.view(), path, diagnostics);
  if (!document) return std::nullopt;
  TomlTableReader root(*document, diagnostics, path, context);
  auto outbound = read_direction(root, *document, "outbound", suite, diagnostics, path);
  auto inbound = read_direction(root, *document, "inbound", suite, diagnostics, path);
  root.report_unknown_keys();
  if (!outbound || !inbound) return std::nullopt;
  return ManualKeys{std::move(*outbound), std::move(*inbound)};
}

}  // namespace ipsec_fpga::host
