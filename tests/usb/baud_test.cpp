// FTDI baud divisors: a table of known rates with their exact wValue/wIndex,
// each also checked against the divisor decoded with the table of FTDI's
// AN232B-05 (bits 13..0 integer part, bits 16..14 the eighths in FTDI's
// order, 0 = divisor 1, 1 = divisor 1.5) and bit 17 = the 12 MHz base of the
// H series; a sweep of rates; the refusals and their messages.
#define BOOST_TEST_MODULE usb_ftdi_baud
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <stdexcept>

#include "usb/ftdi_baud.hpp"

using namespace ipsec_fpga::driver::usb::ftdi;

namespace {

constexpr std::uint16_t port_b = 2;

// The divisor an encoding stands for, from the application note's table.
double documented_divisor(std::uint32_t encoded) {
  const std::uint32_t integer = encoded & 0x3FFF;
  const std::uint32_t code = (encoded >> 14) & 7;
  if (integer == 0 && code == 0) return 1.0;
  if (integer == 1 && code == 0) return 1.5;
  const double sub_integer[8] = {0.0, 0.5, 0.25, 0.125, 0.375, 0.625, 0.75, 0.875};
  return integer + sub_integer[code];
}

double documented_clock(std::uint32_t encoded) {
  return (encoded & (1u << 17)) != 0 ? 12'000'000.0 : 3'000'000.0;
}

struct KnownRate {
  std::uint32_t baud;
  bool high_speed_chip;
  std::uint16_t value;
  std::uint16_t index;  // for channel B (port 2)
  double divisor;       // the required divisor base/baud rounded to the nearest eighth
  double base;
};

const KnownRate known_rates[] = {
    // H series, 12 MHz base: divisor = 12 MHz / baud.
    {12'000'000, true, 0x0000, 0x0202, 1.0, 12e6},
    {8'000'000, true, 0x0001, 0x0202, 1.5, 12e6},
    {6'000'000, true, 0x0002, 0x0202, 2.0, 12e6},
    {3'000'000, true, 0x0004, 0x0202, 4.0, 12e6},
    {2'000'000, true, 0x0006, 0x0202, 6.0, 12e6},
    {1'000'000, true, 0x000C, 0x0202, 12.0, 12e6},
    {921'600, true, 0x000D, 0x0202, 13.0, 12e6},     // 13.02 -> 13
    {115'200, true, 0xC068, 0x0202, 104.125, 12e6},  // 104.17 -> 104 + 1/8 (code 3)
    {57'600, true, 0x00D0, 0x0302, 208.375, 12e6},   // 208.33 -> 208 + 3/8 (code 4: bit 16)
    {9'600, true, 0x04E2, 0x0202, 1250.0, 12e6},
    // Below 732 baud the 12 MHz divisor overflows: the 3 MHz base takes over.
    {300, true, 0x2710, 0x0002, 10000.0, 3e6},
    // FT2232C/D: 3 MHz base only.
    {3'000'000, false, 0x0000, 0x0002, 1.0, 3e6},
    {2'000'000, false, 0x0001, 0x0002, 1.5, 3e6},
    {115'200, false, 0x001A, 0x0002, 26.0, 3e6},   // 26.04 -> 26
    {490'000, false, 0xC006, 0x0002, 6.125, 3e6},  // AN232B-05's example: 6.122 -> 6.125
};

}  // namespace

BOOST_AUTO_TEST_CASE(known_rates_match_the_documented_encoding) {
  for (const KnownRate& k : known_rates) {
    const BaudDivisor d = ftdi_baud_divisor(k.baud, k.high_speed_chip);
    const std::string name = std::to_string(k.baud) + (k.high_speed_chip ? " (H)" : " (C/D)");
    BOOST_TEST(d.value() == k.value,
               name << ": wValue expected 0x" << std::hex << k.value << " got 0x" << d.value());
    BOOST_TEST(d.index(port_b) == k.index, name << ": wIndex expected 0x" << std::hex << k.index
                                                << " got 0x" << d.index(port_b));
    BOOST_TEST(d.divisor == k.divisor, name << ": divisor");
    BOOST_TEST(documented_divisor(d.encoded) == k.divisor, name << ": decoded divisor");
    BOOST_TEST(documented_clock(d.encoded) == k.base, name << ": base clock");
    BOOST_TEST(d.achieved == k.base / k.divisor, name << ": achieved rate");
    BOOST_TEST(d.error == d.achieved / k.baud - 1.0, name << ": error");
  }
}

BOOST_AUTO_TEST_CASE(the_115200_rate_is_close) {
  const BaudDivisor d = ftdi_baud_divisor(115'200, true);
  BOOST_TEST(std::abs(d.achieved - 115'246.1) < 0.1);
  BOOST_TEST(std::abs(d.error) < 0.0005);
}

BOOST_AUTO_TEST_CASE(port_goes_in_the_low_byte_of_windex) {
  const BaudDivisor d = ftdi_baud_divisor(3'000'000, true);
  BOOST_TEST(d.index(1) == 0x0201);
  BOOST_TEST(d.index(2) == 0x0202);
}

// Every rate on a fine logarithmic grid: either refused, or the nearest
// divisor there is, within 3%, and decoding to the rate it claims.
BOOST_AUTO_TEST_CASE(sweep_of_rates) {
  for (bool high_speed : {true, false}) {
    for (double rate = 200; rate <= 13e6; rate *= 1.01) {
      const auto baud = static_cast<std::uint32_t>(rate);
      BaudDivisor d;
      try {
        d = ftdi_baud_divisor(baud, high_speed);
      } catch (const std::invalid_argument&) {
        continue;
      }
      const std::string name = std::to_string(baud) + (high_speed ? " (H)" : " (C/D)");
      BOOST_TEST(std::abs(d.error) <= max_baud_error, name);
      const double divisor = documented_divisor(d.encoded);
      const double clock = documented_clock(d.encoded);
      BOOST_TEST(divisor == d.divisor, name);
      BOOST_TEST(clock / divisor == d.achieved, name);
      BOOST_TEST((clock == 12e6) <= high_speed, name << ": 12 MHz base on a chip without it");
      // The documented formula: the required divisor clock / baud, to the
      // nearest eighth (from 2 up; below 2 only 1 and 1.5 exist).
      const double required = clock / baud;
      if (divisor >= 2.0)
        BOOST_TEST(std::abs(divisor - required) <= 1.0 / 16 + 1e-9,
                   name << ": divisor " << divisor << " for " << required);
      else
        BOOST_TEST(std::abs(divisor - required) <= 0.25 + 1e-9, name);
    }
  }
}

BOOST_AUTO_TEST_CASE(reachable_range) {
  BOOST_CHECK_NO_THROW(ftdi_baud_divisor(12'000'000, true));
  BOOST_CHECK_NO_THROW(ftdi_baud_divisor(184, true));
  BOOST_CHECK_THROW(ftdi_baud_divisor(12'500'000, true), std::invalid_argument);
  BOOST_CHECK_THROW(ftdi_baud_divisor(4'000'000, false), std::invalid_argument);
  BOOST_CHECK_THROW(ftdi_baud_divisor(100, true), std::invalid_argument);
  BOOST_CHECK_THROW(ftdi_baud_divisor(0, true), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(refusals_name_the_rate_and_the_nearest) {
  const auto message = [](std::uint32_t baud, bool high_speed) {
    try {
      ftdi_baud_divisor(baud, high_speed);
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
    return std::string("(no error)");
  };
  BOOST_TEST(message(10'000'000, true) ==
             "baud rate 10000000 cannot be reached within 3%: the nearest is 12000000 baud "
             "(+20.00%, 12 MHz base / 1.000); this chip reaches 183..12000000 baud in steps");
  BOOST_TEST(message(13'000'000, true) ==
             "baud rate 13000000 cannot be reached within 3%: the nearest is 12000000 baud "
             "(-7.69%, 12 MHz base / 1.000); this chip reaches 183..12000000 baud in steps");
  BOOST_TEST(message(4'000'000, false) ==
             "baud rate 4000000 cannot be reached within 3%: the nearest is 3000000 baud "
             "(-25.00%, 3 MHz base / 1.000); this chip reaches 183..3000000 baud in steps");
  BOOST_TEST(message(100, true) ==
             "baud rate 100 cannot be reached within 3%: the nearest is 183 baud "
             "(+83.11%, 3 MHz base / 16383.875); this chip reaches 183..12000000 baud in steps");
  BOOST_TEST(message(0, true) == "baud rate 0 is not a rate");
}
