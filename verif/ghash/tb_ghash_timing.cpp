// Exact cycle counts back to back, and the strobe rules: tready low while
// h_load/init are high or a block is in progress, strobes ignored while busy,
// y_out held while idle.
#include <boost/test/unit_test.hpp>
#include <random>

#include "ghash_configs.hpp"
#include "ghash_reference.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;

BOOST_AUTO_TEST_CASE_TEMPLATE(back_to_back_cycle_counts, Config, GhashConfigs) {
  using Driver = typename Config::Driver;
  Driver core(Config::waveform("back_to_back"));
  std::mt19937_64 rng(test_seed("ghash_core back_to_back_cycle_counts", 11));
  const Bytes h = random_bytes(rng, 16);
  std::vector<Bytes> blocks(64);
  for (Bytes& block : blocks) block = random_bytes(rng, 16);
  core.load_h(h);
  core.init();
  const auto records = core.process(blocks);
  BOOST_TEST(core.y() == ghash(h, blocks), Config::name() << " back to back: expected "
                                                          << to_hex(ghash(h, blocks)) << " got "
                                                          << to_hex(core.y()));
  const std::uint64_t total = records.back().done_edge - records.front().accept_edge + 1;
  BOOST_TEST(total == blocks.size() * Driver::kCyclesPerBlock,
             Config::name() << ": 64 blocks back to back: expected "
                            << blocks.size() * Driver::kCyclesPerBlock << " cycles, got " << total);
  for (std::size_t i = 1; i < records.size(); ++i)
    BOOST_TEST(records[i].accept_edge - records[i - 1].accept_edge == Driver::kCyclesPerBlock,
               Config::name() << " block " << i << ": expected " << Driver::kCyclesPerBlock
                              << " cycles after the previous, got "
                              << records[i].accept_edge - records[i - 1].accept_edge);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(strobe_and_ready_rules, Config, GhashConfigs) {
  using Driver = typename Config::Driver;
  Driver core(Config::waveform("strobe_rules"));
  auto& m = core.model();
  auto& sim = core.sim();
  std::mt19937_64 rng(test_seed("ghash_core strobe_and_ready_rules", 17));
  const std::string name = Config::name();
  for (int round = 0; round < 20; ++round) {
    const Bytes h = random_bytes(rng, 16), other_h = random_bytes(rng, 16);
    const Bytes x1 = random_bytes(rng, 16), x2 = random_bytes(rng, 16);
    core.load_h(h);
    core.init();

    // tready is low while h_load or init is high, so no block is taken then.
    store_be(m.s_axis_tdata, x1.data(), 16);
    m.s_axis_tvalid = 1;
    for (int which = 0; which < 2; ++which) {
      (which ? m.init : m.h_load) = 1;
      store_be(m.h_in, h.data(), 16);
      sim.settle();
      BOOST_TEST(!m.s_axis_tready, name << ": s_axis_tready high while "
                                        << (which ? "init" : "h_load") << " is high");
      sim.tick();
      (which ? m.init : m.h_load) = 0;
    }
    // Take x1, then strobe h_load (another H) and init while it runs: both
    // must be ignored, and tready low until idle.
    sim.settle();
    BOOST_TEST(m.s_axis_tready);
    sim.tick();
    m.s_axis_tvalid = 0;
    store_be(m.h_in, other_h.data(), 16);
    std::uint64_t busy_edges = 1;
    for (sim.settle(); !m.idle; sim.settle()) {
      BOOST_TEST(!m.s_axis_tready, name << ": s_axis_tready high while busy");
      m.h_load = 1;
      m.init = 1;
      sim.tick();
      m.h_load = 0;
      m.init = 0;
      ++busy_edges;
    }
    BOOST_TEST(busy_edges == Driver::kCyclesPerBlock,
               name << ": expected " << Driver::kCyclesPerBlock << " cycles, got " << busy_edges);
    // y_out holds while idle.
    const Bytes y1 = core.y();
    core.wait(rng() % 5);
    BOOST_TEST(core.y() == y1, name << ": y_out changed while idle");
    // Second block: still under h, still chained from x1.
    core.process({x2});
    const Bytes expected = ghash(h, {x1, x2});
    BOOST_TEST(core.y() == expected, name << " round " << round << ": strobes while busy were not "
                                          << "ignored: expected " << to_hex(expected) << " got "
                                          << to_hex(core.y()));
    // init while idle clears Y.
    core.init();
    BOOST_TEST(core.y() == Bytes(16, 0), name << ": init did not clear y_out");
  }
}
