#include "sim/open_sim_transport.hpp"

#include <stdexcept>

#include "sim/sim_options.hpp"
#if IPSEC_FPGA_HAVE_CORE_MODEL
#include "sim/verilated_core.hpp"
#endif
#if IPSEC_FPGA_HAVE_ICEBREAKER_MODEL
#include "sim/verilated_icebreaker.hpp"
#endif

namespace ipsec_fpga::driver::sim {

bool core_model_available() { return IPSEC_FPGA_HAVE_CORE_MODEL != 0; }
bool icebreaker_model_available() { return IPSEC_FPGA_HAVE_ICEBREAKER_MODEL != 0; }

namespace {

std::unique_ptr<SimTransport> open_board_pins(const SimOptions& options) {
  // parse_sim_options knows only "icebreaker".
#if IPSEC_FPGA_HAVE_ICEBREAKER_MODEL
  return std::make_unique<SimTransport>(
      std::make_unique<UartWire>(make_verilated_icebreaker(options)));
#else
  throw std::runtime_error("sim:" + *options.board +
                           ": this build has no Verilated iCEBreaker (CMake target "
                           "ipsec_fpga_icebreaker_model, verif/board_model)");
#endif
}

}  // namespace

std::unique_ptr<SimTransport> open_sim_transport(std::string_view options) {
  const SimOptions parsed = parse_sim_options(options);
  if (parsed.board) return open_board_pins(parsed);
#if IPSEC_FPGA_HAVE_CORE_MODEL
  return std::make_unique<SimTransport>(make_verilated_core(parsed));
#else
  throw std::runtime_error(
      "sim: this build has no Verilated board core (CMake target ipsec_fpga_core_model)");
#endif
}

UartWire* uart_wire(SimTransport& transport) { return dynamic_cast<UartWire*>(&transport.model()); }

}  // namespace ipsec_fpga::driver::sim
