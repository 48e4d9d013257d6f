// FTDI baud rate divisors. The UART divides a base clock (3 MHz on every
// chip; 12 MHz on the H series, selected by bit 17 of the encoded divisor)
// by n + k/8, where n is 2..16383 and k 0..7; 1 and 1.5 are the only
// divisors below 2 (encoded as 0 and 1). The eighths go in bits 14..16 in
// FTDI's order (0, 0.5, 0.25, 0.125, 0.375, 0.625, 0.75, 0.875 for codes
// 0..7). Bits 0..15 go in wValue, bits 16..17 in the high byte of wIndex
// (its low byte is the port).
#pragma once

#include <cstdint>

namespace ipsec_fpga::driver::usb::ftdi {

inline constexpr double base_clock_hz = 3'000'000.0;
inline constexpr double high_clock_hz = 12'000'000.0;
// A UART link works if both ends are within about 3% of each other (AN232B-05).
inline constexpr double max_baud_error = 0.03;

struct BaudDivisor {
  std::uint32_t requested = 0;
  double achieved = 0;      // base clock / divisor
  double error = 0;         // achieved / requested - 1
  double divisor = 0;       // n + k/8
  bool high_clock = false;  // the 12 MHz base
  std::uint32_t encoded = 0;
  std::uint16_t value() const { return static_cast<std::uint16_t>(encoded & 0xFFFF); }
  std::uint16_t index(std::uint16_t port) const {
    return static_cast<std::uint16_t>(((encoded >> 16) << 8) | port);
  }
};

// The divisor nearest to `baud` (the H series try both base clocks).
// Throws std::invalid_argument naming the rate and the nearest reachable
// ones when the nearest is more than 3% off.
BaudDivisor ftdi_baud_divisor(std::uint32_t baud, bool high_speed_chip);

}  // namespace ipsec_fpga::driver::usb::ftdi
