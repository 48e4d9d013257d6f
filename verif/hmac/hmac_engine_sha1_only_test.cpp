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
  // Exact latency as in the full configuration.
  const Bytes key = random_bytes(rng, 20);
  for (std::size_t length : {0u, 55u, 56u, 64u, 119u, 120u, 1500u}) {
    const HmacResult r = unit.run_one(hmac_message(Alg::kSha1, key, random_bytes(rng, length)));
    const std::uint64_t expected = 81 * (hmac_inner_blocks(length) + 1) + 5;
    BOOST_TEST(r.latency() == expected, "hmac_engine SHA-1 only, length "
                                            << length << ": latency expected " << expected
                                            << " got " << r.latency());
  }
}
