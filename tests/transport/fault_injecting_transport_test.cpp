#define BOOST_TEST_MODULE fault_injecting_transport
#include "transport/fault_injecting_transport.hpp"

#include <boost/test/unit_test.hpp>
#include <deque>
#include <memory>

using namespace ipsec_fpga::driver;

namespace {

// Hands back what was sent, in chunks of at most 100 bytes.
class LoopbackTransport : public Transport {
 public:
  void send(std::span<const std::uint8_t> bytes) override {
    queue_.insert(queue_.end(), bytes.begin(), bytes.end());
  }
  std::vector<std::uint8_t> receive(std::chrono::milliseconds) override {
    const std::size_t n = std::min<std::size_t>(queue_.size(), 100);
    std::vector<std::uint8_t> out(queue_.begin(), queue_.begin() + static_cast<long>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
    return out;
  }
  std::string description() const override { return "loopback"; }

 private:
  std::deque<std::uint8_t> queue_;
};

std::vector<std::uint8_t> pattern(std::size_t size) {
  std::vector<std::uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(i * 7 + 1);
  return bytes;
}

std::vector<std::uint8_t> round_trip(FaultInjectingTransport& transport,
                                     const std::vector<std::uint8_t>& bytes) {
  transport.send(bytes);
  std::vector<std::uint8_t> out;
  for (auto chunk = transport.receive({}); !chunk.empty(); chunk = transport.receive({}))
    out.insert(out.end(), chunk.begin(), chunk.end());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(no_faults_at_rate_zero) {
  FaultInjectingTransport transport(std::make_unique<LoopbackTransport>(), {}, 1);
  const auto bytes = pattern(10000);
  BOOST_TEST(round_trip(transport, bytes) == bytes);
  BOOST_TEST(transport.faults().total() == 0u);
}

BOOST_AUTO_TEST_CASE(faults_at_a_steady_rate_in_both_directions_of_every_kind) {
  FaultInjectingTransport transport(std::make_unique<LoopbackTransport>(), {100, 200}, 7);
  const auto bytes = pattern(100000);
  BOOST_TEST(round_trip(transport, bytes) != bytes);
  const FaultCounts& counts = transport.faults();
  std::uint64_t to_board = 0, to_host = 0;
  for (unsigned kind = 0; kind < link_fault_kinds; ++kind) {
    BOOST_TEST(counts.host_to_board[kind] > 100u, "kind " << kind);
    BOOST_TEST(counts.board_to_host[kind] > 50u, "kind " << kind);
    to_board += counts.host_to_board[kind];
    to_host += counts.board_to_host[kind];
  }
  // About 1,000 and 500 faults expected; a reordered pair skips one draw.
  BOOST_TEST(to_board > 850u);
  BOOST_TEST(to_board < 1150u);
  BOOST_TEST(to_host > 400u);
  BOOST_TEST(to_host < 600u);
}

BOOST_AUTO_TEST_CASE(the_same_seed_damages_the_same_way) {
  FaultInjectingTransport first(std::make_unique<LoopbackTransport>(), {50, 50}, 42);
  FaultInjectingTransport second(std::make_unique<LoopbackTransport>(), {50, 50}, 42);
  const auto bytes = pattern(20000);
  BOOST_TEST(round_trip(first, bytes) == round_trip(second, bytes));
}
