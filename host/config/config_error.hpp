#pragma once
// Everything wrong with a configuration, each problem on its own line as
// "<file>:<line>[:<column>]: <where>: <field>: <what>". Messages never carry
// a pre-shared key or a key, only the names of the fields that hold them.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ipsec_fpga::host {

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> messages);
  // One line per problem, sorted by file position.
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

// Collects problems while a file is read, so one run reports them all.
class Diagnostics {
 public:
  struct Position {
    std::string file;
    unsigned line = 0;
    unsigned column = 0;  // 0: the problem is about a whole line or table
  };

  explicit Diagnostics(std::string main_file) : main_file_(std::move(main_file)) {}

  void error(const Position& where, const std::string& context, const std::string& message);
  bool empty() const { return entries_.empty(); }
  std::size_t count() const { return entries_.size(); }
  // Throws ConfigError with everything collected, if anything was.
  void throw_if_any() const;

 private:
  struct Entry {
    Position where;
    std::string text;
  };
  std::string main_file_;
  std::vector<Entry> entries_;
};

}  // namespace ipsec_fpga::host
