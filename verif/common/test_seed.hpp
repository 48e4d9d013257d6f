// The seed of every random test: fixed by default, printed, and replayable
// with IPSEC_FPGA_SEED=<n>.
#pragma once

#include <cstdint>
#include <string_view>

namespace ipsec_fpga::verif {

// Returns IPSEC_FPGA_SEED if set, else `default_seed`, and prints which one
// the test `test_name` uses.
std::uint64_t test_seed(std::string_view test_name, std::uint64_t default_seed);

}  // namespace ipsec_fpga::verif
