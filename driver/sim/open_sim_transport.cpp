#include "sim/open_sim_transport.hpp"

#include <stdexcept>

#include "sim/sim_options.hpp"
#if IPSEC_FPGA_HAVE_CORE_MODEL
#include "sim/verilated_core.hpp"
#endif

namespace ipsec_fpga::driver::sim {

bool core_model_available() { return IPSEC_FPGA_HAVE_CORE_MODEL != 0; }

std::unique_ptr<SimTransport> open_sim_transport(std::string_view options) {
  const SimOptions parsed = parse_sim_options(options);
#if IPSEC_FPGA_HAVE_CORE_MODEL
  return std::make_unique<SimTransport>(make_verilated_core(parsed));
#else
  throw std::runtime_error(
      "sim: this build has no Verilated board core (CMake target ipsec_fpga_core_model)");
#endif
}

}  // namespace ipsec_fpga::driver::sim
