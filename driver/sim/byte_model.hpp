// A board core seen one clock cycle at a time through its two byte streams
// (s_byte_* host -> board, m_byte_* board -> host): what SimTransport runs.
// The Verilated ipsec_fpga_core is one (verilated_core.cpp); tests use
// small C++ models.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ipsec_fpga::driver::sim {

class ByteModel {
 public:
  struct Cycle {
    bool taken = false;               // the offered input byte was accepted (tvalid && tready)
    std::optional<std::uint8_t> out;  // the byte the board sent this cycle (m_byte_tready is 1)
  };

  virtual ~ByteModel() = default;
  // One rising clock edge with `in` offered on s_byte (tvalid = has_value).
  virtual Cycle cycle(std::optional<std::uint8_t> in) = 0;
  virtual std::uint32_t clock_hz() const = 0;
  virtual std::string name() const = 0;
};

}  // namespace ipsec_fpga::driver::sim
