// "sim:<options>" -> a SimTransport over a simulated board:
//   sim:[fst=F][,clock_hz=H]   the Verilated board core ipsec_fpga_core, its
//                              byte streams fed directly (one byte per clock)
//                              (CMake target ipsec_fpga_core_model)
//   sim:icebreaker[,fst=F]     the Verilated iCEBreaker top at its pins, the
//                              host's bytes as 8N1 bit cells at the board's
//                              divisor (UartWire; target ipsec_fpga_icebreaker_model)
#pragma once

#include <memory>
#include <string_view>

#include "sim/sim_transport.hpp"
#include "sim/uart_wire.hpp"

namespace ipsec_fpga::driver::sim {

// Whether this build has the Verilated board core / the Verilated iCEBreaker.
bool core_model_available();
bool icebreaker_model_available();

// Throws std::invalid_argument for bad options, std::runtime_error if the
// build has no model for what the options name.
std::unique_ptr<SimTransport> open_sim_transport(std::string_view options);

// The wire of a SimTransport over a board's pins (sim:icebreaker): LEDs,
// button, faults on the wire, the frame log. nullptr for the bare core.
UartWire* uart_wire(SimTransport& transport);

}  // namespace ipsec_fpga::driver::sim
