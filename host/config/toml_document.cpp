#include "host/config/toml_document.hpp"

#include <openssl/crypto.h>

#include <sstream>

namespace ipsec_fpga::host {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// "[error] toml::parse_table: invalid line format" -> "invalid line format".
std::string reason_of(const std::string& first_line) {
  std::string reason = first_line;
  if (reason.starts_with("[error] ")) reason.erase(0, 8);
  if (auto colon = reason.find(": "); colon != std::string::npos) {
    std::string_view head(reason.data(), colon);
    bool is_function_name =
        head.find(' ') == std::string_view::npos &&
        (head.find("::") != std::string_view::npos || head.find('_') != std::string_view::npos);
    if (is_function_name) reason.erase(0, colon + 2);
  }
  while (!reason.empty() && (reason.back() == '.' || reason.back() == ' ')) reason.pop_back();
  return reason.empty() ? "invalid TOML" : reason;
}

// toml11 marks the column with '^' or '~' under " <line> | <text>"; its
// source_location of a syntax error often says column 1 instead.
unsigned marked_column(const std::vector<std::string>& lines, unsigned line_number) {
  const std::string prefix = " " + std::to_string(line_number) + " | ";
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    auto at = lines[i].find(prefix);
    if (at == std::string::npos || lines[i].find_first_not_of(' ') != at + 1) continue;
    std::size_t text_start = at + prefix.size();
    const std::string& marker = lines[i + 1];
    auto mark = marker.find_first_of("^~", text_start);
    if (mark != std::string::npos) return static_cast<unsigned>(mark - text_start + 1);
  }
  return 0;
}

}  // namespace

std::optional<toml::value> parse_toml_document(ike::ByteView text, const std::string& file,
                                               Diagnostics& diagnostics) {
  std::string buffer(text.begin(), text.end());
  std::istringstream in(std::move(buffer));
  std::optional<toml::value> document;
  try {
    document = toml::parse(in, file);
  } catch (const toml::exception& error) {
    auto lines = split_lines(error.what());
    unsigned line = static_cast<unsigned>(error.location().line());
    unsigned column = marked_column(lines, line);
    if (column == 0) column = static_cast<unsigned>(error.location().column());
    diagnostics.error({file, line, column}, "",
                      "TOML syntax error: " + reason_of(lines.empty() ? "" : lines.front()));
  }
  // The text may hold keys: zero our copy of it.
  std::string used = std::move(in).str();
  OPENSSL_cleanse(used.data(), used.size());
  return document;
}

}  // namespace ipsec_fpga::host
