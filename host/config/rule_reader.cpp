#include "host/config/rule_reader.hpp"

#include <openssl/crypto.h>

#include <filesystem>

#include "host/config/address_range.hpp"
#include "host/config/manual_keys_reader.hpp"
#include "host/config/secret_file.hpp"
#include "host/config/suite_reader.hpp"
#include "host/config/toml_table_reader.hpp"

namespace ipsec_fpga::host {
namespace {

constexpr std::int64_t max_rule_index = 999;  // the log's "<#d>" and its 3-digit habit
constexpr std::int64_t max_u32 = 0xffffffff;

std::string resolve_path(const std::string& path, const RuleSource& source) {
  std::filesystem::path p(path);
  if (p.is_relative() && !source.base_directory.empty()) p = source.base_directory / p;
  return p.lexically_normal().string();
}

std::optional<ike::IpAddress> read_address(TomlTableReader& table, std::string_view key) {
  const toml::value* value = table.take(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    table.value_error(*value, key,
                      "expected an IPv4 address string, got " + toml_type_name(*value));
    return std::nullopt;
  }
  auto address = parse_ipv4_address(value->as_string().str);
  if (!address) {
    table.value_error(*value, key, address.reason());
    return std::nullopt;
  }
  return *address;
}

std::optional<ike::TrafficSelector> read_range(TomlTableReader& table, std::string_view key) {
  const toml::value* value = table.take(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    table.value_error(*value, key,
                      "expected an address, range or subnet string, got " + toml_type_name(*value));
    return std::nullopt;
  }
  auto range = parse_address_range(value->as_string().str);
  if (!range) {
    table.value_error(*value, key, range.reason());
    return std::nullopt;
  }
  return *range;
}

// phase1/phase2: one table, or an array of tables in order of preference.
template <class Suite, class ReadOne>
std::optional<std::vector<Suite>> read_suites(TomlTableReader& rule, std::string_view key,
                                              Diagnostics& diagnostics, const RuleSource& source,
                                              ReadOne read_one) {
  std::vector<Suite> suites;
  const toml::value* value = rule.take(key);
  std::vector<std::pair<const toml::value*, std::string>> entries;
  if (value == nullptr) {
    // Defaults: an empty table reads as the documented default suite.
    static const toml::value empty_table{toml::table{}};
    entries.emplace_back(&empty_table, std::string(key) + ".");
  } else if (value->is_table()) {
    entries.emplace_back(value, std::string(key) + ".");
  } else if (value->is_array() && !value->as_array().empty()) {
    const auto& array = value->as_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
      std::string prefix = std::string(key) + "[" + std::to_string(i + 1) + "].";
      if (!array[i].is_table()) {
        rule.value_error(array[i], key,
                         "proposal " + std::to_string(i + 1) + ": expected a table, got " +
                             toml_type_name(array[i]));
        continue;
      }
      entries.emplace_back(&array[i], prefix);
    }
  } else {
    rule.value_error(*value, key,
                     "expected a table [rule." + std::string(key) + "] or tables [[rule." +
                         std::string(key) + "]], got " + toml_type_name(*value));
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& [entry, prefix] : entries) {
    TomlTableReader reader(*entry, diagnostics, source.file, rule.context(), prefix);
    auto suite = read_one(reader);
    if (suite) {
      suites.push_back(*suite);
    } else {
      ok = false;
    }
  }
  if (!ok || suites.empty()) return std::nullopt;
  return suites;
}

// The key as written inline; the document's copy is zeroed once read.
std::optional<ike::SecureBytes> read_inline_psk(TomlTableReader& rule, toml::value& table) {
  const toml::value* value = rule.take("pre_shared_key");
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    rule.value_error(*value, "pre_shared_key", "expected a string, got " + toml_type_name(*value));
    return std::nullopt;
  }
  std::string& text = table.as_table().at("pre_shared_key").as_string().str;
  auto key =
      decode_pre_shared_key({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  OPENSSL_cleanse(text.data(), text.size());
  if (!key) {
    rule.value_error(*value, "pre_shared_key", "the key " + key.reason());
    return std::nullopt;
  }
  return std::move(*key);
}

std::optional<ike::SecureBytes> read_psk_file(TomlTableReader& rule, const RuleSource& source) {
  const toml::value* value = rule.take("pre_shared_key_file");
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    rule.value_error(*value, "pre_shared_key_file",
                     "expected a file name string, got " + toml_type_name(*value));
    return std::nullopt;
  }
  std::string path = resolve_path(value->as_string().str, source);
  auto contents = read_secret_file(path);
  if (!contents) {
    rule.value_error(*value, "pre_shared_key_file", contents.reason());
    return std::nullopt;
  }
  auto key = decode_pre_shared_key(contents->view());
  if (!key) {
    rule.value_error(*value, "pre_shared_key_file", "the key in " + path + " " + key.reason());
    return std::nullopt;
  }
  return std::move(*key);
}

void read_pre_shared_key(TomlTableReader& rule, toml::value& table, const RuleSource& source,
                         RuleConfig& out) {
  bool inline_key = rule.has("pre_shared_key"), file_key = rule.has("pre_shared_key_file");
  if (inline_key && file_key) {
    rule.table_error("pre_shared_key and pre_shared_key_file are both set: keep one");
    rule.take("pre_shared_key");
    rule.take("pre_shared_key_file");
    return;
  }
  if (!inline_key && !file_key) {
    rule.table_error("missing required field \"pre_shared_key\" (or \"pre_shared_key_file\")");
    return;
  }
  auto key = inline_key ? read_inline_psk(rule, table) : read_psk_file(rule, source);
  if (key) out.pre_shared_key = std::move(*key);
}

// With manual keys nothing is negotiated: IKE-only fields are refused
// rather than silently ignored.
void refuse_ike_fields(TomlTableReader& rule) {
  for (std::string_view key :
       {"pre_shared_key", "pre_shared_key_file", "phase1", "negotiation_mode"}) {
    if (const toml::value* value = rule.take(key)) {
      rule.value_error(*value, key, "not used with key_management = \"manual\"");
    }
  }
}

void read_manual_keys_file(TomlTableReader& rule, const RuleSource& source,
                           Diagnostics& diagnostics, RuleConfig& out) {
  const toml::value* value = rule.take("manual_keys_file");
  if (out.key_management != KeyManagement::manual) {
    if (value != nullptr) {
      rule.value_error(*value, "manual_keys_file", "only used with key_management = \"manual\"");
    }
    return;
  }
  if (value == nullptr) {
    rule.require("manual_keys_file");
    return;
  }
  if (!value->is_string()) {
    rule.value_error(*value, "manual_keys_file",
                     "expected a file name string, got " + toml_type_name(*value));
    return;
  }
  std::string path = resolve_path(value->as_string().str, source);
  auto contents = read_secret_file(path);
  if (!contents) {
    rule.value_error(*value, "manual_keys_file", contents.reason());
    return;
  }
  if (out.phase2.size() != 1) return;  // reported by the caller
  out.manual_keys =
      read_manual_keys(*contents, path, out.phase2.front(), diagnostics, rule.context());
}

// Whatever path read_rule takes, the inline key's text does not stay in
// the document (toml11 keeps its own copy of the file text, which we
// cannot reach: docs/config.md recommends pre_shared_key_file).
class InlineKeyEraser {
 public:
  explicit InlineKeyEraser(toml::value& table) : table_(table) {}
  ~InlineKeyEraser() {
    if (!table_.is_table()) return;
    auto found = table_.as_table().find("pre_shared_key");
    if (found == table_.as_table().end() || !found->second.is_string()) return;
    std::string& text = found->second.as_string().str;
    OPENSSL_cleanse(text.data(), text.size());
  }
  InlineKeyEraser(const InlineKeyEraser&) = delete;
  InlineKeyEraser& operator=(const InlineKeyEraser&) = delete;

 private:
  toml::value& table_;
};

}  // namespace

std::optional<RuleConfig> read_rule(toml::value& table, const RuleSource& source,
                                    Diagnostics& diagnostics) {
  InlineKeyEraser eraser(table);
  TomlTableReader rule(table, diagnostics, source.file, "rule");
  RuleConfig out;
  out.source_line = static_cast<int>(rule.line());
  std::size_t errors_before = diagnostics.count();

  rule.require("index");
  if (auto index = rule.integer("index", 1, max_rule_index)) {
    out.index = static_cast<int>(*index);
    rule.set_context("rule " + std::to_string(out.index));
  }
  if (auto name = rule.string("name")) out.name = *name;
  if (auto active = rule.boolean("active")) out.active = *active;
  out.my_ip = ike::IpAddress::v4(0, 0, 0, 0);
  if (auto my_ip = read_address(rule, "my_ip")) out.my_ip = *my_ip;
  rule.require("secure_gateway");
  if (auto gateway = read_address(rule, "secure_gateway")) {
    if (!gateway->is_unspecified()) out.secure_gateway = *gateway;
  }
  rule.require("local");
  if (auto local = read_range(rule, "local")) out.local = *local;
  rule.require("remote");
  if (auto remote = read_range(rule, "remote")) out.remote = *remote;
  if (auto mode = rule.choice("key_management", {"ike", "manual"})) {
    out.key_management = *mode == "ike" ? KeyManagement::ike : KeyManagement::manual;
  }
  if (auto encapsulation = rule.choice("encapsulation", {"tunnel", "transport"})) {
    out.tunnel_mode = *encapsulation == "tunnel";
  }
  if (auto idle = rule.integer("idle_timeout_seconds", 0, max_u32)) {
    out.idle_timeout_seconds = static_cast<std::uint32_t>(*idle);
  }
  if (auto nat = rule.boolean("nat_traversal")) out.nat_traversal = *nat;

  if (out.key_management == KeyManagement::ike) {
    if (auto mode = rule.choice("negotiation_mode", {"main", "aggressive"})) {
      out.negotiation_mode = *mode == "main" ? ike::Phase1Mode::main : ike::Phase1Mode::aggressive;
    }
    read_pre_shared_key(rule, table, source, out);
    if (auto suites =
            read_suites<ike::Phase1Suite>(rule, "phase1", diagnostics, source, read_phase1_suite)) {
      out.phase1 = std::move(*suites);
    }
  } else {
    refuse_ike_fields(rule);
  }
  if (auto suites =
          read_suites<ike::EspSuite>(rule, "phase2", diagnostics, source, read_phase2_suite)) {
    out.phase2 = std::move(*suites);
  }
  if (out.key_management == KeyManagement::manual && diagnostics.count() == errors_before) {
    if (out.phase2.size() != 1) {
      rule.table_error("phase2: manual keys need exactly one proposal, not " +
                       std::to_string(out.phase2.size()));
    } else if (out.phase2.front().pfs_group) {
      rule.table_error("phase2.pfs: manual keys are not negotiated, so PFS must be \"none\"");
    }
    if (!out.secure_gateway) {
      rule.table_error(
          "secure_gateway: 0.0.0.0 (dynamic peer) needs IKE; manual keys need the "
          "peer's address");
    }
  }
  read_manual_keys_file(rule, source, diagnostics, out);
  rule.report_unknown_keys();

  if (diagnostics.count() != errors_before) return std::nullopt;
  if (!out.tunnel_mode &&
      (out.local.first != out.local.last || out.remote.first != out.remote.last)) {
    rule.table_error(
        "encapsulation: transport mode protects two hosts: local and remote must be "
        "single addresses");
    return std::nullopt;
  }
  return out;
}

}  // namespace ipsec_fpga::host
