// tdes_core's exact timing: back-to-back throughput, latency, key set-up, key loads refused
// while busy, and the stall when the output register is still full.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <vector>

#include "openssl_tdes.hpp"
#include "tdes_driver.hpp"
#include "tdes_test_helpers.hpp"

namespace {

using namespace ipsec_fpga::verif;

const Bytes kDesKey = from_hex("133457799BBCDFF1");
const Bytes kTdesKey = from_hex("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123");

// Offers `count` blocks with s_axis_tvalid held high and m_axis_tready high throughout, and
// records the edges where each block was accepted and where its result landed.
struct Edges {
  std::vector<std::uint64_t> accepted;
  std::vector<std::uint64_t> landed;
  std::vector<std::uint64_t> results;
};

Edges stream_back_to_back(TdesDriver& core, const std::vector<std::uint64_t>& blocks,
                          bool decrypt) {
  auto& model = core.model();
  auto& p = core.ports();
  Edges edges;
  std::size_t next = 0;
  p.m_axis_tready = 1;
  p.s_axis_tuser = decrypt ? 1 : 0;
  for (unsigned guard = 0; edges.results.size() < blocks.size() && guard < 100000; ++guard) {
    p.s_axis_tvalid = next < blocks.size() ? 1 : 0;
    if (next < blocks.size()) p.s_axis_tdata = blocks[next];
    model.settle();
    const bool input_fire = p.s_axis_tvalid && p.s_axis_tready;
    const bool valid_before = p.m_axis_tvalid != 0;
    if (valid_before) edges.results.push_back(p.m_axis_tdata);  // taken on this edge
    model.tick();
    if (input_fire) {
      edges.accepted.push_back(model.cycle());
      ++next;
    }
    model.settle();
    if (p.m_axis_tvalid && !valid_before) edges.landed.push_back(model.cycle());
  }
  p.s_axis_tvalid = 0;
  model.settle();
  return edges;
}

void check_back_to_back(const Bytes& key, bool decrypt) {
  OpenSslTdes openssl;
  TdesDriver core(TdesDriver::is_triple(key) ? "tdes_back_to_back_3des" : "tdes_back_to_back_des");
  core.load_key(key);
  std::vector<std::uint64_t> blocks;
  for (std::uint64_t i = 0; i < 12; ++i) blocks.push_back(0x0123456789ABCDEF * (i + 1));
  const Edges edges = stream_back_to_back(core, blocks, decrypt);
  const unsigned cycles = TdesDriver::block_cycles(key);
  const char* mode = TdesDriver::is_triple(key) ? "3DES" : "DES";

  BOOST_TEST_REQUIRE(edges.accepted.size() == blocks.size());
  BOOST_TEST_REQUIRE(edges.landed.size() == blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    BOOST_TEST(edges.landed[i] - edges.accepted[i] == cycles,
               "tdes_core " << mode << " block " << i << ": latency "
                            << edges.landed[i] - edges.accepted[i] << ", expected " << cycles);
    if (i > 0)
      BOOST_TEST(edges.accepted[i] - edges.accepted[i - 1] == cycles,
                 "tdes_core " << mode << " block " << i << ": "
                              << edges.accepted[i] - edges.accepted[i - 1]
                              << " cycles after the previous one, expected " << cycles);
    const std::uint64_t expected = openssl.block(key, decrypt, blocks[i]);
    BOOST_TEST(edges.results[i] == expected, "tdes_core " << mode << " back-to-back block " << i
                                                          << ": expected " << hex64(expected)
                                                          << " got " << hex64(edges.results[i]));
  }
  // N blocks back to back: N * cycles from the first accept to the last result.
  BOOST_TEST(edges.landed.back() - edges.accepted.front() == blocks.size() * cycles);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timing)

BOOST_AUTO_TEST_CASE(des_back_to_back_16_cycles) {
  check_back_to_back(kDesKey, false);
  check_back_to_back(kDesKey, true);
}

BOOST_AUTO_TEST_CASE(tdes_back_to_back_48_cycles) {
  check_back_to_back(kTdesKey, false);
  check_back_to_back(kTdesKey, true);
}

// key_load takes one edge, during which s_axis_tready is low; the block waiting with it is
// accepted on the next edge and uses the new key.
BOOST_AUTO_TEST_CASE(key_setup_one_cycle) {
  OpenSslTdes openssl;
  TdesDriver core("tdes_key_setup");
  auto& model = core.model();
  auto& p = core.ports();
  core.load_key(kDesKey);
  BOOST_TEST(core.load_key(kTdesKey) == TdesDriver::kKeyLoadCycles);

  core.set_key_inputs(kDesKey);
  p.key_load = 1;
  p.s_axis_tvalid = 1;
  p.s_axis_tuser = 0;
  p.s_axis_tdata = 0x4E6F772069732074;
  model.settle();
  BOOST_TEST(p.key_ready == 1);
  BOOST_TEST(p.s_axis_tready == 0, "tdes_core: s_axis_tready must be low during key_load");
  model.tick();
  p.key_load = 0;
  model.settle();
  BOOST_TEST(p.s_axis_tready == 1, "tdes_core: block not accepted right after key_load");
  const auto result = core.process(0x4E6F772069732074, false);
  BOOST_TEST(result.latency == TdesDriver::kDesCycles);
  BOOST_TEST(result.block == openssl.block(kDesKey, false, 0x4E6F772069732074));
}

// While a block is in the rounds key_ready is low and key_load is ignored: the block and the
// next one still use the old key.
BOOST_AUTO_TEST_CASE(key_load_ignored_while_busy) {
  OpenSslTdes openssl;
  TdesDriver core("tdes_key_busy");
  auto& model = core.model();
  auto& p = core.ports();
  core.load_key(kTdesKey);
  const std::uint64_t block = 0x5468652071756663;
  p.s_axis_tdata = block;
  p.s_axis_tuser = 0;
  p.s_axis_tvalid = 1;
  model.settle();
  BOOST_TEST_REQUIRE(p.s_axis_tready == 1);
  model.tick();
  p.s_axis_tvalid = 0;
  for (int i = 0; i < 20; ++i) model.tick();
  model.settle();
  BOOST_TEST(p.key_ready == 0, "tdes_core: key_ready high while a block is in the rounds");
  core.set_key_inputs(kDesKey);
  p.key_load = 1;
  model.tick();
  p.key_load = 0;
  model.settle();
  while (!p.m_axis_tvalid) {
    model.tick();
    model.settle();
  }
  const std::uint64_t expected = openssl.block(kTdesKey, false, block);
  BOOST_TEST(p.m_axis_tdata == expected, "tdes_core 3DES block with key_load while busy: expected "
                                             << hex64(expected) << " got "
                                             << hex64(p.m_axis_tdata));
  model.tick();
  const auto second = core.process(block, true);
  BOOST_TEST(second.latency == TdesDriver::kTdesCycles);
  BOOST_TEST(second.block == openssl.block(kTdesKey, true, block));
}

// With m_axis_tready low the first result waits in the output register; the second block
// finishes its rounds and then waits (s_axis_tready low) until the first is taken; it lands
// on the edge after, and the third block is accepted on that same edge.
BOOST_AUTO_TEST_CASE(output_back_pressure_stall) {
  OpenSslTdes openssl;
  TdesDriver core("tdes_back_pressure");
  auto& model = core.model();
  auto& p = core.ports();
  core.load_key(kDesKey);
  const unsigned cycles = TdesDriver::kDesCycles;
  const std::uint64_t blocks[3] = {0x1111111111111111, 0x2222222222222222, 0x3333333333333333};

  p.m_axis_tready = 0;
  p.s_axis_tuser = 0;
  auto offer_until_accepted = [&](std::uint64_t block) {
    p.s_axis_tdata = block;
    p.s_axis_tvalid = 1;
    model.settle();
    while (!p.s_axis_tready) {
      model.tick();
      model.settle();
    }
    model.tick();
    p.s_axis_tvalid = 0;
    model.settle();
    return model.cycle();
  };
  const std::uint64_t first = offer_until_accepted(blocks[0]);
  const std::uint64_t second = offer_until_accepted(blocks[1]);
  BOOST_TEST(second - first == cycles, "second block accepted as the first lands");
  // Hold the output 40 more cycles than needed.
  while (model.cycle() < second + cycles + 40) {
    model.tick();
    model.settle();
    BOOST_TEST_REQUIRE(p.m_axis_tdata == openssl.block(kDesKey, false, blocks[0]));
  }
  BOOST_TEST(p.s_axis_tready == 0, "tdes_core: engine must stall while the output is full");
  BOOST_TEST(p.key_ready == 0);
  // Take the first result; on this edge nothing else moves.
  p.m_axis_tready = 1;
  model.settle();
  model.tick();
  const std::uint64_t taken = model.cycle();
  p.m_axis_tready = 0;
  model.settle();
  BOOST_TEST(p.m_axis_tvalid == 0);
  BOOST_TEST(p.s_axis_tready == 1, "tdes_core: the waiting block lands on the next edge");
  const std::uint64_t third = offer_until_accepted(blocks[2]);
  BOOST_TEST(third == taken + 1);
  BOOST_TEST(p.m_axis_tvalid == 1);
  BOOST_TEST(p.m_axis_tdata == openssl.block(kDesKey, false, blocks[1]));
  p.m_axis_tready = 1;
  model.tick();
  model.settle();
  while (!p.m_axis_tvalid) {
    model.tick();
    model.settle();
  }
  BOOST_TEST(model.cycle() == third + cycles);
  BOOST_TEST(p.m_axis_tdata == openssl.block(kDesKey, false, blocks[2]));
}

BOOST_AUTO_TEST_SUITE_END()
