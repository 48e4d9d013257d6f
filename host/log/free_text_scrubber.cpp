#include "host/log/free_text_scrubber.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace ipsec_fpga::host {
namespace {

constexpr std::string_view kRedacted = "<redacted>";

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=' ||
         c == '_' || c == '-' || c == '.';
}

bool looks_like_key(std::string_view token) {
  std::size_t hex_run = 0;
  bool letter = false;
  bool digit = false;
  for (char c : token) {
    hex_run = std::isxdigit(static_cast<unsigned char>(c)) ? hex_run + 1 : 0;
    if (hex_run >= 16) return true;
    letter = letter || std::isalpha(static_cast<unsigned char>(c));
    digit = digit || std::isdigit(static_cast<unsigned char>(c));
  }
  return token.size() >= 20 && letter && digit;
}

// "psk=", "key:", "Secret = " ...: the next token is a value to hide.
bool ends_with_secret_label(const std::string& out) {
  std::size_t end = out.size();
  while (end > 0 && out[end - 1] == ' ') --end;
  if (end == 0 || (out[end - 1] != '=' && out[end - 1] != ':')) return false;
  --end;
  while (end > 0 && out[end - 1] == ' ') --end;
  std::size_t begin = end;
  while (begin > 0 && std::isalpha(static_cast<unsigned char>(out[begin - 1]))) --begin;
  std::string word = out.substr(begin, end - begin);
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::array<std::string_view, 5> kLabels = {"key", "psk", "secret", "password",
                                                              "passphrase"};
  for (std::string_view label : kLabels) {
    if (word.size() >= label.size() && word.ends_with(label)) return true;
  }
  return false;
}

}  // namespace

std::string scrub_free_text(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (token_char(c)) {
      std::size_t end = i;
      while (end < text.size() && token_char(text[end])) ++end;
      std::string_view token = text.substr(i, end - i);
      // A label glued to its value ("psk=hunter2") is one token: split at '='.
      std::size_t eq = token.find('=');
      if (eq != std::string_view::npos && eq + 1 < token.size()) {
        std::string label(token.substr(0, eq + 1));
        out += label;
        if (ends_with_secret_label(out)) {
          out += kRedacted;
          i = end;
          continue;
        }
        out.resize(out.size() - label.size());
      }
      out += ends_with_secret_label(out) || looks_like_key(token) ? std::string(kRedacted)
                                                                  : std::string(token);
      i = end;
      continue;
    }
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += ' ';
    } else if (u >= 0x80) {
      out += '?';
    } else {
      out += c;
    }
    ++i;
  }
  if (out.size() > kMaxFreeText) {
    out.resize(kMaxFreeText - 3);
    out += "...";
  }
  return out;
}

}  // namespace ipsec_fpga::host
