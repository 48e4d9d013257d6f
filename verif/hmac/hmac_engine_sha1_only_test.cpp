// The small-FPGA configuration of hmac_engine (HAS_MD5 = 0, HAS_SHA256 = 0,
// the one the UP5K synthesis check builds): `algorithms` says SHA-1 only,
// SHA-1 is exact, and a request for a missing algorithm is flagged with
// m_icv_error without disturbing the messages around it.
#define BOOST_TEST_MODULE hmac_engine_sha1_only
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>

#include "hmac_engine_driver.hpp"
#include "hmac_reference.hpp"
#include "test_seed.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "Vhmac_engine_sha1_only.h"
#pragma GCC diagnostic pop

using namespace ipsec_fpga::verif;
using Alg = HmacAlgorithm;
using Driver = HmacEngineDriver<Vhmac_engine_sha1_only>;

BOOST_AUTO_TEST_CASE(sha1_only_configuration) {
  std::mt19937_64 rng(test_seed("hmac_engine_sha1_only", 1996));
  Driver unit("hmac_engine_sha1_only");
  BOOST_TEST(unit.algorithms() == 2u,
             "hmac_engine SHA-1 only: algorithms expected 2 got " << unit.algorithms());
  HandshakeJitter command(rng, 30), data(rng, 30), icv(rng, 30);
  std::vector<HmacMessage> batch;
  std::vector<Bytes> keys;
  for (int i = 0; i < 300; ++i) {
    keys.push_back(random_bytes(rng, rng() % 100));
    const Alg alg = i % 10 == 3 ? Alg::kSha256 : i % 10 == 7 ? Alg::kMd5 : Alg::kSha1;
    HmacMessage m = hmac_message(Alg::kSha1, keys.back(), random_bytes(rng, rng() % 1601));
    m.alg = alg;
    batch.push_back(m);
  }
  const auto results = unit.run(batch, {&command, &data, &icv});
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const bool missing = batch[i].alg != Alg::kSha1;
    BOOST_TEST(results[i].error == missing, "hmac_engine SHA-1 only, message "
                                                << i << " (" << hmac_algorithm_name(batch[i].alg)
                                                << "): m_icv_error expected " << missing);
    if (missing) continue;
    const Bytes expected = hmac_icv_reference(Alg::kSha1, keys[i], batch[i].data);
    BOOST_TEST(to_hex(results[i].icv) == to_hex(expected),
               "hmac_engine SHA-1 only, message " << i << ": expected " << to_hex(expected)
                                                  << " got " << to_hex(results[i].icv));
  }
}

// The SHA-1-only build uses sha1_core's small form (SERIAL_FINISH = 1): 85
// clocks per block and 6 per state load instead of 81 and 2, so the latency
// is 85 (n + 1) + 13 (docs/esp/hmac_engine.md), one less back to back.
std::uint64_t sha1_only_latency(std::size_t length) {
  return 85 * (hmac_inner_blocks(length) + 1) + 13;
}

BOOST_AUTO_TEST_CASE(sha1_only_exact_cycle_counts) {
  std::mt19937_64 rng(test_seed("hmac_engine_sha1_only exact_cycle_counts", 4712));
  Driver unit("hmac_engine_sha1_only_exact_cycles");
  std::vector<HmacMessage> batch;
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n <= 200; ++n) lengths.push_back(n);
  for (std::size_t n : {1400u, 1500u, 65535u}) lengths.push_back(n);
  for (std::size_t length : lengths) {
    const Bytes key = random_bytes(rng, 20);
    const Bytes data = random_bytes(rng, length);
    const HmacMessage m = hmac_message(Alg::kSha1, key, data);
    const HmacResult r = unit.run_one(m);
    const Bytes expected = hmac_icv_reference(Alg::kSha1, key, data);
    BOOST_TEST(to_hex(r.icv) == to_hex(expected), "hmac_engine SHA-1 only, length "
                                                      << length << ": expected " << to_hex(expected)
                                                      << " got " << to_hex(r.icv));
    BOOST_TEST(r.latency() == sha1_only_latency(length),
               "hmac_engine SHA-1 only, length " << length << ": latency expected "
                                                 << sha1_only_latency(length) << " got "
                                                 << r.latency());
    if (length <= 200) batch.push_back(m);
    unit.idle_cycles(static_cast<unsigned>(rng() % 3));
  }
  const auto results = unit.run(batch);
  for (std::size_t i = 1; i < results.size(); ++i) {
    const std::uint64_t period = results[i].valid_edge - results[i - 1].valid_edge;
    const std::uint64_t expected = sha1_only_latency(batch[i].data.size()) - 1;
    BOOST_TEST(period == expected, "hmac_engine SHA-1 only back to back, length "
                                       << batch[i].data.size() << ": period expected "
                                       << expected << " got " << period);
  }
}

// Verify mode on the small build: the right ICV matches, every single-bit
// flip within the 96 bits mismatches, flips past them are ignored, and the
// ICV never leaves the unit. 300 random messages in verify mode with jitter.
BOOST_AUTO_TEST_CASE(sha1_only_verify_mode) {
  std::mt19937_64 rng(test_seed("hmac_engine_sha1_only verify_mode", 2404));
  Driver unit("hmac_engine_sha1_only_verify");
  const Bytes key = random_bytes(rng, 20);
  HmacMessage m = hmac_message(Alg::kSha1, key, random_bytes(rng, 100));
  m.verify = true;
  const Bytes icv = hmac_icv_reference(Alg::kSha1, key, m.data);
  std::vector<HmacMessage> flips;
  for (std::size_t bit = 0; bit <= 128; ++bit) {  // 128: no flip
    m.expected_icv = icv;
    if (bit < 128) m.expected_icv[bit / 8] ^= static_cast<std::uint8_t>(0x80u >> (bit % 8));
    flips.push_back(m);
  }
  const auto flipped = unit.run(flips);
  for (std::size_t bit = 0; bit <= 128; ++bit) {
    const bool should_match = bit >= 96;
    BOOST_TEST(flipped[bit].match == should_match,
               "hmac_engine SHA-1 only compare, expected ICV bit "
                   << bit << " flipped: match expected " << should_match << " got "
                   << flipped[bit].match);
    BOOST_TEST(to_hex(flipped[bit].icv) == to_hex(Bytes(16, 0)),
               "hmac_engine SHA-1 only compare mode: ICV output " << to_hex(flipped[bit].icv));
  }
  HandshakeJitter command(rng, 30), data(rng, 30), icv_ready(rng, 30);
  std::vector<HmacMessage> batch;
  std::vector<bool> should_match;
  for (int i = 0; i < 300; ++i) {
    const Bytes k = random_bytes(rng, rng() % 100);
    HmacMessage v = hmac_message(Alg::kSha1, k, random_bytes(rng, rng() % 1601));
    v.verify = true;
    v.expected_icv = hmac_icv_reference(Alg::kSha1, k, v.data);
    const bool match = rng() % 2 == 0;
    if (!match) {
      const std::size_t bit = rng() % 96;
      v.expected_icv[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    }
    should_match.push_back(match);
    batch.push_back(v);
  }
  const auto results = unit.run(batch, {&command, &data, &icv_ready});
  for (std::size_t i = 0; i < batch.size(); ++i) {
    BOOST_TEST(results[i].match == should_match[i], "hmac_engine SHA-1 only verify, message "
                                                         << i << ": match expected "
                                                         << should_match[i]);
    BOOST_TEST(!results[i].error, "hmac_engine SHA-1 only verify, message " << i << ": error");
    BOOST_TEST(to_hex(results[i].icv) == to_hex(Bytes(16, 0)),
               "hmac_engine SHA-1 only verify, message " << i << ": the ICV left the unit");
  }
}
