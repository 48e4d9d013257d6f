#include "host/log/log_record_json.hpp"

#include <cstdio>
#include <map>
#include <variant>

#include "host/log/log_time.hpp"

namespace ipsec_fpga::host {
namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", u);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string number_or_null(int value) { return value == 0 ? "null" : std::to_string(value); }
std::string string_or_null(const std::string& s) { return s.empty() ? "null" : quoted(s); }

struct Null {};
using Value = std::variant<Null, bool, long long, std::string>;

// Strict reader of one flat JSON object.
class FlatObjectReader {
 public:
  explicit FlatObjectReader(std::string_view text) : text_(text) {}

  std::optional<std::map<std::string, Value>> read() {
    std::map<std::string, Value> fields;
    skip_space();
    if (!take('{')) return std::nullopt;
    skip_space();
    if (take('}')) return finish(fields);
    while (true) {
      skip_space();
      auto key = read_string();
      skip_space();
      if (!key || !take(':')) return std::nullopt;
      skip_space();
      auto value = read_value();
      if (!value) return std::nullopt;
      fields[*key] = *value;
      skip_space();
      if (take('}')) return finish(fields);
      if (!take(',')) return std::nullopt;
    }
  }

 private:
  std::optional<std::map<std::string, Value>> finish(std::map<std::string, Value>& fields) {
    skip_space();
    if (pos_ != text_.size()) return std::nullopt;
    return fields;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\r' || text_[pos_] == '\n'))
      ++pos_;
  }
  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool take_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  std::optional<Value> read_value() {
    if (pos_ >= text_.size()) return std::nullopt;
    char c = text_[pos_];
    if (c == '"') {
      auto s = read_string();
      if (!s) return std::nullopt;
      return Value(*s);
    }
    if (take_word("true")) return Value(true);
    if (take_word("false")) return Value(false);
    if (take_word("null")) return Value(Null{});
    return read_integer();
  }
  std::optional<Value> read_integer() {
    bool negative = take('-');
    std::size_t start = pos_;
    long long value = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      if (pos_ - start >= 18) return std::nullopt;
      value = value * 10 + (text_[pos_++] - '0');
    }
    if (pos_ == start) return std::nullopt;
    return Value(negative ? -value : value);
  }
  std::optional<std::string> read_string() {
    if (!take('"')) return std::nullopt;
    std::string out;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return std::nullopt;
      char e = text_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          if (pos_ + 4 > text_.size()) return std::nullopt;
          unsigned code = 0;
          for (int i = 0; i < 4; ++i) {
            char h = text_[pos_++];
            unsigned digit = h >= '0' && h <= '9'   ? unsigned(h - '0')
                             : h >= 'a' && h <= 'f' ? unsigned(h - 'a' + 10)
                             : h >= 'A' && h <= 'F' ? unsigned(h - 'A' + 10)
                                                    : 16u;
            if (digit == 16) return std::nullopt;
            code = code * 16 + digit;
          }
          // The writer only escapes control characters; other code points
          // are accepted as UTF-8 (surrogate pairs are not needed here).
          if (code < 0x80) {
            out += static_cast<char>(code);
          } else if (code < 0x800) {
            out += static_cast<char>(0xc0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3f));
          } else {
            out += static_cast<char>(0xe0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (code & 0x3f));
          }
          break;
        }
        default:
          return std::nullopt;
      }
    }
    return std::nullopt;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

template <typename T>
const T* field(const std::map<std::string, Value>& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? nullptr : std::get_if<T>(&it->second);
}
bool is_null(const std::map<std::string, Value>& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() || std::holds_alternative<Null>(it->second);
}
// An integer field that may be null (0); nullopt when it is of another type.
std::optional<int> optional_int(const std::map<std::string, Value>& fields, const std::string& name,
                                long long max) {
  if (is_null(fields, name)) return 0;
  const long long* n = field<long long>(fields, name);
  if (!n || *n < 0 || *n > max) return std::nullopt;
  return static_cast<int>(*n);
}
std::optional<std::string> optional_string(const std::map<std::string, Value>& fields,
                                           const std::string& name) {
  if (is_null(fields, name)) return std::string();
  const std::string* s = field<std::string>(fields, name);
  if (!s) return std::nullopt;
  return *s;
}

}  // namespace

std::string to_json(const LogEntry& e) {
  return "{\"index\":" + std::to_string(e.index) + ",\"time\":" + quoted(to_iso8601(e.time)) +
         ",\"message\":" + quoted(e.message) + ",\"error\":" + (e.error ? "true" : "false") +
         ",\"kind\":" + quoted(e.kind) + ",\"rule\":" + number_or_null(e.rule) +
         ",\"address\":" + string_or_null(e.address) +
         ",\"repeated\":" + number_or_null(e.repeated) + "}";
}

std::string clear_marker_json(std::chrono::sys_seconds time) {
  return "{\"clear\":true,\"time\":" + quoted(to_iso8601(time)) + "}";
}

std::optional<LogRecord> parse_record(std::string_view line) {
  auto fields = FlatObjectReader(line).read();
  if (!fields) return std::nullopt;
  const std::string* time_text = field<std::string>(*fields, "time");
  if (!time_text) return std::nullopt;
  auto time = parse_iso8601(*time_text);
  if (!time) return std::nullopt;
  LogRecord record;
  record.entry.time = *time;
  if (const bool* clear = field<bool>(*fields, "clear")) {
    if (!*clear) return std::nullopt;
    record.clear = true;
    return record;
  }
  const long long* index = field<long long>(*fields, "index");
  const std::string* message = field<std::string>(*fields, "message");
  const bool* error = field<bool>(*fields, "error");
  const std::string* kind = field<std::string>(*fields, "kind");
  auto rule = optional_int(*fields, "rule", 1'000'000);
  auto address = optional_string(*fields, "address");
  auto repeated = optional_int(*fields, "repeated", 2'000'000'000);
  if (!index || *index < 1 || *index > 999 || !message || !error || !kind || !rule || !address ||
      !repeated)
    return std::nullopt;
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
