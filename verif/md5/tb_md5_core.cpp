// md5_core against RFC 1321's test suite, RFC 2202's HMAC-MD5 cases (through
// the state load/read path, as the ESP engine uses it) and OpenSSL.
#define BOOST_TEST_MODULE md5_core
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>

#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <vector>

#include "Vmd5_core.h"
#include "bytes.hpp"
#include "md5_driver.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;
using Driver = Md5Driver<Vmd5_core>;

namespace {

Bytes text_bytes(const std::string& text) { return Bytes(text.begin(), text.end()); }

std::string state_hex(const Md5State& state) {
  char text[40];
  std::snprintf(text, sizeof text, "%08x %08x %08x %08x", state[0], state[1], state[2], state[3]);
  return text;
}

Md5Block random_block(std::mt19937_64& rng) {
  Md5Block block;
  for (auto& word : block) word = static_cast<std::uint32_t>(rng());
  return block;
}

Md5State random_state(std::mt19937_64& rng) {
  Md5State state;
  for (auto& word : state) word = static_cast<std::uint32_t>(rng());
  return state;
}

// OpenSSL's bare compression function on a context whose A..D are `state`.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
Md5State openssl_compress(const Md5State& state, const Md5Block& block) {
  MD5_CTX context;
  MD5_Init(&context);
  context.A = state[0];
  context.B = state[1];
  context.C = state[2];
  context.D = state[3];
  std::uint8_t bytes[64];
  for (int i = 0; i < 64; ++i) bytes[i] = static_cast<std::uint8_t>(block[i / 4] >> (8 * (i % 4)));
  MD5_Transform(&context, bytes);
  return {context.A, context.B, context.C, context.D};
}
#pragma GCC diagnostic pop

Bytes openssl_md5(const Bytes& message) {
  Bytes digest(16);
  unsigned length = 0;
  BOOST_REQUIRE(
      EVP_Digest(message.data(), message.size(), digest.data(), &length, EVP_md5(), nullptr) == 1);
  return digest;
}

Bytes openssl_hmac_md5(const Bytes& key, const Bytes& data) {
  Bytes mac(16);
  unsigned length = 0;
  BOOST_REQUIRE(HMAC(EVP_md5(), key.data(), static_cast<int>(key.size()), data.data(), data.size(),
                     mac.data(), &length) != nullptr);
  return mac;
}

// HMAC-MD5 the way the ESP engine does it: the inner and outer chaining
// states are computed once with the core (per SA), read out, and loaded
// back for each packet.
struct HmacStates {
  Md5State inner, outer;
};

HmacStates hmac_states(Driver& core, Bytes key) {
  if (key.size() > 64) key = core.digest(key);
  key.resize(64, 0);
  HmacStates states;
  for (int pass = 0; pass < 2; ++pass) {
    Md5Block block{};
    for (int i = 0; i < 64; ++i)
      block[i / 4] |= static_cast<std::uint32_t>(key[i] ^ (pass == 0 ? 0x36 : 0x5c))
                      << (8 * (i % 4));
    core.init_iv();
    core.process({block});
    (pass == 0 ? states.inner : states.outer) = core.state();
  }
  return states;
}

Bytes hmac_with_states(Driver& core, const HmacStates& states, const Bytes& data,
                       HandshakeJitter* jitter) {
  core.load_state(states.inner);
  core.process(md5_padded_blocks(data, 64), jitter);
  const Bytes inner_digest = md5_state_bytes(core.state());
  core.load_state(states.outer);
  core.process(md5_padded_blocks(inner_digest, 64), jitter);
  return md5_state_bytes(core.state());
}

}  // namespace

BOOST_AUTO_TEST_CASE(rfc1321_test_suite) {
  struct Vector {
    std::string message, digest;
  };
  const std::vector<Vector> vectors = {
      {"", "d41d8cd98f00b204e9800998ecf8427e"},
      {"a", "0cc175b9c0f1b6a831c399e269772661"},
      {"abc", "900150983cd24fb0d6963f7d28e17f72"},
      {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
      {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
       "d174ab98d277d9f5a5611c2c9f419d9f"},
      {"1234567890123456789012345678901234567890123456789012345678901234567890123456789"
       "0",
       "57edf4a22be3c955ac49da2e2107b67a"},
  };
  Driver core("md5_rfc1321");
  std::mt19937_64 rng(test_seed("md5_core rfc1321_test_suite", 1321));
  for (const auto& vector : vectors) {
    for (int jittered = 0; jittered < 2; ++jittered) {
      HandshakeJitter jitter(rng, 30);
      core.init_iv();
      const auto latency =
          core.process(md5_padded_blocks(text_bytes(vector.message)), jittered ? &jitter : nullptr);
      const std::string actual = to_hex(md5_state_bytes(core.state()));
      BOOST_TEST(actual == vector.digest,
                 "md5_core RFC 1321 A.5 MD5(\""
                     << vector.message << "\")" << (jittered ? " with idle cycles" : "")
                     << ": expected " << vector.digest << " got " << actual);
      if (jittered) continue;
      const auto& done = core.done_cycles();
      for (std::size_t i = 0; i < done.size(); ++i) {
        const std::uint64_t expected = i == 0 ? Driver::kBlockLatency : Driver::kBlockInterval;
        const std::uint64_t cycles = i == 0 ? latency[0] : done[i] - done[i - 1];
        BOOST_TEST(cycles == expected, "md5_core MD5(\"" << vector.message << "\") block " << i
                                                         << ": expected " << expected
                                                         << " cycles, got " << cycles);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(rfc2202_hmac_md5_through_state_load) {
  struct Case {
    int number;
    Bytes key, data;
    std::string mac;
  };
  const std::vector<Case> cases = {
      {1, Bytes(16, 0x0b), text_bytes("Hi There"), "9294727a3638bb1c13f48ef8158bfc9d"},
      {2, text_bytes("Jefe"), text_bytes("what do ya want for nothing?"),
       "750c783e6ab0b503eaa86e310a5db738"},
      {3, Bytes(16, 0xaa), Bytes(50, 0xdd), "56be34521d144c88dbb8c733f0e8b3f6"},
      {4, from_hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), Bytes(50, 0xcd),
       "697eaf0aca3a3aea3a75164746ffaa79"},
      {5, Bytes(16, 0x0c), text_bytes("Test With Truncation"), "56461ef2342edc00f9bab995690efd4c"},
      {6, Bytes(80, 0xaa), text_bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
       "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"},
      {7, Bytes(80, 0xaa),
       text_bytes("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
       "6f630fad67cda0ee1fb1f562db3aa53e"},
  };
  Driver core("md5_rfc2202");
  std::mt19937_64 rng(test_seed("md5_core rfc2202_hmac_md5_through_state_load", 2202));
  for (const auto& test : cases) {
    const HmacStates states = hmac_states(core, test.key);
    // Twice from the same saved states, as for two packets of one SA.
    for (int packet = 0; packet < 2; ++packet) {
      HandshakeJitter jitter(rng, 30);
      const std::string actual =
          to_hex(hmac_with_states(core, states, test.data, packet ? &jitter : nullptr));
      BOOST_TEST(actual == test.mac, "md5_core HMAC-MD5 RFC 2202 test case "
                                         << test.number << " packet " << packet << ": expected "
                                         << test.mac << " got " << actual);
      const std::string openssl = to_hex(openssl_hmac_md5(test.key, test.data));
      BOOST_TEST(actual == openssl, "md5_core HMAC-MD5 RFC 2202 test case "
                                        << test.number << " vs OpenSSL HMAC: expected " << openssl
                                        << " got " << actual);
    }
  }
  // HMAC-MD5-96 (RFC 2403) keeps the first 12 bytes: RFC 2202 case 5 lists them.
  const std::string truncated =
      to_hex(hmac_with_states(core, hmac_states(core, cases[4].key), cases[4].data, nullptr));
  BOOST_TEST(truncated.substr(0, 24) == "56461ef2342edc00f9bab995",
             "md5_core HMAC-MD5-96 RFC 2202 test case 5: expected 56461ef2342edc00f9bab995 got "
                 << truncated.substr(0, 24));
}

BOOST_AUTO_TEST_CASE(random_blocks_from_random_states_vs_md5_transform) {
  Driver core("md5_random_blocks");
  std::mt19937_64 rng(test_seed("md5_core random_blocks_from_random_states", 5));
  HandshakeJitter jitter(rng, 30);
  for (int index = 0; index < 10000; ++index) {
    const Md5State state = random_state(rng);
    const Md5Block block = random_block(rng);
    const bool jittered = index % 2 == 1;
    const auto [actual, latency] = core.compress(state, block, jittered ? &jitter : nullptr);
    const Md5State expected = openssl_compress(state, block);
    BOOST_TEST(actual == expected, "md5_core random block " << index << " from state "
                                                            << state_hex(state) << ": expected "
                                                            << state_hex(expected) << " got "
                                                            << state_hex(actual));
    const std::uint64_t expected_latency = Driver::kBlockLatency + core.stall_cycles().front();
    BOOST_TEST(latency == expected_latency, "md5_core random block "
                                                << index << ": expected " << expected_latency
                                                << " cycles (" << core.stall_cycles().front()
                                                << " withheld), got " << latency);
    if (actual != expected || latency != expected_latency) break;
  }
}

BOOST_AUTO_TEST_CASE(random_messages_vs_evp_md5) {
  Driver core("md5_random_messages");
  std::mt19937_64 rng(test_seed("md5_core random_messages_vs_evp_md5", 1992));
  std::uniform_int_distribution<std::size_t> length(0, 1500);
  HandshakeJitter jitter(rng, 30);
  for (int index = 0; index < 300; ++index) {
    const Bytes message = random_bytes(rng, length(rng));
    const bool jittered = index % 2 == 1;
    const std::string actual = to_hex(core.digest(message, jittered ? &jitter : nullptr));
    const std::string expected = to_hex(openssl_md5(message));
    BOOST_TEST(actual == expected, "md5_core random message " << index << " (" << message.size()
                                                              << " bytes): expected " << expected
                                                              << " got " << actual);
    if (!jittered) {
      const auto& done = core.done_cycles();
      for (std::size_t i = 1; i < done.size(); ++i)
        BOOST_TEST(done[i] - done[i - 1] == Driver::kBlockInterval,
                   "md5_core random message "
                       << index << " block " << i << ": expected " << Driver::kBlockInterval
                       << " cycles after the previous, got " << done[i] - done[i - 1]);
    }
  }
}

BOOST_AUTO_TEST_CASE(loads_only_when_idle_and_block_tready) {
  Driver core("md5_load_rules");
  auto& m = core.model();
  auto& sim = core.sim();
  std::mt19937_64 rng(test_seed("md5_core loads_only_when_idle", 7));
  const Md5State start = random_state(rng);
  const Md5Block block = random_block(rng);
  core.load_state(start);
  BOOST_TEST(core.state() == start, "md5_core state_load: expected " << state_hex(start) << " got "
                                                                     << state_hex(core.state()));

  // While init or state_load is high the core takes no word.
  m.s_axis_tvalid = 1;
  m.init = 1;
  sim.settle();
  BOOST_TEST(!m.s_axis_tready, "md5_core: s_axis_tready must be low while init is high");
  m.init = 0;
  m.state_load = 1;
  sim.settle();
  BOOST_TEST(!m.s_axis_tready, "md5_core: s_axis_tready must be low while state_load is high");
  m.state_load = 0;
  m.s_axis_tvalid = 0;
  sim.settle();

  // init and state_load in the middle of a block are ignored.
  for (int word = 0; word < 16; ++word) {
    m.s_axis_tvalid = 1;
    m.s_axis_tdata = block[word];
    sim.settle();
    BOOST_REQUIRE(m.s_axis_tready);
    sim.tick();
  }
  m.s_axis_tvalid = 0;
  m.init = 1;
  m.state_load = 1;
  for (int w = 0; w < 4; ++w) m.state_in[w] = 0x01010101u * static_cast<std::uint32_t>(w + 1);
  sim.settle();
  BOOST_TEST(m.busy);
  BOOST_TEST(!m.idle);
  int cycles = 16;
  while (!m.block_done && cycles < 200) {
    sim.tick();
    ++cycles;
  }
  m.init = 0;
  m.state_load = 0;
  sim.settle();
  BOOST_TEST(cycles == static_cast<int>(Driver::kBlockLatency),
             "md5_core: block under ignored loads took " << cycles << " cycles");
  const Md5State expected = openssl_compress(start, block);
  BOOST_TEST(core.state() == expected, "md5_core loads while busy must be ignored: expected "
                                           << state_hex(expected) << " got "
                                           << state_hex(core.state()));
  BOOST_TEST(m.idle);
  sim.tick();
  BOOST_TEST(!m.block_done, "md5_core: block_done must last one cycle");
}
