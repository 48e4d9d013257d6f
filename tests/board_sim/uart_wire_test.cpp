// UartWire, the FT2232H's end of the UART bit by bit, against a C++ board
// whose TX is its RX delayed (a loopback cable with a few flip-flops): bit
// cells of exactly clock_hz / baud clocks, back-to-back frames, runs at a
// non-integer ratio, the decoder, faults on the wire, and the sim: board
// options. Pure C++ (label unit).
#define BOOST_TEST_MODULE unit_uart_wire
#include "sim/uart_wire.hpp"

#include <boost/test/unit_test.hpp>
#include <deque>
#include <random>

#include "sim/open_sim_transport.hpp"
#include "sim/sim_options.hpp"
#include "sim/sim_transport.hpp"

using namespace ipsec_fpga::driver;
using namespace ipsec_fpga::driver::sim;

namespace {

class LoopbackPins : public BoardPins {
 public:
  LoopbackPins(std::uint32_t clock_hz, std::uint32_t baud, unsigned delay)
      : clock_hz_(clock_hz), baud_(baud), line_(delay, true) {}
  bool cycle(bool rx) override {
    rx_history.push_back(rx);
    if (line_.empty()) return rx;
    const bool tx = line_.front();
    line_.pop_front();
    line_.push_back(rx);
    return tx;
  }
  BoardLeds leds() const override { return {}; }
  void set_button(bool) override {}
  std::uint32_t clock_hz() const override { return clock_hz_; }
  std::uint32_t baud() const override { return baud_; }
  std::string name() const override { return "loopback"; }

  std::vector<bool> rx_history;  // RX level of every cycle

 private:
  std::uint32_t clock_hz_, baud_;
  std::deque<bool> line_;
};

struct Rig {
  Rig(std::uint32_t clock_hz, std::uint32_t baud, unsigned delay) {
    auto p = std::make_unique<LoopbackPins>(clock_hz, baud, delay);
    pins = p.get();
    auto w = std::make_unique<UartWire>(std::move(p));
    wire = w.get();
    transport = std::make_unique<SimTransport>(std::move(w));
    wire->record_frames(true);
  }
  LoopbackPins* pins;
  UartWire* wire;
  std::unique_ptr<SimTransport> transport;
};

std::vector<std::uint8_t> random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint8_t> b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

template <typename E, typename F>
void expect_error(F f, const std::string& part) {
  try {
    f();
    BOOST_ERROR("no exception, expected one containing '" << part << "'");
  } catch (const E& e) {
    BOOST_TEST(std::string(e.what()).find(part) != std::string::npos,
               "'" << e.what() << "' does not contain '" << part << "'");
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(back_to_back_bytes_take_exactly_40_clocks_at_4_per_bit) {
  Rig rig(12'000'000, 3'000'000, 7);
  const auto bytes = random_bytes(200, 1);
  rig.transport->send(bytes);
  const auto echoed = rig.transport->run_cycles(200 * 40 + 7 + 40);
  BOOST_TEST(echoed == bytes);
  std::vector<WireFrame> to_board, to_host;
  for (const WireFrame& f : rig.wire->frames()) (f.to_board ? to_board : to_host).push_back(f);
  BOOST_REQUIRE(to_board.size() == 200u);
  BOOST_REQUIRE(to_host.size() == 200u);
  for (std::size_t i = 0; i < 200; ++i) {
    BOOST_TEST(to_board[i].start == 40 * i);
    BOOST_TEST(to_board[i].end == 40 * i + 40);
    BOOST_TEST(to_board[i].byte == bytes[i]);
    BOOST_TEST(to_host[i].start == 40 * i + 7);
    BOOST_TEST(to_host[i].end == 40 * i + 7 + 38);  // the middle of the stop bit
    BOOST_TEST(to_host[i].byte == bytes[i]);
  }
  // Every cell on RX is 4 clocks of one level: start 0, data LSB first, stop 1.
  for (std::size_t i = 0; i < 200; ++i)
    for (unsigned cell = 0; cell < 10; ++cell) {
      const bool want = cell == 0 ? false : cell == 9 ? true : ((bytes[i] >> (cell - 1)) & 1) != 0;
      for (unsigned c = 0; c < 4; ++c)
        BOOST_TEST(rig.pins->rx_history[40 * i + 4 * cell + c] == want,
                   "byte " << i << " cell " << cell << " clock " << c);
    }
  BOOST_TEST(rig.wire->statistics().misaligned_tx_edges == 0u);
  BOOST_TEST(rig.wire->statistics().host_framing_errors == 0u);
  BOOST_TEST(rig.transport->bytes_in() == 200u);
  BOOST_TEST(rig.transport->bytes_out() == 200u);
  BOOST_TEST(rig.wire->rx_idle());
  BOOST_TEST(rig.wire->rx_level());
}

BOOST_AUTO_TEST_CASE(a_byte_after_idle_time_starts_when_it_is_offered) {
  Rig rig(12'000'000, 3'000'000, 0);
  rig.transport->run_cycles(13);
  const std::uint8_t a[] = {0xa5};
  rig.transport->send(a);
  rig.transport->run_cycles(57);  // one frame and 17 idle clocks
  rig.transport->send(a);
  rig.transport->run_cycles(40);
  const auto& f = rig.wire->frames();
  std::vector<std::uint64_t> starts;
  for (const WireFrame& x : f)
    if (x.to_board) starts.push_back(x.start);
  BOOST_TEST(starts == (std::vector<std::uint64_t>{13, 70}));
}

BOOST_AUTO_TEST_CASE(receive_returns_at_a_frame_delimiter_and_counts_board_time) {
  Rig rig(12'000'000, 3'000'000, 3);
  const std::vector<std::uint8_t> frame = {0x11, 0x22, 0x00, 0x33};
  rig.transport->send(frame);
  const auto got = rig.transport->receive(std::chrono::milliseconds(1));
  BOOST_TEST(got == (std::vector<std::uint8_t>{0x11, 0x22, 0x00}));
  // The 0x00 is decoded at its stop bit's middle: 3 + 2 * 40 + 38, then the loop stops.
  BOOST_TEST(rig.transport->cycles() == 3u + 80u + 38u + 1u);
}

BOOST_AUTO_TEST_CASE(non_integer_ratio_is_exact_on_average) {
  // 12 MHz / 115,200 baud = 104.1666 clocks per bit: cell n of a run ends at
  // ceil(n * 625 / 6); ten bytes back to back take ceil(100 * 625 / 6) = 10,417.
  Rig rig(12'000'000, 115'200, 0);
  const auto bytes = random_bytes(10, 2);
  rig.transport->send(bytes);
  const auto echoed = rig.transport->run_cycles(10'417 + 200);
  BOOST_TEST(echoed == bytes);
  std::vector<std::uint64_t> starts;
  for (const WireFrame& x : rig.wire->frames())
    if (x.to_board) starts.push_back(x.start);
  BOOST_REQUIRE(starts.size() == 10u);
  for (std::size_t i = 0; i < 10; ++i) BOOST_TEST(starts[i] == (i * 10 * 625 + 5) / 6);
  BOOST_TEST(rig.wire->frames().back().to_board == false);
  // Cell lengths are 104 or 105 clocks, the boundaries where ceil says.
  const auto& rx = rig.pins->rx_history;
  std::uint64_t edge = 0;
  for (std::uint64_t n = 1; n <= 100; ++n) {
    const std::uint64_t b = rig.wire->cell_boundary(n);
    BOOST_TEST(b == (n * 625 + 5) / 6);
    BOOST_TEST((b - edge == 104 || b - edge == 105), "cell " << n << ": " << b - edge);
    for (std::uint64_t c = edge + 1; c < b; ++c) BOOST_TEST_REQUIRE(rx[c] == rx[edge]);
    edge = b;
  }
  BOOST_TEST(rig.wire->statistics().misaligned_tx_edges == 0u);
}

BOOST_AUTO_TEST_CASE(damage_on_the_wire) {
  Rig rig(12'000'000, 3'000'000, 5);
  // A data bit to the board: the byte arrives with that bit inverted.
  rig.wire->damage_to_board(1, 4);  // second frame, data bit 3
  std::vector<std::uint8_t> bytes = {0x10, 0x20, 0x30};
  rig.transport->send(bytes);
  auto got = rig.transport->run_cycles(3 * 40 + 50);
  BOOST_TEST(got == (std::vector<std::uint8_t>{0x10, 0x28, 0x30}));
  for (const WireFrame& f : rig.wire->frames())
    if (f.to_board) BOOST_TEST(f.damaged == (f.byte == 0x20), "frame of " << int(f.byte));
  // A stop bit to the board: the loopback shows a framing error to the host,
  // the byte is dropped; after idle time the next byte is fine.
  rig.wire->clear_frames();
  rig.wire->damage_to_board(0, 9);
  const std::uint8_t one[] = {0x7e};
  rig.transport->send(one);
  got = rig.transport->run_cycles(100);
  BOOST_TEST(got.empty());
  BOOST_TEST(rig.wire->statistics().host_framing_errors == 1u);
  rig.transport->send(one);
  got = rig.transport->run_cycles(100);
  BOOST_TEST(got == (std::vector<std::uint8_t>{0x7e}));
  // A data bit on the way back.
  rig.wire->damage_to_host(0, 1);  // data bit 0 of the next frame the host decodes
  rig.transport->send(one);
  got = rig.transport->run_cycles(100);
  BOOST_TEST(got == (std::vector<std::uint8_t>{0x7f}));
  BOOST_TEST(rig.wire->statistics().damaged_cells == 3u);
  expect_error<std::invalid_argument>([&] { rig.wire->damage_to_host(0, 0); }, "start bit");
  expect_error<std::invalid_argument>([&] { rig.wire->damage_to_board(0, 10); }, "bit cell 10");
}

BOOST_AUTO_TEST_CASE(sim_board_options) {
  SimOptions o = parse_sim_options("icebreaker");
  BOOST_TEST(o.board.value_or("") == "icebreaker");
  BOOST_TEST(!o.fst_path);
  o = parse_sim_options("icebreaker,fst=/tmp/b.fst");
  BOOST_TEST(o.board.value_or("") == "icebreaker");
  BOOST_TEST(o.fst_path.value_or("") == "/tmp/b.fst");
  o = parse_sim_options("fst=/tmp/b.fst,board=icebreaker");
  BOOST_TEST(o.board.value_or("") == "icebreaker");
  o = parse_sim_options("fst=/tmp/c.fst");
  BOOST_TEST(!o.board);
  expect_error<std::invalid_argument>([] { parse_sim_options("icebraker"); },
                                      "'icebraker' is not key=value nor a board (boards: "
                                      "icebreaker)");
  expect_error<std::invalid_argument>([] { parse_sim_options("board=hx8k"); },
                                      "unknown board 'hx8k'");
  expect_error<std::invalid_argument>([] { parse_sim_options("icebreaker,clock_hz=24000000"); },
                                      "runs at its board's own clock");
  expect_error<std::invalid_argument>([] { parse_sim_options("fst"); }, "not key=value");
  expect_error<std::invalid_argument>([] { parse_sim_options("speed=3"); },
                                      "unknown option 'speed'");
  if (!icebreaker_model_available())
    expect_error<std::runtime_error>([] { open_sim_transport("icebreaker"); },
                                     "no Verilated iCEBreaker");
}
