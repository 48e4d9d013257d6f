#include "test_seed.hpp"

#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

namespace ipsec_fpga::verif {

std::uint64_t test_seed(std::string_view test_name, std::uint64_t default_seed) {
  std::uint64_t seed = default_seed;
  if (const char* text = std::getenv("IPSEC_FPGA_SEED"); text != nullptr && *text != '\0') {
    std::size_t used = 0;
    seed = std::stoull(text, &used, 0);
    if (text[used] != '\0')
      throw std::invalid_argument("IPSEC_FPGA_SEED is not a number: " + std::string(text));
  }
  std::cout << test_name << ": seed " << seed << " (replay with IPSEC_FPGA_SEED=" << seed << ")\n";
  return seed;
}

}  // namespace ipsec_fpga::verif
