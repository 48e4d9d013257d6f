// The Verilated iCEBreaker top (boards/icebreaker/icebreaker_top.v, class
// Vicebreaker_top, CMake target ipsec_fpga_icebreaker_model from
// verif/board_model/) as BoardPins: only in builds that have that target.
#pragma once

#include <cstdint>
#include <memory>

#include "sim/board_pins.hpp"
#include "sim/sim_options.hpp"

namespace ipsec_fpga::driver::sim {

// What icebreaker_top.v sets: its oscillator and the UART rate its
// ipsec_fpga_uart_top is built for. The driver reads the clock back from the
// board's clock_hz register (tests/board_sim checks they agree).
inline constexpr std::uint32_t icebreaker_clock_hz = 12'000'000;
inline constexpr std::uint32_t icebreaker_baud = 3'000'000;

// Runs the board's power-on reset (256 clocks) before returning, so the
// first cycle the caller runs is the first after configuration and reset,
// with the UART idle.
std::unique_ptr<BoardPins> make_verilated_icebreaker(const SimOptions& options);

}  // namespace ipsec_fpga::driver::sim
