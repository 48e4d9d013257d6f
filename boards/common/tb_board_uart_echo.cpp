// board_uart_echo (the link-test configuration of the FT2232H boards) at the
// boards' divisor, 12 MHz / 3 Mbaud = 4 clocks per bit: random bytes sent
// back to back come back in order, decoded from uart_tx; a frame with a bad
// stop bit is dropped and lights the error LED, and the echo goes on after
// it; the link LED follows the traffic.
#define BOOST_TEST_MODULE tb_board_uart_echo
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <deque>
#include <memory>
#include <random>
#include <vector>

#include "Vboard_uart_echo.h"
#include "test_seed.hpp"
#include "uart_line.hpp"

using ipsec_fpga::verif::UartLine;

namespace {

constexpr int bit_clocks = 4;  // CLOCK_HZ / BAUD

// The host's receiver on uart_tx: a falling edge starts a frame, each bit is
// read in the middle of its cell.
class Decoder {
 public:
  void sample(bool level) {
    if (!busy_) {
      if (previous_ && !level) {
        busy_ = true;
        clock_ = 0;
        byte_ = 0;
      }
    } else {
      ++clock_;
      // The middle of cell k (k = 0 is the start bit) is clock 4k + 2.
      if (clock_ % bit_clocks == bit_clocks / 2) {
        const int cell = clock_ / bit_clocks;
        if (cell >= 1 && cell <= 8) byte_ |= static_cast<std::uint8_t>(level) << (cell - 1);
        if (cell == 9) {
          if (level)
            bytes.push_back(byte_);
          else
            ++framing_errors;
          busy_ = false;
        }
      }
    }
    previous_ = level;
  }
  std::vector<std::uint8_t> bytes;
  int framing_errors = 0;

 private:
  bool busy_ = false, previous_ = true;
  int clock_ = 0;
  std::uint8_t byte_ = 0;
};

struct Bench {
  std::unique_ptr<Vboard_uart_echo> dut = std::make_unique<Vboard_uart_echo>();
  UartLine line;
  Decoder decoder;
  long time = 0;
  bool error_led_seen = false, link_led_seen = false;

  Bench() {
    dut->button_n = 1;
    dut->uart_rx = 1;
    dut->clk = 0;
    dut->eval();
  }
  void step() {
    dut->uart_rx = line.level_at(static_cast<double>(time));
    dut->clk = 1;
    dut->eval();
    dut->clk = 0;
    dut->eval();
    decoder.sample(dut->uart_tx);
    error_led_seen |= dut->led_error != 0;
    link_led_seen |= dut->led_link != 0;
    ++time;
  }
  void run(long clocks) {
    for (long i = 0; i < clocks; ++i) step();
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(echoes_back_to_back_bytes_in_order) {
  Bench b;
  b.run(300);  // power-on reset: 256 clocks
  BOOST_TEST(!b.link_led_seen);
  std::mt19937 rng(
      static_cast<std::uint32_t>(ipsec_fpga::verif::test_seed("tb_board_uart_echo", 7)));
  std::vector<std::uint8_t> sent;
  double t = static_cast<double>(b.time);
  for (int i = 0; i < 3000; ++i) {
    sent.push_back(static_cast<std::uint8_t>(rng()));
    t = b.line.frame(t, bit_clocks, sent.back());
  }
  b.run(static_cast<long>(t) - b.time + 20 * 10 * bit_clocks);
  BOOST_TEST(b.decoder.framing_errors == 0);
  BOOST_TEST(b.decoder.bytes == sent, boost::test_tools::per_element());
  BOOST_TEST(b.link_led_seen);
  BOOST_TEST(!b.error_led_seen);
}

BOOST_AUTO_TEST_CASE(a_framing_error_is_dropped_and_lit) {
  Bench b;
  b.run(300);
  double t = static_cast<double>(b.time);
  t = b.line.frame(t, bit_clocks, 0x41);
  t = b.line.frame(t, bit_clocks, 0x42, false);  // stop bit 0
  b.line.set(t + 5 * bit_clocks, true);          // the line idles again
  t += 20 * bit_clocks;
  t = b.line.frame(t, bit_clocks, 0x43);
  b.run(static_cast<long>(t) - b.time + 30 * bit_clocks);
  BOOST_TEST(b.decoder.bytes == (std::vector<std::uint8_t>{0x41, 0x43}),
             boost::test_tools::per_element());
  BOOST_TEST(b.error_led_seen);
}
