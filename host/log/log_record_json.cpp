#include "host/log/log_record_json.hpp"

#include "host/json/json.hpp"
#include "host/log/log_time.hpp"

namespace ipsec_fpga::host {
namespace {

std::string number_or_null(int value) { return value == 0 ? "null" : std::to_string(value); }
std::string string_or_null(const std::string& s) { return s.empty() ? "null" : json_quote(s); }

// The record's members: a flat object of strings, integers, booleans and
// null only (a nested value, a fraction or a member given twice is not a
// record).
bool is_flat_object(const Json& json) {
  if (!json.is_object()) return false;
  for (const auto& [key, value] : json.as_object())
    if (!(value.is_null() || value.is_bool() || value.is_integer() || value.is_string()))
      return false;
  return true;
}

const std::string* string_field(const Json& record, std::string_view name) {
  const Json* value = record.find(name);
  return value && value->is_string() ? &value->as_string() : nullptr;
}
std::optional<bool> bool_field(const Json& record, std::string_view name) {
  const Json* value = record.find(name);
  if (!value || !value->is_bool()) return std::nullopt;
  return value->as_bool();
}
// An integer in [min, max]; nullopt when absent, of another type or out of range.
std::optional<long long> integer_field(const Json& record, std::string_view name, long long min,
                                       long long max) {
  const Json* value = record.find(name);
  if (!value || !value->is_integer()) return std::nullopt;
  try {
    std::int64_t n = value->as_int64();
    if (n < min || n > max) return std::nullopt;
    return n;
  } catch (const JsonError&) {
    return std::nullopt;  // beyond int64
  }
}
bool is_null(const Json& record, std::string_view name) {
  const Json* value = record.find(name);
  return !value || value->is_null();
}
// An integer field that may be null (0); nullopt when it is of another type.
std::optional<int> optional_int(const Json& record, std::string_view name, long long max) {
  if (is_null(record, name)) return 0;
  auto n = integer_field(record, name, 0, max);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}
std::optional<std::string> optional_string(const Json& record, std::string_view name) {
  if (is_null(record, name)) return std::string();
  const std::string* s = string_field(record, name);
  if (!s) return std::nullopt;
  return *s;
}

}  // namespace

std::string to_json(const LogEntry& e) {
  return "{\"index\":" + std::to_string(e.index) + ",\"time\":" + json_quote(to_iso8601(e.time)) +
         ",\"message\":" + json_quote(e.message) + ",\"error\":" + (e.error ? "true" : "false") +
         ",\"kind\":" + json_quote(e.kind) + ",\"rule\":" + number_or_null(e.rule) +
         ",\"address\":" + string_or_null(e.address) +
         ",\"repeated\":" + number_or_null(e.repeated) + "}";
}

std::string clear_marker_json(std::chrono::sys_seconds time) {
  return "{\"clear\":true,\"time\":" + json_quote(to_iso8601(time)) + "}";
}

std::optional<LogRecord> parse_record(std::string_view line) {
  Json fields;
  try {
    fields = parse_json(line, JsonLimits{.max_depth = 1});
  } catch (const JsonError&) {
    return std::nullopt;
  }
  if (!is_flat_object(fields)) return std::nullopt;
  const std::string* time_text = string_field(fields, "time");
  if (!time_text) return std::nullopt;
  auto time = parse_iso8601(*time_text);
  if (!time) return std::nullopt;
  LogRecord record;
  record.entry.time = *time;
  if (auto clear = bool_field(fields, "clear")) {
    if (!*clear) return std::nullopt;
    record.clear = true;
    return record;
  }
  auto index = integer_field(fields, "index", 1, 999);
  const std::string* message = string_field(fields, "message");
  auto error = bool_field(fields, "error");
  const std::string* kind = string_field(fields, "kind");
  auto rule = optional_int(fields, "rule", 1'000'000);
  auto address = optional_string(fields, "address");
  auto repeated = optional_int(fields, "repeated", 2'000'000'000);
  if (!index || !message || !error || !kind || !rule || !address || !repeated) return std::nullopt;
  record.entry.index = static_cast<int>(*index);
  record.entry.message = *message;
  record.entry.error = *error;
  record.entry.kind = *kind;
  record.entry.rule = *rule;
  record.entry.address = *address;
  record.entry.repeated = *repeated;
  return record;
}

}  // namespace ipsec_fpga::host
