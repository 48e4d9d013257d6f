#pragma once
// Config texts for the tests, written as one string per line so a test
// reads its line numbers off the list (line N is element N-1).

#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "host/config/config_parser.hpp"

namespace ipsec_fpga::ike {

// Boost.Test prints values through these (found by ADL, also for optionals).
inline std::ostream& boost_test_print_type(std::ostream& out, const IpAddress& address) {
  return out << address.to_string();
}
inline std::ostream& boost_test_print_type(std::ostream& out,
                                           const std::optional<IpAddress>& address) {
  return out << (address ? address->to_string() : "nullopt");
}

}  // namespace ipsec_fpga::ike

namespace ipsec_fpga::host::test {

inline std::string lines(std::initializer_list<std::string_view> each) {
  std::string out;
  for (std::string_view line : each) {
    out += line;
    out += '\n';
  }
  return out;
}

// The ConfigError's message, or "no error".
inline std::string error_of(const std::string& text, const std::string& base_directory = "") {
  try {
    parse_config_string(text, "site.toml", base_directory);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no error";
}

// A PSK that must never show up in a message.
inline constexpr std::string_view secret_psk = "Sw0rdfish-never-printed";

}  // namespace ipsec_fpga::host::test
