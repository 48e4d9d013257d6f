#include "host/config/toml_table_reader.hpp"

#include <algorithm>
#include <vector>

namespace ipsec_fpga::host {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string list_options(std::initializer_list<std::string_view> options) {
  std::string out;
  for (std::string_view option : options) {
    if (!out.empty()) out += ", ";
    out += option;
  }
  return out;
}

}  // namespace

std::string toml_type_name(const toml::value& value) {
  switch (value.type()) {
    case toml::value_t::boolean:
      return "a boolean";
    case toml::value_t::integer:
      return "an integer";
    case toml::value_t::floating:
      return "a floating-point number";
    case toml::value_t::string:
      return "a string";
    case toml::value_t::array:
      return "an array";
    case toml::value_t::table:
      return "a table";
    case toml::value_t::empty:
      return "nothing";
    default:
      return "a date/time";
  }
}

TomlTableReader::TomlTableReader(const toml::value& table, Diagnostics& diagnostics,
                                 std::string file, std::string context, std::string field_prefix)
    : table_(table),
      diagnostics_(diagnostics),
      file_(std::move(file)),
      context_(std::move(context)),
      field_prefix_(std::move(field_prefix)) {}

unsigned TomlTableReader::line() const { return static_cast<unsigned>(table_.location().line()); }

Diagnostics::Position TomlTableReader::position_of(const toml::value& value) const {
  toml::source_location where = value.location();
  return {file_, static_cast<unsigned>(where.line()), static_cast<unsigned>(where.column())};
}

bool TomlTableReader::has(std::string_view key) const {
  return table_.is_table() && table_.as_table().count(std::string(key)) != 0;
}

const toml::value* TomlTableReader::take(std::string_view key) {
  known_.emplace(key);
  if (!table_.is_table()) return nullptr;
  const auto& table = table_.as_table();
  auto found = table.find(std::string(key));
  return found == table.end() ? nullptr : &found->second;
}

std::optional<std::string> TomlTableReader::string(std::string_view key) {
  const toml::value* value = take(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    value_error(*value, key, "expected a string, got " + toml_type_name(*value));
    return std::nullopt;
  }
  return value->as_string().str;
}

std::optional<std::int64_t> TomlTableReader::integer(std::string_view key, std::int64_t min,
                                                     std::int64_t max) {
  const toml::value* value = take(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_integer()) {
    value_error(*value, key, "expected an integer, got " + toml_type_name(*value));
    return std::nullopt;
  }
  std::int64_t number = value->as_integer();
  if (number < min || number > max) {
    value_error(*value, key,
                std::to_string(number) + " is out of range " + std::to_string(min) + ".." +
                    std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::optional<bool> TomlTableReader::boolean(std::string_view key) {
  const toml::value* value = take(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    value_error(*value, key, "expected true or false, got " + toml_type_name(*value));
    return std::nullopt;
  }
  return value->as_boolean();
}

std::optional<std::string> TomlTableReader::choice(
    std::string_view key, std::initializer_list<std::string_view> options) {
  const toml::value* value = take(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    value_error(*value, key,
                "expected one of " + list_options(options) + ", got " + toml_type_name(*value));
    return std::nullopt;
  }
  const std::string& text = value->as_string().str;
  if (std::find(options.begin(), options.end(), text) == options.end()) {
    value_error(*value, key, "\"" + text + "\" is not one of " + list_options(options));
    return std::nullopt;
  }
  return text;
}

void TomlTableReader::require(std::string_view key) {
  known_.emplace(key);
  if (!has(key)) table_error("missing required field \"" + field(key) + "\"");
}

void TomlTableReader::value_error(const toml::value& value, std::string_view key,
                                  const std::string& message) {
  ++errors_;
  diagnostics_.error(position_of(value), context_, field(key) + ": " + message);
}

void TomlTableReader::table_error(const std::string& message) {
  ++errors_;
  diagnostics_.error({file_, line(), 0}, context_, message);
}

void TomlTableReader::table_error(std::string_view key, const std::string& message) {
  table_error(field(key) + ": " + message);
}

void TomlTableReader::report_unknown_keys() {
  if (!table_.is_table()) return;
  for (const auto& [key, value] : table_.as_table()) {
    if (known_.count(key) != 0) continue;
    std::string message = "unknown field \"" + field(key) + "\"";
    std::string_view best;
    std::size_t best_distance = 3;  // suggest only close misspellings
    for (const std::string& candidate : known_) {
      std::size_t distance = edit_distance(key, candidate);
      if (distance < best_distance) {
        best_distance = distance;
        best = candidate;
      }
    }
    if (!best.empty()) message += " (did you mean \"" + field(best) + "\"?)";
    ++errors_;
    // Line only: toml11 locates the value, and the key is named anyway.
    Diagnostics::Position where = position_of(value);
    where.column = 0;
    diagnostics_.error(where, context_, message);
  }
}

}  // namespace ipsec_fpga::host
