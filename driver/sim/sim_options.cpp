#include "sim/sim_options.hpp"

#include <charconv>
#include <stdexcept>

namespace ipsec_fpga::driver::sim {

SimOptions parse_sim_options(std::string_view rest) {
  SimOptions options;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view part = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      throw std::invalid_argument("sim: option '" + std::string(part) + "' is not key=value");
    const std::string_view key = part.substr(0, eq);
    const std::string_view value = part.substr(eq + 1);
    if (key == "fst") {
      if (value.empty()) throw std::invalid_argument("sim: fst= needs a file path");
      options.fst_path = std::string(value);
    } else if (key == "clock_hz") {
      std::uint32_t hz = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), hz);
      if (ec != std::errc{} || end != value.data() + value.size() || hz == 0)
        throw std::invalid_argument("sim: clock_hz='" + std::string(value) +
                                    "' is not a positive decimal number");
      options.clock_hz = hz;
    } else {
      throw std::invalid_argument("sim: unknown option '" + std::string(key) +
                                  "' (known: fst, clock_hz)");
    }
  }
  return options;
}

}  // namespace ipsec_fpga::driver::sim
