// The Verilated ipsec_fpga_core as a ByteModel (only in builds that have the
// target ipsec_fpga_core_model).
#pragma once

#include <memory>

#include "sim/byte_model.hpp"
#include "sim/sim_options.hpp"

namespace ipsec_fpga::driver::sim {

std::unique_ptr<ByteModel> make_verilated_core(const SimOptions& options);

}  // namespace ipsec_fpga::driver::sim
