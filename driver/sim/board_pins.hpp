// A simulated board seen through its pins, one clock cycle at a time: the
// UART's RX (from the FT2232H's TXD) and TX (to its RXD), the LEDs and the
// button. The Verilated icebreaker_top is one (verilated_icebreaker.cpp);
// UartWire (uart_wire.hpp) turns it into the byte streams SimTransport runs.
#pragma once

#include <cstdint>
#include <string>

namespace ipsec_fpga::driver::sim {

struct BoardLeds {
  bool red = false;    // lit: a UART framing error was seen recently (iCEBreaker LEDR)
  bool green = false;  // lit: a packet was processed recently (iCEBreaker LEDG)
};

// A BoardPins is handed over configured and out of reset with its TX idle
// (high), as a real board is by the time the host opens its serial port:
// bytes it sent before then are not the host's.
class BoardPins {
 public:
  virtual ~BoardPins() = default;
  // One clock cycle with `rx` on the board's RX pin for the whole cycle
  // (sampled by this cycle's rising edge). Returns the board's TX pin as it
  // is during the cycle, i.e. before this edge (TX is a flip-flop output).
  virtual bool cycle(bool rx) = 0;
  virtual BoardLeds leds() const = 0;
  // Holds the reset button down (true) or lets it go; takes effect from the
  // next cycle, as on the board (through its synchroniser).
  virtual void set_button(bool pressed) = 0;
  virtual std::uint32_t clock_hz() const = 0;  // the board's oscillator
  virtual std::uint32_t baud() const = 0;      // the UART rate the board's RTL is built for
  virtual std::string name() const = 0;
  // Clocks the board ran before it was handed over (configuration, reset,
  // what it sent after reset): add them to a host-side cycle count to find
  // it in a waveform, which counts from power-up.
  virtual std::uint64_t clocks_before_attach() const { return 0; }
};

}  // namespace ipsec_fpga::driver::sim
