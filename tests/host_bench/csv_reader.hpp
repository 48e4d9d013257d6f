// A small RFC 4180 CSV reader for the tests: rows of fields, quotes undone.
#pragma once

#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ipsec_fpga::host::bench::test {

inline std::vector<std::vector<std::string>> read_csv(std::istream& in) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  char c = 0;
  while (in.get(c)) {
    any = true;
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          field += '"';
          in.get(c);
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      if (!field.empty()) throw std::runtime_error("CSV: quote inside a field");
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else if (c == '\r') {
      throw std::runtime_error("CSV: carriage return (lines end in \\n)");
    } else {
      field += c;
    }
  }
  if (quoted) throw std::runtime_error("CSV: unterminated quote");
  if (any) throw std::runtime_error("CSV: last line without a newline");
  return rows;
}

}  // namespace ipsec_fpga::host::bench::test
