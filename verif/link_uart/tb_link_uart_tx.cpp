// link_uart transmit side: random bytes offered back to back (no gap between
// frames: a frame every 10 bit periods, bit edges at ceil(k*P)) and with
// random idle cycles on s_axis_tvalid (bursts of 1-4 bytes with pauses of up
// to two frames between them, and 30% random idle cycles); uart_tx is compared with the expected
// level after every edge and decoded by a plain UART at the exact bit
// period. Loopback uart_tx -> uart_rx. The benchmark helpers' figures.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstddef>
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

template <class Model>
void check_transmit(const std::string& what, unsigned valid_busy_percent, bool back_to_back) {
  using Config = LinkUartConfig<Model>;
  const auto timing = timing_of<Model>();
  const std::string name = config_name<Model>() + " tx " + what;
  std::mt19937_64 rng(test_seed(name, 0x7521 + valid_busy_percent));
  LinkUartDriver<Model> uart(std::string("link_uart_tx_") + Config::kTag, rng, timing);
  uart.set_tx_valid_busy(valid_busy_percent);
  const Bytes bytes = random_bytes(rng, Config::kRandomBytes);
  uart.run(5);
  if (back_to_back) {
    uart.queue_tx(bytes);
  } else {
    std::uniform_int_distribution<std::size_t> burst(1, 4);
    std::uniform_int_distribution<std::uint64_t> pause(0, timing.tx_bit_edge(20));
    for (std::size_t i = 0; i < bytes.size();) {
      const std::size_t count = std::min(burst(rng), bytes.size() - i);
      uart.queue_tx(Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(i),
                          bytes.begin() + static_cast<std::ptrdiff_t>(i + count)));
      i += count;
      while (!uart.tx_all_taken()) uart.step();
      uart.run(pause(rng));
    }
  }
  uart.run_until_quiet();

  Bytes taken;
  for (const auto& accept : uart.tx_accepts()) taken.push_back(accept.byte);
  BOOST_TEST(taken == bytes, name << ": s_axis took other bytes than offered");
  const auto& levels = uart.tx_levels();
  const auto expected = expected_tx_levels(timing, uart.tx_accepts(), levels.size());
  for (std::size_t e = 0; e < levels.size(); ++e) {
    if (levels[e] == expected.levels[e]) continue;
    BOOST_TEST(false, name << ": uart_tx after edge " << e << ": expected "
                           << int(expected.levels[e]) << ", got " << int(levels[e]));
    break;
  }
  if (back_to_back) {
    BOOST_TEST(expected.all_back_to_back, name << ": a gap between frames");
    // The byte period: frame i starts ceil(10 i P) edges after frame 0.
    const auto& accepts = uart.tx_accepts();
    for (std::size_t i = 1; i < accepts.size(); ++i) {
      const auto want = accepts[0].edge + timing.tx_bit_edge(10 * i);
      if (accepts[i].edge == want) continue;
      BOOST_TEST(false, name << ": byte " << i << " taken on edge " << accepts[i].edge
                             << ", expected " << want);
      break;
    }
  } else {
    BOOST_TEST(!expected.all_back_to_back, name << ": the random idle cycles left no gap");
  }
  const auto decoded = decode_line(levels, timing.period());
  BOOST_TEST(decoded.bytes == bytes, name << ": the host's UART decoded other bytes ("
                                          << decoded.bytes.size() << " of " << bytes.size() << ")");
  BOOST_TEST(decoded.framing_errors == 0u, name << ": the host's UART saw framing errors");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(transmit)

BOOST_AUTO_TEST_CASE_TEMPLATE(random_bytes_back_to_back, Model, LinkUartModels) {
  check_transmit<Model>("back-to-back", 0, true);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(random_bytes_with_idle_gaps, Model, LinkUartModels) {
  check_transmit<Model>("with gaps", 30, false);
}

// From an idle transmitter a byte takes ceil(10 P) edges until the next can
// be taken; from an idle receiver a byte shows rx_latency edges after the
// first edge that samples its start bit.
BOOST_AUTO_TEST_CASE_TEMPLATE(single_byte_cycles, Model, LinkUartModels) {
  const auto timing = timing_of<Model>();
  std::mt19937_64 rng(test_seed("link_uart single byte", 0x7523));
  LinkUartDriver<Model> uart("link_uart_single", rng, timing);
  uart.set_rx_ready_busy(0);
  uart.run(5);
  const auto tx_cycles = uart.transmit_byte(0x5a);
  BOOST_TEST(tx_cycles == timing.tx_bit_edge(10),
             config_name<Model>() << ": tx byte took " << tx_cycles << " edges");
  uart.run(10);
  const auto [byte, rx_cycles] = uart.receive_byte(0xa5);
  BOOST_TEST(byte == 0xa5);
  BOOST_TEST(rx_cycles == timing.rx_latency(), config_name<Model>()
                                                   << ": rx byte took " << rx_cycles
                                                   << " edges, expected " << timing.rx_latency());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(loopback_tx_to_rx, Model, LinkUartModels) {
  using Config = LinkUartConfig<Model>;
  const auto timing = timing_of<Model>();
  const std::string name = config_name<Model>() + " loopback";
  std::mt19937_64 rng(test_seed(name, 0x7524));
  LinkUartDriver<Model> uart(std::string("link_uart_loopback_") + Config::kTag, rng, timing);
  uart.set_loopback(true);
  uart.set_tx_valid_busy(30);
  uart.set_rx_ready_busy(30);
  const Bytes bytes = random_bytes(rng, Config::kRandomBytes);
  uart.run(5);
  uart.queue_tx(bytes);
  uart.run_until_quiet();
  // uart_tx after the taking edge a is sampled by edge a + 1.
  std::vector<UartByteAt> expected;
  for (const auto& accept : uart.tx_accepts())
    expected.push_back({accept.edge + 1 + timing.rx_latency(), accept.byte});
  const auto difference = first_difference(expected, uart.rx_shown());
  BOOST_TEST(!difference, name << ": m_axis " << difference.value_or(""));
  BOOST_TEST(uart.rx_taken() == bytes, name << ": bytes received differ from bytes sent");
  BOOST_TEST(uart.framing_error_edges().empty(), name << ": framing error");
  BOOST_TEST(uart.overrun_edges().empty(), name << ": overrun");
}

BOOST_AUTO_TEST_SUITE_END()
