// "sim:<options>" -> a SimTransport over the Verilated board core
// (ipsec_fpga_core, CMake target ipsec_fpga_core_model).
#pragma once

#include <memory>
#include <string_view>

#include "sim/sim_transport.hpp"

namespace ipsec_fpga::driver::sim {

// Whether this build has the Verilated board core.
bool core_model_available();

// Throws std::invalid_argument for bad options, std::runtime_error if the
// build has no core model.
std::unique_ptr<SimTransport> open_sim_transport(std::string_view options);

}  // namespace ipsec_fpga::driver::sim
