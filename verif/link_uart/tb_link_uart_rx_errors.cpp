// link_uart receive errors: a frame whose stop bit is low is dropped with
// one framing_error pulse (on the edge its byte would have shown) and the
// counter steps; a break (line low for frames on end) is one framing error;
// a line low from reset is no frame; a byte not taken for a whole frame is
// replaced by the next with an overrun pulse, one taken late is not lost.
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>

#include "link_uart_checks.hpp"
#include "link_uart_configs.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;

namespace {

template <class Model>
std::string config_name() {
  return "link_uart " + timing_of<Model>().name();
}

std::uint64_t first_edge(double time) { return static_cast<std::uint64_t>(std::ceil(time)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(receive_errors)

BOOST_AUTO_TEST_CASE_TEMPLATE(framing_error_drops_byte_next_is_fine, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  const auto timing = timing_of<Model>();
  const std::string name = config_name<Model>() + " framing error";
  std::mt19937_64 rng(test_seed(std::string("link_uart rx framing ") + Config::kTag, 0x7511));
  LinkUartDriver<Model> uart(std::string("link_uart_rx_framing_") + Config::kTag, rng, timing);
  uart.set_rx_ready_busy(30);
  const double period = timing.period();
  std::vector<UartByteAt> expected;
  std::vector<std::uint64_t> expected_errors;
  double t = 8.5;
  const unsigned rounds = 50;
  for (unsigned i = 0; i < rounds; ++i) {
    const Bytes bytes = random_bytes(rng, 3);
    expected.push_back({first_edge(t) + timing.rx_latency(), bytes[0]});
    t = uart.line().frame(t, period, bytes[0]);
    // The bad frame: stop bit low, then the line idles for one bit.
    expected_errors.push_back(first_edge(t) + timing.rx_latency());
    t = uart.line().frame(t, period, bytes[1], false);
    uart.line().set(t, true);
    t += period;
    expected.push_back({first_edge(t) + timing.rx_latency(), bytes[2]});
    t = uart.line().frame(t, period, bytes[2]);
  }
  uart.run_until_quiet();
  const auto difference = first_difference(expected, uart.rx_shown());
  BOOST_TEST(!difference, name << ": m_axis " << difference.value_or(""));
  BOOST_TEST(uart.framing_error_edges() == expected_errors,
             name << ": framing_error pulses not exactly one per bad frame, on its stop sample");
  BOOST_TEST(uart.framing_errors() == rounds, name << ": counter");
  BOOST_TEST(uart.overrun_edges().empty());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(break_is_one_framing_error, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  const auto timing = timing_of<Model>();
  const std::string name = config_name<Model>() + " break";
  std::mt19937_64 rng(test_seed(std::string("link_uart rx break ") + Config::kTag, 0x7512));
  LinkUartDriver<Model> uart(std::string("link_uart_rx_break_") + Config::kTag, rng, timing);
  uart.set_rx_ready_busy(30);
  const double period = timing.period();
  std::uniform_int_distribution<int> break_bits(11, 60);
  std::vector<UartByteAt> expected;
  std::vector<std::uint64_t> expected_errors;
  double t = 8.25;
  const unsigned breaks = 10;
  for (unsigned i = 0; i < breaks; ++i) {
    uart.line().set(t, false);
    expected_errors.push_back(first_edge(t) + timing.rx_latency());
    t += break_bits(rng) * period;
    uart.line().set(t, true);
    t += 2 * period;
    const auto byte = static_cast<std::uint8_t>(rng());
    expected.push_back({first_edge(t) + timing.rx_latency(), byte});
    t = uart.line().frame(t, period, byte) + period;
  }
  uart.run_until_quiet();
  const auto difference = first_difference(expected, uart.rx_shown());
  BOOST_TEST(!difference, name << ": m_axis " << difference.value_or(""));
  BOOST_TEST(uart.framing_error_edges() == expected_errors,
             name << ": not exactly one framing error per break");
  BOOST_TEST(uart.framing_errors() == breaks);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(line_low_from_reset_is_no_frame, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  const auto timing = timing_of<Model>();
  const std::string name = config_name<Model>() + " line low from reset";
  std::mt19937_64 rng(test_seed(std::string("link_uart rx low at reset ") + Config::kTag, 0x7513));
  LinkUartDriver<Model> uart(std::string("link_uart_rx_low_reset_") + Config::kTag, rng, timing);
  uart.set_rx_ready_busy(0);
  const double period = timing.period();
  uart.line().set(0, false);
  double t = 40 * period;
  uart.line().set(t, true);
  t += 2 * period;
  const auto byte = static_cast<std::uint8_t>(rng());
  const std::vector<UartByteAt> expected{{first_edge(t) + timing.rx_latency(), byte}};
  uart.line().frame(t, period, byte);
  uart.run_until_quiet();
  const auto difference = first_difference(expected, uart.rx_shown());
  BOOST_TEST(!difference, name << ": m_axis " << difference.value_or(""));
  BOOST_TEST(uart.framing_error_edges().empty(), name << ": framing error");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(overrun_after_one_byte_time, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  const auto timing = timing_of<Model>();
  const std::string name = config_name<Model>() + " overrun";
  std::mt19937_64 rng(test_seed(std::string("link_uart rx overrun ") + Config::kTag, 0x7514));
  LinkUartDriver<Model> uart(std::string("link_uart_rx_overrun_") + Config::kTag, rng, timing);
  uart.set_rx_ready_busy(0);
  const double period = timing.period();

  // Held less than a byte time: kept, taken late, no overrun.
  uart.hold_rx_ready(true);
  const Bytes bytes = random_bytes(rng, 3);
  double t = 9;
  std::vector<UartByteAt> expected{{first_edge(t) + timing.rx_latency(), bytes[0]}};
  t = uart.line().frame(t, period, bytes[0]);
  uart.run(expected[0].edge + static_cast<std::uint64_t>(8 * period));
  uart.hold_rx_ready(false);
  uart.run(4);
  BOOST_TEST(uart.rx_taken() == Bytes{bytes[0]}, name << ": byte held 8 bits not taken late");
  BOOST_TEST(uart.overrun_edges().empty(), name << ": overrun while held under a byte time");

  // Held over the next frame: that frame's byte replaces it, overrun pulses.
  uart.hold_rx_ready(true);
  t = static_cast<double>(uart.now()) + 2.5;
  expected.push_back({first_edge(t) + timing.rx_latency(), bytes[1]});
  t = uart.line().frame(t, period, bytes[1]);
  expected.push_back({first_edge(t) + timing.rx_latency(), bytes[2]});
  uart.line().frame(t, period, bytes[2]);
  uart.run_until_quiet();
  uart.hold_rx_ready(false);
  uart.run(4);
  const auto difference = first_difference(expected, uart.rx_shown());
  BOOST_TEST(!difference, name << ": m_axis " << difference.value_or(""));
  BOOST_TEST(uart.overrun_edges() == std::vector<std::uint64_t>{expected[2].edge},
             name << ": overrun not pulsed once, when the next byte arrived");
  BOOST_TEST(uart.rx_taken() == (Bytes{bytes[0], bytes[2]}),
             name << ": after an overrun the newer byte is the one kept");
  BOOST_TEST(uart.framing_errors() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
