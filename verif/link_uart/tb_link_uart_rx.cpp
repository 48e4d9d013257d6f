// link_uart receive side against a C++ UART transmitter on uart_rx: random
// bytes back to back and with idle gaps at the exact bit period and at +-2%
// baud error, with m_axis_tready back-pressure; every byte's edge asserted
// (first edge sampling its start bit + rx_latency). The tolerance to the
// sender's baud error is swept and printed. Glitches on the idle line.
#define BOOST_TEST_MODULE link_uart
#include <boost/test/unit_test.hpp>
#include <cstdio>
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

// Plays `bytes` at `period` from just after reset, runs until all is done
// and checks that m_axis showed each byte on its exact edge, that all were
// taken in order, and that no error pulsed.
template <class Model>
void check_clean_receive(std::mt19937_64& rng, const std::string& what, double period,
                         const Bytes& bytes, double max_gap) {
  const auto timing = timing_of<Model>();
  const std::string name = config_name<Model>() + " " + what;
  LinkUartDriver<Model> uart("link_uart_rx_" + std::string(LinkUartConfig<Model>::kTag), rng,
                             timing);
  uart.set_rx_ready_busy(30);
  std::uniform_real_distribution<double> gap(0, max_gap);
  std::bernoulli_distribution gap_here(0.5);
  const double start = 8 + std::uniform_real_distribution<double>(0, 1)(rng);
  const auto expected = send_frames(uart.line(), timing, start, period, bytes, [&](std::size_t) {
    return max_gap > 0 && gap_here(rng) ? gap(rng) : 0.0;
  });
  uart.run_until_quiet();
  const auto difference = first_difference(expected, uart.rx_shown());
  BOOST_TEST(!difference, name << ": m_axis " << difference.value_or(""));
  BOOST_TEST(uart.rx_taken() == bytes, name << ": bytes taken differ from bytes sent");
  BOOST_TEST(uart.framing_error_edges().empty(),
             name << ": " << uart.framing_error_edges().size() << " framing errors");
  BOOST_TEST(uart.overrun_edges().empty(), name << ": overrun");
  BOOST_TEST(uart.framing_errors() == 0u);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(receive)

BOOST_AUTO_TEST_CASE_TEMPLATE(random_bytes_back_to_back_exact_rate, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  std::mt19937_64 rng(test_seed(std::string("link_uart rx back-to-back ") + Config::kTag, 0x7501));
  const Bytes bytes = random_bytes(rng, Config::kRandomBytes);
  check_clean_receive<Model>(rng, "back-to-back", timing_of<Model>().period(), bytes, 0);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(random_bytes_with_idle_gaps_exact_rate, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  std::mt19937_64 rng(test_seed(std::string("link_uart rx gaps ") + Config::kTag, 0x7502));
  const Bytes bytes = random_bytes(rng, Config::kRandomBytes);
  const double period = timing_of<Model>().period();
  check_clean_receive<Model>(rng, "with gaps", period, bytes, 3 * period);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(random_bytes_at_plus_minus_2_percent_baud, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  std::mt19937_64 rng(test_seed(std::string("link_uart rx 2% ") + Config::kTag, 0x7503));
  for (const double error : {+0.02, -0.02}) {
    const Bytes bytes = random_bytes(rng, Config::kRandomBytes);
    const double period = timing_of<Model>().period() / (1 + error);
    const std::string what = std::string("sender ") + (error > 0 ? "+2%" : "-2%");
    check_clean_receive<Model>(rng, what + " back-to-back", period, bytes, 0);
    check_clean_receive<Model>(rng, what + " with gaps", period, bytes, 3 * period);
  }
}

// Not a pass/fail limit beyond +-2%: measures how far the sender's rate may
// be off (back-to-back random bytes, random phase) and prints it for the doc.
BOOST_AUTO_TEST_CASE_TEMPLATE(baud_error_tolerance_sweep, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  const auto timing = timing_of<Model>();
  std::mt19937_64 rng(test_seed(std::string("link_uart rx tolerance ") + Config::kTag, 0x7504));
  const bool slow = timing.period() > 50;
  const unsigned bytes_per_point = slow ? 100 : 300;
  const int step_quarter_percent = slow ? 2 : 1;
  const auto passes = [&](int quarter_percent) {
    LinkUartDriver<Model> uart("link_uart_rx_sweep", rng, timing);
    uart.set_rx_ready_busy(0);
    const Bytes bytes = random_bytes(rng, bytes_per_point);
    const double period = timing.period() / (1 + quarter_percent / 400.0);
    const double start = 8 + std::uniform_real_distribution<double>(0, 1)(rng);
    send_frames(uart.line(), timing, start, period, bytes, [](std::size_t) { return 0.0; });
    uart.run_until_quiet();
    return uart.rx_taken() == bytes && uart.framing_error_edges().empty();
  };
  int low = 0, high = 0;
  while (low > -40 && passes(low - step_quarter_percent)) low -= step_quarter_percent;
  while (high < 40 && passes(high + step_quarter_percent)) high += step_quarter_percent;
  const bool at_minus_5 = passes(-20), at_plus_5 = passes(+20);
  std::printf(
      "%s: rx works with the sender's baud rate off by %+.2f%% .. %+.2f%% (steps of %.2f%%, "
      "%u back-to-back random bytes each); at -5%%: %s, at +5%%: %s\n",
      config_name<Model>().c_str(), low / 4.0, high / 4.0, step_quarter_percent / 4.0,
      bytes_per_point, at_minus_5 ? "works" : "fails", at_plus_5 ? "works" : "fails");
  BOOST_TEST(low <= -8, config_name<Model>() << ": tolerance below -2%: " << low / 4.0 << "%");
  BOOST_TEST(high >= 8, config_name<Model>() << ": tolerance below +2%: " << high / 4.0 << "%");
}

// Low pulses on the idle line up to ceil(P/2) sampled edges (so every pulse
// shorter than half a bit) are ignored; one edge longer starts a frame (of
// all ones: 0xff). Then random real-time glitches shorter than half a bit.
BOOST_AUTO_TEST_CASE_TEMPLATE(glitches_on_idle_line, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  const auto timing = timing_of<Model>();
  const std::string name = config_name<Model>() + " glitch";
  std::mt19937_64 rng(test_seed(std::string("link_uart rx glitch ") + Config::kTag, 0x7505));
  LinkUartDriver<Model> uart(std::string("link_uart_rx_glitch_") + Config::kTag, rng, timing);
  uart.set_rx_ready_busy(30);
  const double period = timing.period();
  const auto longest = timing.rx_longest_ignored_glitch();
  std::vector<UartByteAt> expected;
  double t = 10;
  for (std::uint64_t width = 1; width <= longest + 1; ++width) {
    uart.line().set(t, false);
    uart.line().set(t + static_cast<double>(width), true);
    if (width == longest + 1)
      expected.push_back({static_cast<std::uint64_t>(t) + timing.rx_latency(), 0xff});
    t = std::ceil(t + 11 * period);
    const auto byte = static_cast<std::uint8_t>(rng());
    expected.push_back({static_cast<std::uint64_t>(t) + timing.rx_latency(), byte});
    t = std::ceil(uart.line().frame(t, period, byte) + 2 * period);
  }
  std::uniform_real_distribution<double> width(0.01, period / 2), phase(0, 1);
  for (int i = 0; i < 100; ++i) {
    t += phase(rng);
    uart.line().set(t, false);
    uart.line().set(t + width(rng), true);
    t += 2 * period;
    const auto byte = static_cast<std::uint8_t>(rng());
    expected.push_back({static_cast<std::uint64_t>(std::ceil(t)) + timing.rx_latency(), byte});
    t = uart.line().frame(t, period, byte) + period;
  }
  uart.run_until_quiet();
  const auto difference = first_difference(expected, uart.rx_shown());
  BOOST_TEST(!difference, name << " (ignored up to " << longest << " edges): m_axis "
                               << difference.value_or(""));
  BOOST_TEST(uart.framing_error_edges().empty(), name << ": framing error");
}

BOOST_AUTO_TEST_SUITE_END()
