#include "host/bench/bench_suites.hpp"

#include <algorithm>
#include <stdexcept>

#include "suite.hpp"

namespace ipsec_fpga::host::bench {

namespace esp = verif::esp;

std::string SuiteSpec::name() const {
  return integrity == "none" ? cipher : cipher + "+" + integrity;
}

std::vector<SuiteSpec> engine_suite_specs() {
  std::vector<SuiteSpec> specs;
  for (const esp::Suite& s : esp::engine_suites())
    specs.push_back(
        {std::string(esp::to_string(s.cipher)), std::string(esp::to_string(s.integrity))});
  return specs;
}

SuiteSpec parse_suite(const std::string& name) {
  std::string key;
  for (const char c : name)
    if (c != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string valid;
  for (const SuiteSpec& s : engine_suite_specs()) {
    if (s.name() == key) return s;
    valid += (valid.empty() ? "" : ", ") + s.name();
  }
  throw std::invalid_argument("unknown suite '" + name + "'; the engine offers " + valid);
}

std::vector<SuiteSpec> quick_suite_specs() {
  return {{"aes128-cbc", "hmac-sha1-96"}, {"aes128-gcm16", "none"}};
}

}  // namespace ipsec_fpga::host::bench
