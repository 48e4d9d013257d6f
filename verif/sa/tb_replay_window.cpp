// replay_window against the ESP reference model's ReplayWindow (RFC 4303
// 3.4.3 and appendix A2.1): random sequence numbers per window size, with and
// without ESN, including jumps beyond the window and runs across 2^32; the
// whole window compared after every command; exact cycle counts.
#define BOOST_TEST_MODULE replay_window
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <optional>
#include <random>
#include <string>

#include "Vreplay_window_1024.h"
#include "Vreplay_window_128.h"
#include "Vreplay_window_64.h"
#include "handshake_jitter.hpp"
#include "replay_window.hpp"
#include "replay_window_driver.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;
using ipsec_fpga::verif::esp::ReplayWindow;

namespace {

std::string hex64(std::uint64_t value) {
  char text[20];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

const char* status_name(ReplayStatus status) {
  switch (status) {
    case ReplayStatus::ok:
      return "ok";
    case ReplayStatus::replay:
      return "replay";
    default:
      return "too_old";
  }
}

// A next sequence number for a receiver whose highest is `highest`: in order,
// inside the window, just left of it, jumps of every size, 0, repeats.
std::uint64_t next_candidate(std::mt19937_64& rng, std::uint64_t highest, unsigned window,
                             std::uint64_t last, bool esn) {
  const auto below = [&](std::uint64_t amount) { return highest > amount ? highest - amount : 0; };
  const unsigned roll = static_cast<unsigned>(rng() % 100);
  std::uint64_t x;
  if (roll < 30)
    x = highest + 1 + rng() % 4;
  else if (roll < 50)
    x = below(rng() % window);
  else if (roll < 58)
    x = below(window - 2 + rng() % 5);  // both sides of the left edge
  else if (roll < 66)
    x = highest + window + rng() % (3 * window);
  else if (roll < 74) {
    const std::uint64_t steps[] = {31,          32,         33,     window - 33, window - 32,
                                   window - 31, window - 1, window, window + 1};
    x = highest + steps[rng() % 9];
  } else if (roll < 78)
    x = highest + (rng() % (std::uint64_t{1} << 31));  // far ahead, still inferable
  else if (roll < 80)
    x = 0;
  else if (roll < 88)
    x = (highest & ~std::uint64_t{0xffffffff}) | (rng() & 0xffffffff);  // any low half
  else
    x = last;
  if (!esn) x &= 0xffffffff;
  return x;
}

// One run: `count` candidates from `start`, each checked; the ok ones are
// updated (about 1 in 5 is taken as a failed ICV and skipped) and some are
// updated twice (the second must be refused as a replay).
template <class Model>
void run(unsigned window, bool esn, std::uint64_t start, unsigned count, std::uint64_t seed,
         bool memory_stalls, const std::string& name) {
  std::mt19937_64 rng(seed);
  ReplayWindowDriver<Model> rtl(name, window);
  HandshakeJitter jitter(rng, 30);
  if (memory_stalls) rtl.set_memory_jitter(&jitter);
  ReplayWindow model(window, start);
  rtl.install(start, static_cast<std::uint32_t>(rng()));
  std::uint64_t last = start;
  unsigned accepted = 0, replays = 0, too_old = 0;

  for (unsigned i = 0; i < count; ++i) {
    const std::uint64_t candidate = next_candidate(rng, model.highest(), window, last, esn);
    const auto low = static_cast<std::uint32_t>(candidate);
    const std::string what = name + " #" + std::to_string(i) + " low " + hex64(low) + " highest " +
                             hex64(model.highest());
    const std::optional<std::uint64_t> expected = model.check(low, esn);
    const ReplayResult checked = rtl.check(low, esn);
    BOOST_REQUIRE_MESSAGE(
        checked.cycles == ReplayWindowDriver<Model>::kCheckCycles + checked.refusals,
        what << ": check took " << checked.cycles << " cycles");
    BOOST_REQUIRE_MESSAGE(checked.writes == 0u, what << ": check wrote");
    BOOST_REQUIRE_MESSAGE(
        (checked.status == ReplayStatus::ok) == expected.has_value(),
        what << ": expected " << (expected ? "ok " + hex64(*expected) : std::string("refused"))
             << " got " << status_name(checked.status) << " " << hex64(checked.sequence));
    if (expected) {
      BOOST_REQUIRE_MESSAGE(checked.sequence == *expected, what << ": expected sequence "
                                                                << hex64(*expected) << " got "
                                                                << hex64(checked.sequence));
    } else if (checked.status == ReplayStatus::replay) {
      // A replay is a number inside the window that was received.
      ++replays;
      const std::uint64_t s = checked.sequence;
      BOOST_REQUIRE_MESSAGE(s != 0 && s <= model.highest() && model.highest() - s < window &&
                                static_cast<std::uint32_t>(s) == low,
                            what << ": replay of " << hex64(s) << " is not inside the window");
    } else {
      ++too_old;
    }
    if (expected && rng() % 5 != 0) {
      const std::uint64_t highest_before = model.highest();
      const ReplayResult updated = rtl.update(*expected);
      const bool moves = *expected > model.highest();
      model.accept(*expected);
      ++accepted;
      last = *expected;
      BOOST_REQUIRE_MESSAGE(
          updated.status == ReplayStatus::ok,
          what << ": update " << hex64(*expected) << " got " << status_name(updated.status));
      BOOST_REQUIRE_MESSAGE(updated.highest == model.highest(),
                            what << ": highest expected " << hex64(model.highest()) << " got "
                                 << hex64(updated.highest));
      BOOST_REQUIRE_MESSAGE(updated.writes == (moves ? 5u : 2u),
                            what << ": update wrote " << updated.writes << " words");
      BOOST_REQUIRE_MESSAGE(
          updated.cycles == ReplayWindowDriver<Model>::update_cycles(window, highest_before,
                                                                     *expected, updated.writes) +
                                updated.refusals,
          what << ": update took " << updated.cycles << " cycles");
      if (rng() % 10 == 0) {
        const ReplayResult again = rtl.update(*expected);
        BOOST_REQUIRE_MESSAGE(again.status == ReplayStatus::replay && again.writes == 0u &&
                                  again.cycles == ReplayWindowDriver<Model>::update_cycles(
                                                      window, model.highest(), *expected, 0) +
                                                      again.refusals,
                              what << ": second update got " << status_name(again.status));
      }
    }
    // The whole window, bit by bit, against the model.
    BOOST_REQUIRE_MESSAGE(rtl.highest() == model.highest(),
                          what << ": stored highest " << hex64(rtl.highest()));
    const std::uint64_t top = model.highest();
    for (std::uint64_t n = top; n >= 1 && top - n < window; --n) {
      const bool received = !model.check(static_cast<std::uint32_t>(n), esn).has_value();
      if (rtl.marked(n) != received)
        BOOST_FAIL(what << ": window bit of " << hex64(n) << " expected " << received);
    }
  }
  BOOST_TEST_MESSAGE(name << ": " << count << " numbers, " << accepted << " accepted, " << replays
                          << " replays, " << too_old << " too old");
}

template <class Model>
void run_window(unsigned window) {
  const std::string base = "replay_window.w" + std::to_string(window);
  const std::uint64_t seed = test_seed(base, 0x4e7a0000u + window);
  const std::uint64_t near_2_32 = (std::uint64_t{1} << 32) - 3 * window;
  // Without ESN: from a new SA, and up to the end of the 32-bit space.
  run<Model>(window, false, 0, 5000, seed, false, base + ".32bit.new");
  run<Model>(window, false, 0xffffffffu - 6 * window, 5000, seed + 1, true,
             base + ".32bit.near_end");
  // With ESN: from a new SA, across 2^32, across 2^33 (memory stalls on).
  run<Model>(window, true, 0, 4000, seed + 2, false, base + ".esn.new");
  run<Model>(window, true, near_2_32, 4000, seed + 3, false, base + ".esn.across_2_32");
  run<Model>(window, true, (std::uint64_t{2} << 32) - window / 2, 4000, seed + 4, true,
             base + ".esn.across_2_33");
}

}  // namespace

BOOST_AUTO_TEST_CASE(window_64) { run_window<Vreplay_window_64>(64); }
BOOST_AUTO_TEST_CASE(window_128) { run_window<Vreplay_window_128>(128); }
BOOST_AUTO_TEST_CASE(window_1024) { run_window<Vreplay_window_1024>(1024); }

// Edges of the ESN inference (RFC 4303 A2.1 cases A and B) and of the
// window, with their exact statuses.
BOOST_AUTO_TEST_CASE(esn_edges) {
  ReplayWindowDriver<Vreplay_window_64> rtl("replay_window_esn_edges", 64);
  // Case B at the very start: a low half just below 2^32 would belong to a
  // block before the first one.
  rtl.install(0, 0);
  auto r = rtl.check(0xfffffff0u, true);
  BOOST_TEST(static_cast<unsigned>(r.status) == static_cast<unsigned>(ReplayStatus::too_old));
  r = rtl.check(0, true);
  BOOST_TEST(static_cast<unsigned>(r.status) == static_cast<unsigned>(ReplayStatus::too_old));
  // Case B: H = 2^32 + 10, low 0xfffffff0 is 2^32 - 16, inside the window.
  rtl.install((std::uint64_t{1} << 32) + 10, 0);
  r = rtl.check(0xfffffff0u, true);
  BOOST_TEST(static_cast<unsigned>(r.status) == static_cast<unsigned>(ReplayStatus::replay));
  BOOST_TEST(r.sequence == 0xfffffff0u);
  // Case A: H = 2^32 + 100; low 5 is left of the window, so it is taken to
  // be in the next block (its ICV would then fail).
  rtl.install((std::uint64_t{1} << 32) + 100, 0);
  r = rtl.check(5, true);
  BOOST_TEST(static_cast<unsigned>(r.status) == static_cast<unsigned>(ReplayStatus::ok));
  BOOST_TEST(r.sequence == (std::uint64_t{2} << 32) + 5);
  // The last block: no block after 2^32 - 1.
  rtl.install(0xffffffff00000100u, 0);
  r = rtl.check(5, true);
  BOOST_TEST(static_cast<unsigned>(r.status) == static_cast<unsigned>(ReplayStatus::too_old));
}
