// The anti-replay window (RFC 4303 section 3.4.3) against a plain set of
// received numbers, for window sizes 64..1024, and the ESN high-bit
// inference of RFC 4303 appendix A2.1 in both of its cases.
#define BOOST_TEST_MODULE esp_reference_replay_window
#include "replay_window.hpp"

#include <boost/test/unit_test.hpp>
#include <random>
#include <set>

#include "test_seed.hpp"

namespace ipsec_fpga::verif::esp {
namespace {

// The obvious implementation the window must agree with.
class ReceivedSet {
 public:
  explicit ReceivedSet(unsigned size) : size_(size) {}
  bool acceptable(std::uint64_t sequence) const {
    if (sequence == 0) return false;
    if (sequence > highest_) return true;
    return highest_ - sequence < size_ && received_.count(sequence) == 0;
  }
  void accept(std::uint64_t sequence) {
    received_.insert(sequence);
    highest_ = std::max(highest_, sequence);
  }

 private:
  unsigned size_;
  std::uint64_t highest_ = 0;
  std::set<std::uint64_t> received_;
};

BOOST_AUTO_TEST_CASE(agrees_with_a_set_of_received_numbers) {
  const std::uint64_t seed = test_seed("esp_reference.replay_window", 0x5eb1a7);
  std::mt19937_64 rng(seed);
  for (const unsigned size : {64u, 65u, 100u, 128u, 1000u, 1024u}) {
    BOOST_TEST_CONTEXT("window " << size << " seed " << seed) {
      ReplayWindow window(size, 0);
      ReceivedSet oracle(size);
      std::uint64_t front = 1;
      for (int i = 0; i < 20000; ++i) {
        // Mostly new numbers, some from inside or left of the window, some repeats.
        const std::uint64_t jump = rng() % 8 == 0 ? rng() % (2 * size) : rng() % 3;
        front += jump;
        const std::uint64_t back = rng() % (size + size / 2 + 2);
        const std::uint64_t sequence = rng() % 2 == 0 || back >= front ? front : front - back;
        const auto checked = window.check(static_cast<std::uint32_t>(sequence), false);
        BOOST_TEST_REQUIRE(checked.has_value() == oracle.acceptable(sequence));
        if (checked) {
          BOOST_TEST_REQUIRE(*checked == sequence);
          // Only authentic packets move the window; about one in four is not.
          if (rng() % 4 != 0) {
            window.accept(sequence);
            oracle.accept(sequence);
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(zero_is_never_acceptable) {
  const ReplayWindow window(64, 0);
  BOOST_TEST(!window.check(0, false).has_value());
  BOOST_TEST(!window.check(0, true).has_value());
  BOOST_TEST(*window.check(1, false) == 1u);
}

BOOST_AUTO_TEST_CASE(edges_of_the_window) {
  ReplayWindow window(64, 0);
  window.accept(100);
  BOOST_TEST(window.check(37, false).has_value());   // 100 - 63: the left edge
  BOOST_TEST(!window.check(36, false).has_value());  // just left of it
  BOOST_TEST(!window.check(100, false).has_value());
  BOOST_TEST(window.check(101, false).has_value());
  window.accept(1000);  // a jump past the whole window forgets it
  BOOST_TEST(window.check(999, false).has_value());
  BOOST_TEST(!window.check(936, false).has_value());
}

BOOST_AUTO_TEST_CASE(a_restored_window_accepts_nothing_it_may_have_seen) {
  const ReplayWindow window(64, 500);
  BOOST_TEST(!window.check(500, false).has_value());
  BOOST_TEST(!window.check(470, false).has_value());
  BOOST_TEST(window.check(501, false).has_value());
}

BOOST_AUTO_TEST_CASE(esn_case_a_window_within_one_block) {
  ReplayWindow window(64, 0);
  window.accept(0x300000100u);                                   // Tl = 0x100 >= W - 1
  BOOST_TEST(*window.check(0x000000c1u, true) == 0x3000000c1u);  // inside: same block
  BOOST_TEST(!window.check(0x00000100u, true).has_value());      // the top itself
  BOOST_TEST(*window.check(0x00000101u, true) == 0x300000101u);  // right of it
  BOOST_TEST(*window.check(0x000000c0u, true) == 0x4000000c0u);  // below: the next block
}

BOOST_AUTO_TEST_CASE(esn_case_b_window_straddles_a_block_boundary) {
  ReplayWindow window(64, 0);
  window.accept(0x300000005u);                                   // Tl = 5 < W - 1
  BOOST_TEST(*window.check(0xfffffff0u, true) == 0x2fffffff0u);  // inside, previous block
  BOOST_TEST(*window.check(0x00000003u, true) == 0x300000003u);  // inside, this block
  BOOST_TEST(*window.check(0x00000006u, true) == 0x300000006u);  // right of the top
  BOOST_TEST(*window.check(0x80000000u, true) == 0x380000000u);  // far right
  BOOST_TEST(*window.check(0xffffffc6u, true) == 0x2ffffffc6u);  // the left edge
  BOOST_TEST(*window.check(0xffffffc5u, true) == 0x3ffffffc5u);  // left of it: next block
  window.accept(0x2fffffff0u);
  BOOST_TEST(!window.check(0xfffffff0u, true).has_value());
}

BOOST_AUTO_TEST_CASE(esn_before_the_first_block) {
  ReplayWindow window(64, 0);
  window.accept(3);
  // High bits would be -1: nothing was ever sent there.
  BOOST_TEST(!window.check(0xfffffff0u, true).has_value());
  BOOST_TEST(*window.check(2, true) == 2u);
}

BOOST_AUTO_TEST_CASE(esn_window_of_1024) {
  ReplayWindow window(1024, 0);
  window.accept(0x100000100u);                                   // Tl = 256 < W - 1 = 1023: case B
  BOOST_TEST(*window.check(0xfffffd01u, true) == 0xfffffd01u);   // 0x100000100 - 1023
  BOOST_TEST(*window.check(0xfffffd00u, true) == 0x1fffffd00u);  // taken as the next block
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp
