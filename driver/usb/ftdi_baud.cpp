#include "usb/ftdi_baud.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace ipsec_fpga::driver::usb::ftdi {
namespace {

// Divisors in eighths.
constexpr std::uint32_t min_fractional_eighths = 16;      // 2.0: below it only 1 and 1.5
constexpr std::uint32_t max_eighths = (16383u << 3) | 7;  // 16383.875

// FTDI's code for k eighths (bits 14..16).
constexpr std::array<std::uint32_t, 8> eighths_code = {0, 3, 2, 4, 1, 5, 6, 7};

// The encodable divisor nearest to clock / baud (AN232B-05: "the closest
// possible divisor"), in eighths.
std::uint32_t nearest_eighths(double clock_hz, std::uint32_t baud) {
  const double wanted = 8.0 * clock_hz / baud;
  if (wanted < min_fractional_eighths) {
    // Only 1.0, 1.5 and 2.0 exist here.
    std::uint32_t best = 8;
    for (std::uint32_t e : {12u, 16u})
      if (std::abs(wanted - e) < std::abs(wanted - best)) best = e;
    return best;
  }
  return static_cast<std::uint32_t>(std::min<double>(std::round(wanted), max_eighths));
}

std::uint32_t encode(std::uint32_t eighths) {
  if (eighths == 8) return 0;   // divisor 1
  if (eighths == 12) return 1;  // divisor 1.5
  return (eighths >> 3) | (eighths_code[eighths & 7] << 14);
}

BaudDivisor divisor_on(double clock_hz, bool high_clock, std::uint32_t baud) {
  BaudDivisor d;
  d.requested = baud;
  const std::uint32_t eighths = nearest_eighths(clock_hz, baud);
  d.divisor = eighths / 8.0;
  d.achieved = clock_hz / d.divisor;
  d.error = d.achieved / baud - 1.0;
  d.high_clock = high_clock;
  d.encoded = encode(eighths) | (high_clock ? (1u << 17) : 0u);
  return d;
}

std::string describe(const BaudDivisor& d) {
  char text[96];
  std::snprintf(text, sizeof text, "%.0f baud (%+.2f%%, %s MHz base / %.3f)", d.achieved,
                100.0 * d.error, d.high_clock ? "12" : "3", d.divisor);
  return text;
}

}  // namespace

BaudDivisor ftdi_baud_divisor(std::uint32_t baud, bool high_speed_chip) {
  if (baud == 0) throw std::invalid_argument("baud rate 0 is not a rate");
  BaudDivisor best = divisor_on(base_clock_hz, false, baud);
  if (high_speed_chip) {
    // The 12 MHz base reaches every rate the 3 MHz one does above 732 baud,
    // in finer steps; prefer it on a tie.
    const BaudDivisor high = divisor_on(high_clock_hz, true, baud);
    if (std::abs(high.error) <= std::abs(best.error)) best = high;
  }
  if (std::abs(best.error) > max_baud_error) {
    const double top = high_speed_chip ? high_clock_hz : base_clock_hz;
    const double bottom = base_clock_hz / (max_eighths / 8.0);
    char range[128];
    std::snprintf(range, sizeof range, "; this chip reaches %.0f..%.0f baud in steps", bottom, top);
    throw std::invalid_argument("baud rate " + std::to_string(baud) +
                                " cannot be reached within 3%: the nearest is " + describe(best) +
                                range);
  }
  return best;
}

}  // namespace ipsec_fpga::driver::usb::ftdi
