// The checks both SHA cores share (same ports, same timing rules), written
// once over a reference traits struct (sha_reference.hpp) and a driver
// (sha_core_driver.hpp). Each BOOST_TEST names the core, the vector and the
// expected/actual hex.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "bytes.hpp"
#include "handshake_jitter.hpp"
#include "sha_core_hash.hpp"
#include "sha_message.hpp"
#include "sha_reference.hpp"
#include "test_seed.hpp"

namespace ipsec_fpga::verif::sha {

template <class Ref, class Driver>
void check_digest(Driver& core, const std::string& vector_name, const Bytes& message,
                  const std::string& expected_hex) {
  const std::string actual = to_hex(hash_with_core(core, message));
  BOOST_TEST(actual == expected_hex, Ref::kCoreName << " digest " << vector_name << ": expected "
                                                    << expected_hex << " got " << actual);
}

// HMAC through the state-load path: states computed by the core, read out,
// other work done in between, then loaded back as the ESP engine will.
template <class Ref, class Driver>
void check_hmac(Driver& core, const std::string& vector_name, const Bytes& key,
                const Bytes& message, const std::string& expected_hex) {
  const HmacStates<Driver> states = hmac_precompute(core, key);
  hash_with_core(core, Bytes{'x', 'y', 'z'});  // unrelated work between SA setup and packet
  const Bytes mac = hmac_with_states(core, states, message);
  const std::string actual = to_hex(mac).substr(0, expected_hex.size());
  BOOST_TEST(actual == expected_hex, Ref::kCoreName << " HMAC " << vector_name << ": expected "
                                                    << expected_hex << " got " << actual);
}

template <class Ref>
typename Ref::State random_state(std::mt19937_64& rng) {
  typename Ref::State state{};
  for (auto& word : state) word = static_cast<std::uint32_t>(rng());
  return state;
}

inline Block random_block(std::mt19937_64& rng) {
  Block block{};
  for (auto& word : block) word = static_cast<std::uint32_t>(rng());
  return block;
}

// Random chaining state loaded with state_load (or the IV with init), one
// block with random gaps on tvalid, compared with OpenSSL's transform.
template <class Ref, class Driver>
void check_random_blocks(Driver& core, unsigned count, std::uint64_t default_seed) {
  std::mt19937_64 rng(test_seed(std::string(Ref::kCoreName) + " random blocks", default_seed));
  HandshakeJitter jitter(rng, 30);
  unsigned failures = 0;
  for (unsigned index = 0; index < count && failures < 10; ++index) {
    typename Ref::State state = random_state<Ref>(rng);
    const bool use_init = rng() % 10 == 0;
    const unsigned load_cycles = use_init ? core.init() : core.load_state(state);
    if (use_init) state = Ref::kIv;
    core.idle_cycles(static_cast<unsigned>(rng() % 3));
    const Block block = random_block(rng);
    const auto timing = core.process_block(block, &jitter);
    const auto expected = Ref::transform(state, block);
    const auto actual = core.state();
    const bool ok = actual == expected && load_cycles == Ref::kLoadCycles &&
                    timing.cycles == Ref::kBlockCycles + timing.stalls;
    if (!ok) ++failures;
    BOOST_TEST(actual == expected,
               Ref::kCoreName << " random block " << index << " (state " << state_hex(state)
                              << ", block " << to_hex(bytes_from_block(block)) << "): expected "
                              << state_hex(expected) << " got " << state_hex(actual));
    BOOST_TEST(load_cycles == Ref::kLoadCycles,
               Ref::kCoreName << " random block " << index << ": state load took " << load_cycles
                              << " cycles, expected " << Ref::kLoadCycles);
    BOOST_TEST(timing.cycles == Ref::kBlockCycles + timing.stalls,
               Ref::kCoreName << " random block " << index << ": " << timing.cycles
                              << " cycles with " << timing.stalls << " stalls, expected "
                              << Ref::kBlockCycles + timing.stalls);
  }
}

// Long random messages from the IV with random gaps, compared with EVP.
template <class Ref, class Driver>
void check_random_messages(Driver& core, unsigned count, std::size_t max_bytes,
                           std::uint64_t default_seed) {
  std::mt19937_64 rng(test_seed(std::string(Ref::kCoreName) + " random messages", default_seed));
  HandshakeJitter jitter(rng, 30);
  for (unsigned index = 0; index < count; ++index) {
    const Bytes message = random_bytes(rng, rng() % (max_bytes + 1));
    const std::string expected = to_hex(evp_digest(Ref::md(), message));
    const std::string actual = to_hex(hash_with_core(core, message, &jitter));
    BOOST_TEST(actual == expected, Ref::kCoreName << " random message " << index << " ("
                                                  << message.size() << " bytes): expected "
                                                  << expected << " got " << actual);
    if (actual != expected) break;
  }
}

// Exact timing with the stream always valid: init and load take kLoadCycles,
// every block exactly kBlockCycles back to back (no gap between blocks), and
// the state can be read in the very cycle block_done is high.
template <class Ref, class Driver>
void check_cycle_counts(Driver& core) {
  std::mt19937_64 rng(1);
  BOOST_TEST(core.init() == Ref::kLoadCycles, Ref::kCoreName << " init cycles");
  BOOST_TEST(core.state() == Ref::kIv, Ref::kCoreName << " IV after init: expected "
                                                      << state_hex(Ref::kIv) << " got "
                                                      << state_hex(core.state()));
  const auto loaded = random_state<Ref>(rng);
  BOOST_TEST(core.load_state(loaded) == Ref::kLoadCycles, Ref::kCoreName << " load cycles");
  BOOST_TEST(core.state() == loaded, Ref::kCoreName << " readout after load: expected "
                                                    << state_hex(loaded) << " got "
                                                    << state_hex(core.state()));
  auto expected = loaded;
  const std::uint64_t start = core.cycle();
  constexpr unsigned kBlocks = 8;
  for (unsigned i = 0; i < kBlocks; ++i) {
    const Block block = random_block(rng);
    const auto timing = core.process_block(block);
    expected = Ref::transform(expected, block);
    BOOST_TEST(timing.cycles == Ref::kBlockCycles,
               Ref::kCoreName << " block " << i << ": " << timing.cycles << " cycles, expected "
                              << Ref::kBlockCycles);
    BOOST_TEST(core.model().block_done == 1, Ref::kCoreName << " block_done with the state");
    BOOST_TEST(core.state() == expected, Ref::kCoreName << " back-to-back block " << i
                                                        << ": expected " << state_hex(expected)
                                                        << " got " << state_hex(core.state()));
  }
  BOOST_TEST(core.cycle() - start == kBlocks * Ref::kBlockCycles,
             Ref::kCoreName << " " << kBlocks << " back-to-back blocks took "
                            << core.cycle() - start << " cycles");
}

// Strobes at the wrong time: a load while a block is in progress is ignored;
// a load in the same cycle as a valid word wins (tready low, word kept);
// init wins over state_load; block_done never follows a load; reset in the
// middle of a block returns the core to idle.
template <class Ref, class Driver>
void check_strobe_rules(Driver& core) {
  std::mt19937_64 rng(2);
  auto& model = core.model();
  auto& sim = core.sim();

  // Load strobes during a block (a stalled one, too) must not disturb it.
  const auto start = random_state<Ref>(rng);
  core.load_state(start);
  const Block block = random_block(rng);
  std::size_t next = 0;
  unsigned cycles = 0;
  const std::uint64_t done_before = core.blocks_done();
  while (next < block.size() || !core.idle()) {
    const bool offer = next < block.size() && cycles % 5 != 3;  // stall now and then
    model.s_axis_tvalid = offer;
    model.s_axis_tdata = offer ? block[next] : 0;
    model.state_load = cycles > 0;  // every cycle after the first: always "busy"
    model.init = cycles % 7 == 1;
    for (std::size_t i = 0; i < Ref::kStateWords; ++i)
      model.state_in[i] = 0xdeadbeefu + static_cast<std::uint32_t>(i);
    sim.settle();
    const bool accepted = offer && model.s_axis_tready;
    core.tick();
    if (accepted) ++next;
    ++cycles;
    BOOST_REQUIRE(cycles < 1000);
  }
  model.state_load = 0;
  model.init = 0;
  model.s_axis_tvalid = 0;
  const auto expected = Ref::transform(start, block);
  BOOST_TEST(core.state() == expected, Ref::kCoreName << " block with load strobes while busy: "
                                                      << "expected " << state_hex(expected)
                                                      << " got " << state_hex(core.state()));
  BOOST_TEST(core.blocks_done() == done_before + 1, Ref::kCoreName << " block_done count");

  // Idle, a valid word and state_load together: the load wins, the word waits.
  const auto other = random_state<Ref>(rng);
  for (std::size_t i = 0; i < Ref::kStateWords; ++i)
    model.state_in[Ref::kStateWords - 1 - i] = other[i];
  model.state_load = 1;
  model.s_axis_tvalid = 1;
  model.s_axis_tdata = 0x01234567;
  sim.settle();
  BOOST_TEST(model.s_axis_tready == 0, Ref::kCoreName << " tready low while a load is taken");
  core.tick();
  model.state_load = 0;
  model.s_axis_tvalid = 0;
  sim.settle();
  BOOST_TEST(model.s_axis_tready == 0, Ref::kCoreName << " tready low while copying H");
  const std::uint64_t done_after_block = core.blocks_done();
  for (unsigned i = 1; i < Ref::kLoadCycles; ++i) core.tick();  // the copy into the working vars
  BOOST_TEST(core.state() == other, Ref::kCoreName << " load beside a valid word: expected "
                                                   << state_hex(other) << " got "
                                                   << state_hex(core.state()));
  BOOST_TEST(core.blocks_done() == done_after_block,
             Ref::kCoreName << " block_done must not pulse after a load");

  // init and state_load together: init wins.
  model.init = 1;
  model.state_load = 1;
  core.tick();
  model.init = 0;
  model.state_load = 0;
  for (unsigned i = 1; i < Ref::kLoadCycles; ++i) core.tick();
  BOOST_TEST(core.state() == Ref::kIv, Ref::kCoreName << " init beside state_load: expected "
                                                      << state_hex(Ref::kIv) << " got "
                                                      << state_hex(core.state()));

  // Reset in the middle of a block, then a clean block from the IV.
  model.s_axis_tvalid = 1;
  model.s_axis_tdata = 0xffffffff;
  for (int i = 0; i < 20; ++i) core.tick();
  model.s_axis_tvalid = 0;
  BOOST_TEST(!core.idle(), Ref::kCoreName << " busy before reset");
  sim.reset();
  sim.settle();
  BOOST_TEST(core.idle(), Ref::kCoreName << " idle after reset");
  core.init();
  const Block after_reset = random_block(rng);
  core.process_block(after_reset);
  const auto expected_after_reset = Ref::transform(Ref::kIv, after_reset);
  BOOST_TEST(core.state() == expected_after_reset,
             Ref::kCoreName << " block after a reset mid-block: expected "
                            << state_hex(expected_after_reset) << " got "
                            << state_hex(core.state()));
}

}  // namespace ipsec_fpga::verif::sha
