#include "host/json/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace ipsec_fpga::host {
namespace {

std::string_view kind_of(std::size_t index) {
  static constexpr std::string_view names[] = {"null",   "boolean", "number", "number",
                                               "number", "string",  "array",  "object"};
  return names[index];
}

[[noreturn]] void mismatch(std::string_view expected, std::string_view got) {
  throw JsonError("expected " + std::string(expected) + ", got " + std::string(got));
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  Parser(std::string_view text, JsonLimits limits) : text_(text), limits_(limits) {}

  Json parse_document() {
    skip_space();
    Json value = parse_value(0);
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the value");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw JsonError("JSON at offset " + std::to_string(pos_) + ": " + what);
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void skip_space() {
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' ||
                         text_[pos_] == '\n'))
      ++pos_;
  }
  void expect(char c, const char* what) {
    if (peek() != c) fail(std::string("expected ") + what);
    ++pos_;
  }
  void expect_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("expected a value");
    pos_ += word.size();
  }

  Json parse_value(std::size_t depth) {
    if (at_end()) fail("expected a value, got the end of the text");
    switch (peek()) {
      case '{':
        return parse_object(depth + 1);
      case '[':
        return parse_array(depth + 1);
      case '"':
        return Json(parse_string());
      case 't':
        expect_word("true");
        return Json(true);
      case 'f':
        expect_word("false");
        return Json(false);
      case 'n':
        expect_word("null");
        return Json(nullptr);
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parse_number();
        fail("expected a value");
    }
  }

  Json parse_object(std::size_t depth) {
    if (depth > limits_.max_depth) fail("nested deeper than " + std::to_string(limits_.max_depth));
    ++pos_;  // '{'
    Json::Object members;
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return Json(std::move(members));
    }
    while (true) {
      skip_space();
      if (peek() != '"') fail("expected a member name in quotes");
      std::string key = parse_string();
      for (const auto& m : members)
        if (m.first == key) fail("member \"" + key.substr(0, 40) + "\" given twice");
      skip_space();
      expect(':', "':' after a member name");
      skip_space();
      Json value = parse_value(depth);
      members.emplace_back(std::move(key), std::move(value));
      skip_space();
      if (peek() == '}') {
        ++pos_;
        return Json(std::move(members));
      }
      expect(',', "',' or '}' in an object");
    }
  }

  Json parse_array(std::size_t depth) {
    if (depth > limits_.max_depth) fail("nested deeper than " + std::to_string(limits_.max_depth));
    ++pos_;  // '['
    Json::Array items;
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return Json(std::move(items));
    }
    while (true) {
      skip_space();
      items.push_back(parse_value(depth));
      skip_space();
      if (peek() == ']') {
        ++pos_;
        return Json(std::move(items));
      }
      expect(',', "',' or ']' in an array");
    }
  }

  std::uint32_t parse_hex4() {
    if (pos_ + 4 > text_.size()) fail("incomplete \\u escape");
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        fail("bad hex digit in a \\u escape");
    }
    return value;
  }

  std::string parse_string() {
    ++pos_;  // '"'
    std::string out;
    while (true) {
      if (at_end()) fail("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_end()) fail("unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = parse_hex4();
          if (cp >= 0xD800 && cp < 0xDC00) {
            if (text_.substr(pos_, 2) != "\\u") fail("lone high surrogate in a \\u escape");
            pos_ += 2;
            std::uint32_t low = parse_hex4();
            if (low < 0xDC00 || low >= 0xE000) fail("bad low surrogate in a \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            fail("lone low surrogate in a \\u escape");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          --pos_;
          fail("bad escape in a string");
      }
    }
  }

  Json parse_number() {
    std::size_t start = pos_;
    bool negative = false;
    if (peek() == '-') {
      negative = true;
      ++pos_;
    }
    if (peek() == '0') {
      ++pos_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++pos_;
    } else {
      fail("expected a digit");
    }
    bool integer = true;
    if (peek() == '.') {
      integer = false;
      ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) fail("expected a digit after '.'");
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      integer = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) fail("expected a digit in the exponent");
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    std::string_view digits = text_.substr(start, pos_ - start);
    if (integer) {
      if (negative) {
        std::int64_t v = 0;
        auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (r.ec == std::errc() && r.ptr == digits.data() + digits.size()) return Json(v);
      } else {
        std::uint64_t v = 0;
        auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (r.ec == std::errc() && r.ptr == digits.data() + digits.size()) return Json(v);
      }
      // Too large for 64 bits: a double, as other JSON readers do.
    }
    std::string copy(digits);
    char* end = nullptr;
    double d = std::strtod(copy.c_str(), &end);
    if (!std::isfinite(d)) fail("number out of range");
    return Json(d);
  }

  std::string_view text_;
  JsonLimits limits_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string_view Json::kind() const { return kind_of(value_.index()); }

bool Json::as_bool() const {
  if (!is_bool()) mismatch("boolean", kind());
  return std::get<bool>(value_);
}

std::int64_t Json::as_int64() const {
  if (auto* i = std::get_if<std::int64_t>(&value_)) return *i;
  if (auto* u = std::get_if<std::uint64_t>(&value_)) {
    if (*u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      throw JsonError("number too large");
    return static_cast<std::int64_t>(*u);
  }
  mismatch("an integer", is_number() ? "a fraction" : kind());
}

std::uint64_t Json::as_uint64() const {
  if (auto* u = std::get_if<std::uint64_t>(&value_)) return *u;
  if (auto* i = std::get_if<std::int64_t>(&value_)) {
    if (*i < 0) throw JsonError("expected a number >= 0, got " + std::to_string(*i));
    return static_cast<std::uint64_t>(*i);
  }
  mismatch("an integer", is_number() ? "a fraction" : kind());
}

double Json::as_double() const {
  if (auto* d = std::get_if<double>(&value_)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&value_)) return static_cast<double>(*i);
  if (auto* u = std::get_if<std::uint64_t>(&value_)) return static_cast<double>(*u);
  mismatch("number", kind());
}

const std::string& Json::as_string() const {
  if (!is_string()) mismatch("string", kind());
  return std::get<std::string>(value_);
}
const Json::Array& Json::as_array() const {
  if (!is_array()) mismatch("array", kind());
  return std::get<Array>(value_);
}
const Json::Object& Json::as_object() const {
  if (!is_object()) mismatch("object", kind());
  return std::get<Object>(value_);
}
Json::Array& Json::as_array() {
  if (!is_array()) mismatch("array", kind());
  return std::get<Array>(value_);
}
Json::Object& Json::as_object() {
  if (!is_object()) mismatch("object", kind());
  return std::get<Object>(value_);
}

const Json* Json::find(std::string_view key) const {
  const auto* object = std::get_if<Object>(&value_);
  if (!object) return nullptr;
  for (const auto& member : *object)
    if (member.first == key) return &member.second;
  return nullptr;
}

Json& Json::set(std::string key, Json value) {
  if (is_null()) value_ = Object{};
  auto& object = as_object();
  for (auto& member : object)
    if (member.first == key) {
      member.second = std::move(value);
      return *this;
    }
  object.emplace_back(std::move(key), std::move(value));
  return *this;
}

void Json::push_back(Json value) {
  if (is_null()) value_ = Array{};
  as_array().push_back(std::move(value));
}

bool operator==(const Json& a, const Json& b) {
  if (a.is_integer() && b.is_integer()) {
    bool a_neg = std::holds_alternative<std::int64_t>(a.value_) && a.as_int64() < 0;
    bool b_neg = std::holds_alternative<std::int64_t>(b.value_) && b.as_int64() < 0;
    if (a_neg != b_neg) return false;
    return a_neg ? a.as_int64() == b.as_int64() : a.as_uint64() == b.as_uint64();
  }
  return a.value_ == b.value_;
}

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", u);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

void Json::dump_to(std::string& out) const {
  switch (value_.index()) {
    case 0:
      out += "null";
      break;
    case 1:
      out += std::get<bool>(value_) ? "true" : "false";
      break;
    case 2:
      out += std::to_string(std::get<std::int64_t>(value_));
      break;
    case 3:
      out += std::to_string(std::get<std::uint64_t>(value_));
      break;
    case 4: {
      double d = std::get<double>(value_);
      if (!std::isfinite(d)) {
        out += "null";
        break;
      }
      char buffer[32];
      auto r = std::to_chars(buffer, buffer + sizeof buffer, d);
      std::string_view s(buffer, static_cast<std::size_t>(r.ptr - buffer));
      out += s;
      break;
    }
    case 5:
      out += json_quote(std::get<std::string>(value_));
      break;
    case 6: {
      out += '[';
      bool first = true;
      for (const auto& item : std::get<Array>(value_)) {
        if (!first) out += ',';
        first = false;
        item.dump_to(out);
      }
      out += ']';
      break;
    }
    case 7: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : std::get<Object>(value_)) {
        if (!first) out += ',';
        first = false;
        out += json_quote(key);
        out += ':';
        value.dump_to(out);
      }
      out += '}';
      break;
    }
  }
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

Json parse_json(std::string_view text, JsonLimits limits) {
  return Parser(text, limits).parse_document();
}

}  // namespace ipsec_fpga::host
