// tdes_core against OpenSSL on random streams: 10,000 random blocks per mode (DES, 3DES) and
// direction, keys reloaded every 1..100 blocks, random idle cycles on s_axis_tvalid and
// back-pressure on m_axis_tready. A block takes 16 or 48 cycles, so 30% jitter alone would
// never leave the engine idle or the output register full: each key epoch therefore draws its
// own busy rate for each side (0, 30, 90 or 97%). Every cycle is also checked against the
// core's timing contract: tready, key_ready and the edge where each result lands are
// predicted exactly.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "handshake_jitter.hpp"
#include "openssl_tdes.hpp"
#include "tdes_driver.hpp"
#include "tdes_test_helpers.hpp"
#include "test_seed.hpp"

namespace {

using namespace ipsec_fpga::verif;

enum class KeyKind { kDes, kTdes, kMixed };
enum class Direction { kEncrypt, kDecrypt, kMixed };

struct Stream {
  const char* name;
  KeyKind keys;
  Direction direction;
  unsigned blocks;
  std::uint64_t default_seed;
};

struct InFlight {
  unsigned index;
  std::uint64_t input;
  bool decrypt;
  std::uint64_t expected;
  std::uint64_t accept_edge;
  unsigned cycles;
  bool triple;
};

std::string describe(const Stream& stream, const InFlight& block) {
  return std::string("tdes_core ") + (block.triple ? "3DES " : "DES ") +
         (block.decrypt ? "decrypt" : "encrypt") + " stream " + stream.name + " block #" +
         std::to_string(block.index) + " (input " + hex64(block.input) + ")";
}

void run_stream(const Stream& stream) {
  std::mt19937_64 rng(test_seed(stream.name, stream.default_seed));
  // Busy rates per key epoch: none, the usual 30%, and slow neighbours that starve the core
  // (idle engine) or hold the output (engine stalls with a finished block).
  std::vector<HandshakeJitter> jitters;
  for (unsigned busy : {0u, 30u, 30u, 90u, 97u}) jitters.emplace_back(rng, busy);
  std::uniform_int_distribution<std::size_t> pick_jitter(0, jitters.size() - 1);
  HandshakeJitter* input_jitter = &jitters[1];
  HandshakeJitter* output_jitter = &jitters[1];
  std::uniform_int_distribution<unsigned> blocks_per_key(1, 100);
  OpenSslTdes openssl;
  TdesDriver core(stream.name);
  auto& model = core.model();
  auto& p = core.ports();

  auto random_key = [&] {
    const bool triple =
        stream.keys == KeyKind::kTdes || (stream.keys == KeyKind::kMixed && (rng() & 1) != 0);
    return random_bytes(rng, triple ? 24 : 8);
  };
  auto random_direction = [&] {
    return stream.direction == Direction::kDecrypt ||
           (stream.direction == Direction::kMixed && (rng() & 1) != 0);
  };

  Bytes key = random_key();
  core.load_key(key);
  unsigned until_rekey = blocks_per_key(rng);
  bool rekey_wanted = false;
  unsigned key_loads = 1;

  std::optional<InFlight> offered;    // held on s_axis until accepted
  std::optional<InFlight> in_rounds;  // accepted, in the engine
  std::optional<InFlight> in_output;  // in the output register
  unsigned sent = 0;
  unsigned received = 0;
  unsigned timing_errors = 0;
  unsigned stalls = 0;       // cycles a finished block waited for the output register
  unsigned idle_cycles = 0;  // cycles the engine had no block

  const std::uint64_t cycle_limit = model.cycle() + std::uint64_t{stream.blocks} * 48 * 8 + 1000;
  while (received < stream.blocks && model.cycle() < cycle_limit) {
    model.settle();
    // Producer: a key change waits until the engine is idle and nothing is on offer.
    bool key_load = false;
    if (rekey_wanted && !offered && p.key_ready) {
      key = random_key();
      core.set_key_inputs(key);
      key_load = true;
      rekey_wanted = false;
      until_rekey = blocks_per_key(rng);
      ++key_loads;
      input_jitter = &jitters[pick_jitter(rng)];
      output_jitter = &jitters[pick_jitter(rng)];
    } else if (!rekey_wanted && !offered && sent < stream.blocks && input_jitter->offer()) {
      InFlight block{};
      block.index = sent++;
      block.input = rng();
      block.decrypt = random_direction();
      block.expected = openssl.block(key, block.decrypt, block.input);
      block.cycles = TdesDriver::block_cycles(key);
      block.triple = TdesDriver::is_triple(key);
      offered = block;
    }
    p.key_load = key_load ? 1 : 0;
    p.s_axis_tvalid = offered ? 1 : 0;
    if (offered) {
      p.s_axis_tdata = offered->input;
      p.s_axis_tuser = offered->decrypt ? 1 : 0;
    }
    p.m_axis_tready = output_jitter->offer() ? 1 : 0;
    model.settle();

    // The timing contract for the coming edge.
    const std::uint64_t edge = model.cycle() + 1;
    const bool output_full = p.m_axis_tvalid != 0;
    const bool finishing = in_rounds && edge >= in_rounds->accept_edge + in_rounds->cycles;
    const bool result_lands = finishing && !output_full;
    const bool expect_tready = !key_load && (!in_rounds || result_lands);
    if (finishing && output_full) ++stalls;
    if (!in_rounds) ++idle_cycles;
    if ((p.s_axis_tready != 0) != expect_tready || (p.key_ready != 0) != !in_rounds) {
      if (++timing_errors <= 5)
        BOOST_ERROR("tdes_core stream " << stream.name << " edge " << edge << ": s_axis_tready "
                                        << int(p.s_axis_tready) << " (expected " << expect_tready
                                        << "), key_ready " << int(p.key_ready) << " (expected "
                                        << !in_rounds << ")");
    }

    const bool input_fire = offered && p.s_axis_tready;
    const bool output_fire = output_full && p.m_axis_tready;
    if (output_fire) {
      if (!in_output) {
        BOOST_ERROR("tdes_core stream " << stream.name << ": m_axis_tvalid with no result due");
        return;
      }
      BOOST_TEST(p.m_axis_tdata == in_output->expected,
                 describe(stream, *in_output) << ": expected " << hex64(in_output->expected)
                                              << " got " << hex64(p.m_axis_tdata));
      in_output.reset();
      ++received;
    }
    model.tick();

    if (result_lands) {
      in_output = in_rounds;
      in_rounds.reset();
    }
    if (input_fire) {
      offered->accept_edge = edge;
      in_rounds = offered;
      offered.reset();
      if (--until_rekey == 0) rekey_wanted = true;
    }
    model.settle();
    if ((p.m_axis_tvalid != 0) != in_output.has_value() && ++timing_errors <= 5)
      BOOST_ERROR("tdes_core stream " << stream.name << " edge " << edge << ": m_axis_tvalid "
                                      << int(p.m_axis_tvalid) << ", expected "
                                      << in_output.has_value());
  }
  BOOST_TEST(received == stream.blocks, "tdes_core stream " << stream.name << ": " << received
                                                            << " of " << stream.blocks
                                                            << " blocks came out");
  BOOST_TEST(timing_errors == 0u);
  // The stream did exercise both kinds of wait.
  BOOST_TEST(stalls > 0u);
  BOOST_TEST(idle_cycles > 0u);
  BOOST_TEST_MESSAGE(stream.name << ": " << received << " blocks, " << key_loads << " keys, "
                                 << model.cycle() << " cycles, " << stalls << " stall cycles, "
                                 << idle_cycles << " idle cycles");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(random_streams)

BOOST_AUTO_TEST_CASE(des_encrypt) {
  run_stream({"tdes_random_des_encrypt", KeyKind::kDes, Direction::kEncrypt, 10000, 0xDE5E});
}
BOOST_AUTO_TEST_CASE(des_decrypt) {
  run_stream({"tdes_random_des_decrypt", KeyKind::kDes, Direction::kDecrypt, 10000, 0xDE5D});
}
BOOST_AUTO_TEST_CASE(tdes_encrypt) {
  run_stream({"tdes_random_3des_encrypt", KeyKind::kTdes, Direction::kEncrypt, 10000, 0x3DE5E});
}
BOOST_AUTO_TEST_CASE(tdes_decrypt) {
  run_stream({"tdes_random_3des_decrypt", KeyKind::kTdes, Direction::kDecrypt, 10000, 0x3DE5D});
}
// Keys switching between DES and 3DES and the direction changing block by block.
BOOST_AUTO_TEST_CASE(mixed_modes_and_directions) {
  run_stream({"tdes_random_mixed", KeyKind::kMixed, Direction::kMixed, 4000, 0x313ED});
}

BOOST_AUTO_TEST_SUITE_END()
