#include "host/config/config_error.hpp"

#include <algorithm>
#include <tuple>

namespace ipsec_fpga::host {
namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace

ConfigError::ConfigError(std::vector<std::string> messages)
    : std::runtime_error(join_lines(messages)), messages_(std::move(messages)) {}

void Diagnostics::error(const Position& where, const std::string& context,
                        const std::string& message) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict, falsely) on a + chain here.
  std::string text = where.file;
  text.append(":").append(std::to_string(where.line));
  if (where.column != 0) text.append(":").append(std::to_string(where.column));
  text.append(": ");
  if (!context.empty()) text += context + ": ";
  text += message;
  entries_.push_back({where, std::move(text)});
}

void Diagnostics::throw_if_any() const {
  if (entries_.empty()) return;
  // Reading order is not file order (toml11 tables are hash maps): sort so
  // the user reads the problems top to bottom, the main file before key files.
  auto key = [this](const Entry* e) {
    return std::tuple<bool, const std::string&, unsigned, unsigned>(
        e->where.file != main_file_, e->where.file, e->where.line, e->where.column);
  };
  std::vector<const Entry*> sorted;
  for (const Entry& entry : entries_) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const Entry* a, const Entry* b) { return key(a) < key(b); });
  std::vector<std::string> messages;
  for (const Entry* entry : sorted) messages.push_back(entry->text);
  throw ConfigError(std::move(messages));
}

}  // namespace ipsec_fpga::host
