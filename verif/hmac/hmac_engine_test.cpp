// hmac_engine against RFC 2202 (HMAC-MD5, HMAC-SHA-1), RFC 4231 and RFC 4868
// (HMAC-SHA-256), RFC 2404 truncation, random messages against OpenSSL HMAC()
// with random back-pressure, the constant-time compare mode, framing errors,
// and exact cycle counts.
#define BOOST_TEST_MODULE hmac_engine
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>

#include "hmac_engine_driver.hpp"
#include "hmac_reference.hpp"
#include "test_seed.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "Vhmac_engine.h"
#pragma GCC diagnostic pop

using namespace ipsec_fpga::verif;
using Alg = HmacAlgorithm;
using Driver = HmacEngineDriver<Vhmac_engine>;

namespace {

Bytes ascii(const std::string& text) { return Bytes(text.begin(), text.end()); }

Bytes sequence_key(std::uint8_t count) {  // 0x01 0x02 ... count
  Bytes key(count);
  for (std::uint8_t i = 0; i < count; ++i) key[i] = static_cast<std::uint8_t>(i + 1);
  return key;
}

Bytes left_aligned(const Bytes& icv) {
  Bytes out = icv;
  out.resize(16, 0);
  return out;
}

// Exact cycles from the edge that first sees the command (unit free, data
// always valid, ICV always ready) to the edge after which m_icv_tvalid is
// high: the state loads, n + 1 compressions and the fixed overhead
// (docs/esp/hmac_engine.md derives each term).
std::uint64_t expected_latency(Alg alg, std::size_t length) {
  const std::uint64_t blocks = hmac_inner_blocks(length) + 1;
  switch (alg) {
    case Alg::kMd5:
      return 64 * blocks + 7;
    case Alg::kSha1:
      return 81 * blocks + 5;
    default:
      return 65 * blocks + 5;
  }
}

// Between the ICVs of two messages streamed back to back.
std::uint64_t expected_period(Alg alg, std::size_t length) {
  return expected_latency(alg, length) - 1;
}

// One known-answer vector: the ICV, its check in verify mode, and OpenSSL.
void check_vector(Driver& unit, Alg alg, const std::string& name, const Bytes& key,
                  const Bytes& data, const std::string& expected_hex) {
  const Bytes expected = left_aligned(from_hex(expected_hex));
  const Bytes openssl = hmac_icv_reference(alg, key, data);
  BOOST_TEST(to_hex(openssl) == to_hex(expected),
             "hmac_engine " << hmac_algorithm_name(alg) << " " << name
                            << ": OpenSSL disagrees with the RFC value: " << to_hex(openssl));
  HmacMessage m = hmac_message(alg, key, data);
  const HmacResult r = unit.run_one(m);
  BOOST_TEST(to_hex(r.icv) == to_hex(expected),
             "hmac_engine " << hmac_algorithm_name(alg) << " " << name << ": expected "
                            << to_hex(expected) << " got " << to_hex(r.icv));
  BOOST_TEST(!r.error, "hmac_engine " << name << ": m_icv_error set");
  BOOST_TEST(r.latency() == expected_latency(alg, data.size()),
             "hmac_engine " << name << ": latency expected " << expected_latency(alg, data.size())
                            << " got " << r.latency());
  m.verify = true;
  m.expected_icv = expected;
  const HmacResult v = unit.run_one(m);
  BOOST_TEST(v.match, "hmac_engine " << name << " verify mode: no match with " << expected_hex);
  BOOST_TEST(to_hex(v.icv) == to_hex(Bytes(16, 0)),
             "hmac_engine " << name << " verify mode: the ICV left the unit: " << to_hex(v.icv));
}

}  // namespace

BOOST_AUTO_TEST_CASE(capabilities) {
  Driver unit("hmac_engine_capabilities");
  BOOST_TEST(unit.algorithms() == 7u,
             "hmac_engine algorithms: expected 7 got " << unit.algorithms());
}

BOOST_AUTO_TEST_CASE(rfc2202_hmac_md5_96) {
  Driver unit("hmac_engine_rfc2202_md5");
  const Alg a = Alg::kMd5;
  // RFC 2202 section 2 digests, truncated to 96 bits (RFC 2403).
  check_vector(unit, a, "RFC 2202 MD5 case 1", Bytes(16, 0x0b), ascii("Hi There"),
               "9294727a3638bb1c13f48ef8");
  check_vector(unit, a, "RFC 2202 MD5 case 2", ascii("Jefe"), ascii("what do ya want for nothing?"),
               "750c783e6ab0b503eaa86e31");
  check_vector(unit, a, "RFC 2202 MD5 case 3", Bytes(16, 0xaa), Bytes(50, 0xdd),
               "56be34521d144c88dbb8c733");
  check_vector(unit, a, "RFC 2202 MD5 case 4", sequence_key(25), Bytes(50, 0xcd),
               "697eaf0aca3a3aea3a751647");
  check_vector(unit, a, "RFC 2202 MD5 case 5 (digest-96)", Bytes(16, 0x0c),
               ascii("Test With Truncation"), "56461ef2342edc00f9bab995");
  check_vector(unit, a, "RFC 2202 MD5 case 6", Bytes(80, 0xaa),
               ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
               "6b1ab7fe4bd7bf8f0b62e6ce");
  check_vector(unit, a, "RFC 2202 MD5 case 7", Bytes(80, 0xaa),
               ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
               "6f630fad67cda0ee1fb1f562");
}

BOOST_AUTO_TEST_CASE(rfc2202_hmac_sha1_96) {
  Driver unit("hmac_engine_rfc2202_sha1");
  const Alg a = Alg::kSha1;
  // RFC 2202 section 3 digests, truncated to 96 bits (RFC 2404 uses these).
  check_vector(unit, a, "RFC 2202 SHA-1 case 1", Bytes(20, 0x0b), ascii("Hi There"),
               "b617318655057264e28bc0b6");
  check_vector(unit, a, "RFC 2202 SHA-1 case 2", ascii("Jefe"),
               ascii("what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5");
  check_vector(unit, a, "RFC 2202 SHA-1 case 3", Bytes(20, 0xaa), Bytes(50, 0xdd),
               "125d7342b9ac11cd91a39af4");
  check_vector(unit, a, "RFC 2202 SHA-1 case 4", sequence_key(25), Bytes(50, 0xcd),
               "4c9007f4026250c6bc8414f9");
  check_vector(unit, a, "RFC 2202 SHA-1 case 5 (digest-96, RFC 2404)", Bytes(20, 0x0c),
               ascii("Test With Truncation"), "4c1a03424b55e07fe7f27be1");
  check_vector(unit, a, "RFC 2202 SHA-1 case 6", Bytes(80, 0xaa),
               ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
               "aa4ae5e15272d00e95705637");
  check_vector(unit, a, "RFC 2202 SHA-1 case 7", Bytes(80, 0xaa),
               ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
               "e8e99d0f45237d786d6bbaa7");
}

BOOST_AUTO_TEST_CASE(rfc4231_rfc4868_hmac_sha256_128) {
  Driver unit("hmac_engine_rfc4231_sha256");
  const Alg a = Alg::kSha256;
  // RFC 4231 section 4 (truncated to 128 bits as RFC 4868 does).
  check_vector(unit, a, "RFC 4231 case 1", Bytes(20, 0x0b), ascii("Hi There"),
               "b0344c61d8db38535ca8afceaf0bf12b");
  check_vector(unit, a, "RFC 4231 case 2", ascii("Jefe"), ascii("what do ya want for nothing?"),
               "5bdcc146bf60754e6a042426089575c7");
  check_vector(unit, a, "RFC 4231 case 3", Bytes(20, 0xaa), Bytes(50, 0xdd),
               "773ea91e36800e46854db8ebd09181a7");
  check_vector(unit, a, "RFC 4231 case 4", sequence_key(25), Bytes(50, 0xcd),
               "82558a389a443c0ea4cc819899f2083a");
  check_vector(unit, a, "RFC 4231 case 5", Bytes(20, 0x0c), ascii("Test With Truncation"),
               "a3b6167473100ee06e0c796c2955552b");
  check_vector(unit, a, "RFC 4231 case 6", Bytes(131, 0xaa),
               ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
               "60e431591ee0b67f0d8a26aacbf5b77f");
  check_vector(unit, a, "RFC 4231 case 7", Bytes(131, 0xaa),
               ascii("This is a test using a larger than block-size key and a larger than "
                     "block-size data. The key needs to be hashed before being used by the HMAC "
                     "algorithm."),
               "9b09ffa71b942fcb27635fbcd5b0e944");
  // RFC 4868 section 2.7.2.1, HMAC-SHA-256-128 authenticator test cases.
  check_vector(unit, a, "RFC 4868 AUTH256-1", Bytes(32, 0x0b), ascii("Hi There"),
               "198a607eb44bfbc69903a0f1cf2bbdc5");
  check_vector(unit, a, "RFC 4868 AUTH256-2", ascii("JefeJefeJefeJefeJefeJefeJefeJefe"),
               ascii("what do ya want for nothing?"), "167f928588c5cc2eef8e3093caa0e87c");
  check_vector(unit, a, "RFC 4868 AUTH256-3", Bytes(32, 0xaa), Bytes(50, 0xdd),
               "cdcb1220d1ecccea91e53aba3092f962");
  check_vector(unit, a, "RFC 4868 AUTH256-4", sequence_key(32), Bytes(50, 0xcd),
               "372efcf9b40b35c2115b1346903d2ef4");
}

namespace {

const Alg kAlgorithms[] = {Alg::kMd5, Alg::kSha1, Alg::kSha256};

}  // namespace

// Every length 0..200 (all positions of the padding: 55/56/63/64 and their
// neighbours in the first blocks) and a few long ones, alone (latency) and
// back to back (period between ICVs): exact counts, no jitter.
BOOST_AUTO_TEST_CASE(exact_cycle_counts) {
  std::mt19937_64 rng(test_seed("hmac_engine exact_cycle_counts", 4711));
  for (Alg alg : kAlgorithms) {
    Driver unit(std::string("hmac_engine_exact_cycles_") + std::to_string(static_cast<int>(alg)));
    std::vector<std::size_t> lengths;
    for (std::size_t n = 0; n <= 200; ++n) lengths.push_back(n);
    for (std::size_t n : {1400u, 1500u, 65535u}) lengths.push_back(n);
    std::vector<HmacMessage> batch;
    for (std::size_t length : lengths) {
      const Bytes key = random_bytes(rng, 20);
      const Bytes data = random_bytes(rng, length);
      const HmacMessage m = hmac_message(alg, key, data);
      const HmacResult r = unit.run_one(m);
      const Bytes expected = hmac_icv_reference(alg, key, data);
      BOOST_TEST(to_hex(r.icv) == to_hex(expected),
                 "hmac_engine " << hmac_algorithm_name(alg) << " length " << length << ": expected "
                                << to_hex(expected) << " got " << to_hex(r.icv));
      BOOST_TEST(r.latency() == expected_latency(alg, length),
                 "hmac_engine " << hmac_algorithm_name(alg) << " length " << length
                                << ": latency expected " << expected_latency(alg, length) << " got "
                                << r.latency());
      if (length <= 200) batch.push_back(m);
      unit.idle_cycles(static_cast<unsigned>(rng() % 3));
    }
    // Back to back: the next command waits, data follows at once.
    const auto results = unit.run(batch);
    for (std::size_t i = 1; i < results.size(); ++i) {
      const std::uint64_t period = results[i].valid_edge - results[i - 1].valid_edge;
      const std::size_t length = batch[i].data.size();
      BOOST_TEST(period == expected_period(alg, length),
                 "hmac_engine " << hmac_algorithm_name(alg) << " back to back, length " << length
                                << ": period expected " << expected_period(alg, length) << " got "
                                << period);
    }
  }
}

// >= 5,000 random messages per algorithm, 0..1600 bytes (every length mod 64
// many times), random keys (some longer than a block), half of them in
// verify mode (right or corrupted expected ICV), 30 % gaps on the data,
// 30 % back-pressure on the ICV, random idle cycles before commands.
void random_messages(Alg alg, std::uint64_t default_seed) {
  const std::string name = std::string("hmac_engine random ") + hmac_algorithm_name(alg);
  std::mt19937_64 rng(test_seed(name, default_seed));
  Driver unit(std::string("hmac_engine_random_") + std::to_string(static_cast<int>(alg)));
  HandshakeJitter command(rng, 30), data(rng, 30), icv(rng, 30);
  constexpr int kMessages = 5000, kBatch = 50;
  std::size_t length_mod_64_seen[64] = {};
  for (int first = 0; first < kMessages; first += kBatch) {
    std::vector<HmacMessage> batch;
    std::vector<Bytes> expected;
    std::vector<bool> should_match;
    for (int i = 0; i < kBatch; ++i) {
      const Bytes key = random_bytes(rng, rng() % 100);
      const Bytes message = random_bytes(rng, rng() % 1601);
      ++length_mod_64_seen[message.size() % 64];
      HmacMessage m = hmac_message(alg, key, message);
      expected.push_back(hmac_icv_reference(alg, key, message));
      m.verify = rng() % 2 == 0;
      bool match = true;
      if (m.verify) {
        m.expected_icv = expected.back();
        if (rng() % 2 == 0) {
          const std::size_t bit = rng() % (hmac_icv_bytes(alg) * 8);
          m.expected_icv[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
          match = false;
        }
      }
      should_match.push_back(match);
      batch.push_back(m);
    }
    const HmacJitter jitter{&command, &data, &icv};
    const auto results = unit.run(batch, jitter);
    for (int i = 0; i < kBatch; ++i) {
      const HmacMessage& m = batch[i];
      const HmacResult& r = results[i];
      const Bytes want = m.verify ? Bytes(16, 0) : expected[i];
      BOOST_TEST(to_hex(r.icv) == to_hex(want), name << " message " << first + i << " ("
                                                     << m.data.size() << " bytes): expected "
                                                     << to_hex(want) << " got " << to_hex(r.icv));
      if (m.verify)
        BOOST_TEST(r.match == should_match[i], name << " message " << first + i
                                                    << " verify: match expected " << should_match[i]
                                                    << " got " << r.match);
      BOOST_TEST(!r.error, name << " message " << first + i << ": m_icv_error set");
      BOOST_TEST(r.latency() >= expected_latency(alg, m.data.size()),
                 name << " message " << first + i << ": faster than possible: " << r.latency());
    }
  }
  for (std::size_t mod = 0; mod < 64; ++mod)
    BOOST_TEST(length_mod_64_seen[mod] > 20u, name << ": length mod 64 = " << mod << " seen "
                                                   << length_mod_64_seen[mod] << " times");
}

BOOST_AUTO_TEST_CASE(random_messages_md5) { random_messages(Alg::kMd5, 2403); }
BOOST_AUTO_TEST_CASE(random_messages_sha1) { random_messages(Alg::kSha1, 2404); }
BOOST_AUTO_TEST_CASE(random_messages_sha256) { random_messages(Alg::kSha256, 4868); }

// Verify mode: the right ICV matches; every single-bit flip of the expected
// ICV within its length mismatches; bits beyond a 96-bit ICV are ignored.
// m_icv_tdata stays zero throughout.
BOOST_AUTO_TEST_CASE(compare_mode_single_bit_flips) {
  std::mt19937_64 rng(test_seed("hmac_engine compare_mode_single_bit_flips", 2104));
  for (Alg alg : kAlgorithms) {
    Driver unit(std::string("hmac_engine_compare_") + std::to_string(static_cast<int>(alg)));
    const Bytes key = random_bytes(rng, 20);
    HmacMessage m = hmac_message(alg, key, random_bytes(rng, 100));
    m.verify = true;
    const Bytes icv = hmac_icv_reference(alg, key, m.data);
    std::vector<HmacMessage> batch;
    std::vector<bool> should_match;
    for (std::size_t bit = 0; bit <= 128; ++bit) {  // 128: no flip
      m.expected_icv = icv;
      if (bit < 128) m.expected_icv[bit / 8] ^= static_cast<std::uint8_t>(0x80u >> (bit % 8));
      batch.push_back(m);
      should_match.push_back(bit >= hmac_icv_bytes(alg) * 8);
    }
    const auto results = unit.run(batch);
    for (std::size_t bit = 0; bit <= 128; ++bit) {
      BOOST_TEST(results[bit].match == should_match[bit],
                 "hmac_engine " << hmac_algorithm_name(alg) << " compare, expected ICV bit " << bit
                                << " flipped: match expected " << should_match[bit] << " got "
                                << results[bit].match);
      BOOST_TEST(to_hex(results[bit].icv) == to_hex(Bytes(16, 0)),
                 "hmac_engine compare mode: ICV output " << to_hex(results[bit].icv));
    }
  }
}

// tlast/tkeep that disagree with the length raise m_icv_error (the length
// rules: the unit still consumes exactly `length` bytes); an algorithm that
// is not built in (3) raises it too; the unit keeps working afterwards.
BOOST_AUTO_TEST_CASE(framing_and_algorithm_errors) {
  std::mt19937_64 rng(test_seed("hmac_engine framing_and_algorithm_errors", 8));
  Driver unit("hmac_engine_errors");
  const Bytes key = random_bytes(rng, 20);
  const HmacMessage good = hmac_message(Alg::kSha1, key, random_bytes(rng, 37));
  HmacMessage early_last = good, no_last = good, bad_keep = good, unsupported = good;
  early_last.tlast_beat = 3;
  no_last.tlast_beat = 100;
  bad_keep.last_keep = 0xf;
  unsupported.alg = Alg::kUnsupported;
  const auto results = unit.run({good, early_last, no_last, bad_keep, unsupported, good});
  const char* names[] = {"good",          "tlast early",
                         "tlast missing", "tkeep 1111 on a 1-byte beat",
                         "algorithm 3",   "good after errors"};
  const bool errors[] = {false, true, true, true, true, false};
  const Bytes expected = hmac_icv_reference(Alg::kSha1, key, good.data);
  for (std::size_t i = 0; i < results.size(); ++i) {
    BOOST_TEST(results[i].error == errors[i], "hmac_engine "
                                                  << names[i] << ": m_icv_error expected "
                                                  << errors[i] << " got " << results[i].error);
    if (i < 4 || i == 5)
      BOOST_TEST(to_hex(results[i].icv) == to_hex(expected),
                 "hmac_engine " << names[i] << ": expected " << to_hex(expected) << " got "
                                << to_hex(results[i].icv));
  }
}
