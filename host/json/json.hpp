// The one small strict JSON value of the host code: the control socket (one
// request or answer per line), the IPSec log's JSON Lines (host/log) and the
// lab's reading of `ipsec-fpga log --json` (host/lab). Boost 1.74 has no JSON
// library and Debian's libboost-json is 1.81 only (it would clash with Boost
// 1.74). Numbers: integers are kept exactly (int64 or uint64), anything with
// a fraction or exponent is a double. Library target: ipsec_fpga_host_json.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ipsec_fpga::host {

// A text that is not JSON, or a value of the wrong kind. The message names
// the position or the field; it quotes no more than a short excerpt.
class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Json {
 public:
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;  // in insertion order

  Json() = default;  // null
  Json(std::nullptr_t) {}
  Json(bool value) : value_(value) {}
  Json(int value) : value_(static_cast<std::int64_t>(value)) {}
  Json(long value) : value_(static_cast<std::int64_t>(value)) {}
  Json(long long value) : value_(static_cast<std::int64_t>(value)) {}
  Json(unsigned value) : value_(static_cast<std::uint64_t>(value)) {}
  Json(unsigned long value) : value_(static_cast<std::uint64_t>(value)) {}
  Json(unsigned long long value) : value_(static_cast<std::uint64_t>(value)) {}
  Json(double value) : value_(value) {}
  Json(const char* value) : value_(std::string(value)) {}
  Json(std::string value) : value_(std::move(value)) {}
  Json(std::string_view value) : value_(std::string(value)) {}
  Json(Array value) : value_(std::move(value)) {}
  Json(Object value) : value_(std::move(value)) {}

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(value_); }
  bool is_bool() const { return std::holds_alternative<bool>(value_); }
  bool is_integer() const {
    return std::holds_alternative<std::int64_t>(value_) ||
           std::holds_alternative<std::uint64_t>(value_);
  }
  bool is_number() const { return is_integer() || std::holds_alternative<double>(value_); }
  bool is_string() const { return std::holds_alternative<std::string>(value_); }
  bool is_array() const { return std::holds_alternative<Array>(value_); }
  bool is_object() const { return std::holds_alternative<Object>(value_); }
  std::string_view kind() const;  // "null", "boolean", "number", "string", "array", "object"

  // Each throws JsonError("expected <kind>, got <kind>") on a mismatch;
  // the integer ones also when the value does not fit.
  bool as_bool() const;
  std::int64_t as_int64() const;
  std::uint64_t as_uint64() const;
  double as_double() const;
  const std::string& as_string() const;
  const Array& as_array() const;
  const Object& as_object() const;
  Array& as_array();
  Object& as_object();

  // Object member, nullptr if absent (or if this is not an object).
  const Json* find(std::string_view key) const;
  // Adds or replaces a member; turns a null into an object first.
  Json& set(std::string key, Json value);
  void push_back(Json value);  // turns a null into an array first

  // Compact, on one line: no newline anywhere (control characters in
  // strings are escaped), so a value is always one line of the protocol.
  std::string dump() const;

  friend bool operator==(const Json&, const Json&);

 private:
  void dump_to(std::string& out) const;

  std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double, std::string, Array,
               Object>
      value_;
};

struct JsonLimits {
  std::size_t max_depth = 32;
};

// Strict RFC 8259 text (no comments, no trailing commas, nothing after the
// value but white space); \u escapes become UTF-8. Throws JsonError naming
// the byte offset and what was expected.
Json parse_json(std::string_view text, JsonLimits limits = {});

// The JSON string literal for `text`, quotes included.
std::string json_quote(std::string_view text);

}  // namespace ipsec_fpga::host
