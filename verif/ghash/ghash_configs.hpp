// The ghash_core configurations the testbench runs: each DIGIT_BITS is its
// own Verilated model (see CMakeLists.txt). 1 and 128 are the extremes
// (128 steps per block; one block per clock), 8 and 16 the iCE40 choices.
#pragma once

#include <boost/mpl/list.hpp>
#include <string>

#include "Vghash_core_d1.h"
#include "Vghash_core_d128.h"
#include "Vghash_core_d16.h"
#include "Vghash_core_d8.h"
#include "ghash_core_driver.hpp"

namespace ipsec_fpga::verif {

template <class Model, unsigned DigitBits>
struct GhashConfig {
  using Driver = GhashCoreDriver<Model, DigitBits>;
  static std::string name() { return "ghash_core DIGIT_BITS=" + std::to_string(DigitBits); }
  static std::string waveform(const std::string& test) {
    return "ghash_d" + std::to_string(DigitBits) + "_" + test;
  }
};

using GhashConfigs =
    boost::mpl::list<GhashConfig<Vghash_core_d16, 16>, GhashConfig<Vghash_core_d8, 8>,
                     GhashConfig<Vghash_core_d1, 1>, GhashConfig<Vghash_core_d128, 128>>;

}  // namespace ipsec_fpga::verif
