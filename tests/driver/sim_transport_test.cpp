// SimTransport over a small loopback model: one byte per cycle in, frames
// out, the cycle budget a timeout buys, board time.
#define BOOST_TEST_MODULE driver_sim_transport
#include "sim/sim_transport.hpp"

#include <boost/test/unit_test.hpp>
#include <deque>

using namespace ipsec_fpga::driver;

namespace {
// Echoes each byte `delay` cycles later; takes input every other cycle.
class Loopback : public sim::ByteModel {
 public:
  explicit Loopback(unsigned delay) : delay_(delay) {}
  Cycle cycle(std::optional<std::uint8_t> in) override {
    Cycle c;
    ++now_;
    if (in && now_ % 2 == 0) {
      c.taken = true;
      pipe_.push_back({now_ + delay_, *in});
    }
    if (!pipe_.empty() && pipe_.front().first <= now_) {
      c.out = pipe_.front().second;
      pipe_.pop_front();
    }
    return c;
  }
  std::uint32_t clock_hz() const override { return 1000; }  // 1 cycle = 1 ms
  std::string name() const override { return "loopback"; }

 private:
  unsigned delay_;
  std::uint64_t now_ = 0;
  std::deque<std::pair<std::uint64_t, std::uint8_t>> pipe_;
};
}  // namespace

BOOST_AUTO_TEST_CASE(receive_returns_at_a_delimiter) {
  sim::SimTransport t(std::make_unique<Loopback>(3));
  const std::uint8_t bytes[] = {1, 2, 0, 4, 0};
  t.send(bytes);
  BOOST_TEST(t.receive(std::chrono::milliseconds(100)) == std::vector<std::uint8_t>({1, 2, 0}));
  BOOST_TEST(t.receive(std::chrono::milliseconds(100)) == std::vector<std::uint8_t>({4, 0}));
  BOOST_TEST(t.bytes_in() == 5u);
  BOOST_TEST(t.bytes_out() == 5u);
  BOOST_TEST(t.description() == "sim: loopback");
}

BOOST_AUTO_TEST_CASE(timeout_buys_cycles_at_the_model_clock) {
  sim::SimTransport t(std::make_unique<Loopback>(3));
  BOOST_TEST(t.receive(std::chrono::milliseconds(25)).empty());
  BOOST_TEST(t.cycles() == 25u);
  BOOST_TEST(t.elapsed() == std::chrono::milliseconds(25));
  BOOST_TEST(t.receive(std::chrono::milliseconds(0)).empty());
  BOOST_TEST(t.cycles() == 26u);  // at least one cycle
  const std::uint8_t bytes[] = {7, 8};
  t.send(bytes);
  BOOST_TEST(t.receive(std::chrono::milliseconds(3)).empty());  // not out yet: no delimiter, budget
  BOOST_TEST(t.run_cycles(10) == std::vector<std::uint8_t>({7, 8}));
}
