// The driver for sha1_core: 5-word chaining state, 80 rounds, 81 cycles per block.
#pragma once

#include "sha_core_driver.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "Vsha1_core.h"
#pragma GCC diagnostic pop

namespace ipsec_fpga::verif {

using Sha1CoreDriver = ShaCoreDriver<Vsha1_core, 5>;

}  // namespace ipsec_fpga::verif
