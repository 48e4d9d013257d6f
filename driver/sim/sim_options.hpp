// The part of a "sim:" board URI after the colon: comma-separated options.
//   sim:                       the Verilated board core, 12 MHz
//   sim:fst=/tmp/wave.fst      ... writing an FST waveform there
//   sim:clock_hz=24000000      the clock the board's timeouts are measured in
//   sim:icebreaker             the Verilated iCEBreaker top behind its UART
//                              (bit cells at the board's divisor: uart_wire.hpp)
//   sim:icebreaker,fst=F       ... with a waveform (board=icebreaker also works)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipsec_fpga::driver::sim {

struct SimOptions {
  std::optional<std::string> fst_path;
  std::uint32_t clock_hz = 12'000'000;  // ipsec_fpga_core's default CLOCK_HZ
  bool clock_hz_given = false;
  // A simulated board by name (pins and UART): nothing for the bare core.
  std::optional<std::string> board;
};

// The boards "sim:<board>" knows, comma-separated, for messages.
inline constexpr std::string_view sim_board_names = "icebreaker";

// Throws std::invalid_argument naming the option that is wrong.
SimOptions parse_sim_options(std::string_view rest);

}  // namespace ipsec_fpga::driver::sim
