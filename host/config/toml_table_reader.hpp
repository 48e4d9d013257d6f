#pragma once
// Reads one TOML table field by field, reporting to Diagnostics with file,
// line, column and field name: wrong types, values out of range, unknown
// choices, missing required fields, and at the end every key nobody asked
// for (so a typo is an error, not a silently ignored line).

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <toml.hpp>

#include "host/config/config_error.hpp"

namespace ipsec_fpga::host {

class TomlTableReader {
 public:
  // `context` starts every message ("gateway", "rule 2"); `field_prefix`
  // names nested tables ("phase2." gives "phase2.encryption").
  TomlTableReader(const toml::value& table, Diagnostics& diagnostics, std::string file,
                  std::string context, std::string field_prefix = "");

  void set_context(std::string context) { context_ = std::move(context); }
  const std::string& context() const { return context_; }
  const std::string& file() const { return file_; }

  // The raw value, or nullptr; marks `key` as known.
  const toml::value* take(std::string_view key);
  std::optional<std::string> string(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view key);
  // One of `options`, quoted in the error when it is none of them.
  std::optional<std::string> choice(std::string_view key,
                                    std::initializer_list<std::string_view> options);

  bool has(std::string_view key) const;
  void require(std::string_view key);  // reports it missing unless present
  void value_error(const toml::value& value, std::string_view key, const std::string& message);
  void table_error(const std::string& message);
  void table_error(std::string_view key, const std::string& message);
  // Call after every take(): each key not taken is an "unknown field".
  void report_unknown_keys();

  bool failed() const { return errors_ != 0; }
  unsigned line() const;
  Diagnostics::Position position_of(const toml::value& value) const;
  std::string field(std::string_view key) const { return field_prefix_ + std::string(key); }

 private:
  const toml::value& table_;
  Diagnostics& diagnostics_;
  std::string file_;
  std::string context_;
  std::string field_prefix_;
  std::set<std::string, std::less<>> known_;
  unsigned errors_ = 0;
};

std::string toml_type_name(const toml::value& value);

}  // namespace ipsec_fpga::host
