#include "sim/sim_options.hpp"

#include <charconv>
#include <stdexcept>

namespace ipsec_fpga::driver::sim {

namespace {
bool is_board_name(std::string_view name) { return name == "icebreaker"; }
}  // namespace

SimOptions parse_sim_options(std::string_view rest) {
  SimOptions options;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view part = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t eq = part.find('=');
    const bool bare = eq == std::string_view::npos;
    if (bare && !is_board_name(part))
      throw std::invalid_argument(
          "sim: option '" + std::string(part) +
          "' is not key=value nor a board (boards: " + std::string(sim_board_names) + ")");
    const std::string_view key = bare ? std::string_view("board") : part.substr(0, eq);
    const std::string_view value = bare ? part : part.substr(eq + 1);
    if (key == "board") {
      if (!is_board_name(value))
        throw std::invalid_argument("sim: unknown board '" + std::string(value) +
                                    "' (boards: " + std::string(sim_board_names) + ")");
      if (options.board && *options.board != value)
        throw std::invalid_argument("sim: two boards named ('" + *options.board + "' and '" +
                                    std::string(value) + "')");
      options.board = std::string(value);
    } else if (key == "fst") {
      if (value.empty()) throw std::invalid_argument("sim: fst= needs a file path");
      options.fst_path = std::string(value);
    } else if (key == "clock_hz") {
      std::uint32_t hz = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), hz);
      if (ec != std::errc{} || end != value.data() + value.size() || hz == 0)
        throw std::invalid_argument("sim: clock_hz='" + std::string(value) +
                                    "' is not a positive decimal number");
      options.clock_hz = hz;
      options.clock_hz_given = true;
    } else {
      throw std::invalid_argument(
          "sim: unknown option '" + std::string(key) +
          "' (known: fst, clock_hz, board; boards: " + std::string(sim_board_names) + ")");
    }
  }
  if (options.board && options.clock_hz_given)
    throw std::invalid_argument("sim: clock_hz= is for the bare core; sim:" + *options.board +
                                " runs at its board's own clock");
  return options;
}

}  // namespace ipsec_fpga::driver::sim
