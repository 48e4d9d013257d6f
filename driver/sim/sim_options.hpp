// The part of a "sim:" board URI after the colon: comma-separated options.
//   sim:                       the Verilated board core, 12 MHz
//   sim:fst=/tmp/wave.fst      ... writing an FST waveform there
//   sim:clock_hz=24000000      the clock the board's timeouts are measured in
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipsec_fpga::driver::sim {

struct SimOptions {
  std::optional<std::string> fst_path;
  std::uint32_t clock_hz = 12'000'000;  // ipsec_fpga_core's default CLOCK_HZ
};

// Throws std::invalid_argument naming the option that is wrong.
SimOptions parse_sim_options(std::string_view rest);

}  // namespace ipsec_fpga::driver::sim
