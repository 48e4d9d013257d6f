// The driver for sha256_core: 8-word chaining state, 64 rounds, 65 cycles per block.
#pragma once

#include "sha_core_driver.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "Vsha256_core.h"
#pragma GCC diagnostic pop

namespace ipsec_fpga::verif {

using Sha256CoreDriver = ShaCoreDriver<Vsha256_core, 8>;

}  // namespace ipsec_fpga::verif
