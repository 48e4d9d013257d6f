// sa_words() against the verification's sa_image() for the same SA (the
// image the ESP engine testbenches install), SaStatus parsing, HMAC states
// against OpenSSL's HMAC, and parameter checks.
#define BOOST_TEST_MODULE driver_sa_words
#include "sa/sa_words.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

#include <boost/test/unit_test.hpp>
#include <random>

#include "reference_sa.hpp"
#include "sa/hmac_states.hpp"
#include "sa/sa_status.hpp"
#include "sa_image.hpp"
#include "suite.hpp"
#include "test_sas.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga;
using driver::SaParameters;
namespace esp = verif::esp;

using driver::test::parameters;

BOOST_AUTO_TEST_CASE(same_words_as_sa_image_for_every_suite) {
  std::mt19937_64 rng(verif::test_seed("driver.sa_words.cross_check", 0x5a5a0001));
  unsigned checked = 0;
  for (const esp::Suite& suite : esp::engine_suites()) {
    for (int i = 0; i < 40; ++i) {
      const auto direction = rng() % 2 ? esp::Direction::inbound : esp::Direction::outbound;
      const auto mode = rng() % 2 ? esp::Mode::transport : esp::Mode::tunnel;
      const auto encapsulation = static_cast<esp::Encapsulation>(rng() % 3);
      esp::SecurityAssociation sa = esp::test::make_sa(static_cast<std::uint32_t>(rng()), direction,
                                                       suite, mode, encapsulation, rng);
      sa.extended_sequence_numbers = rng() % 2;
      sa.replay_window = 32 * static_cast<unsigned>(2 + rng() % 31);
      sa.udp_source_port = static_cast<std::uint16_t>(rng());
      sa.ttl = static_cast<std::uint8_t>(rng());
      sa.enabled = rng() % 4 != 0;
      sa.sequence = rng() % 3 == 0 ? 0 : rng() % 0xffffffffu;
      sa.lifetime = {rng() % 1000, rng() % 100000, rng() % 10, rng() % 1000};
      // make_sa draws a salt for every suite; only GCM has one (the driver
      // writes no key material a suite does not use).
      if (suite.cipher != esp::Cipher::aes128_gcm16 && suite.cipher != esp::Cipher::aes256_gcm16)
        sa.gcm_salt = {};
      const auto threshold = static_cast<std::uint32_t>(rng() % 50);
      const esp::SaEntry entry(sa);
      const verif::esp_rtl::SaWords expected = verif::esp_rtl::sa_image(entry, {threshold});
      driver::SaWords actual = driver::sa_words(parameters(sa, threshold));
      for (unsigned w = 0; w < sa_layout::entry_words; ++w)
        BOOST_TEST(actual[w] == expected[w], esp::to_string(suite.cipher)
                                                 << '+' << esp::to_string(suite.integrity) << " SA "
                                                 << i << " word " << w << ": sa_image " << std::hex
                                                 << expected[w] << ", sa_words " << actual[w]);
      driver::cleanse_words(actual);
      BOOST_TEST(actual[32] == 0u);
      ++checked;
    }
  }
  BOOST_TEST(checked == 20u * 40u);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
namespace {
// Finishes an HMAC from the precomputed states with OpenSSL's low-level
// contexts (resumed after one 64-byte block), for comparison with HMAC().
std::vector<std::uint8_t> hmac_from_states(driver::Integrity alg, const driver::HmacStates& s,
                                           const std::vector<std::uint8_t>& msg) {
  std::vector<std::uint8_t> inner, outer;
  auto finish = [&](const driver::HmacState& state, const std::vector<std::uint8_t>& data) {
    std::vector<std::uint8_t> out;
    if (alg == driver::Integrity::hmac_md5_96) {
      MD5_CTX c;
      MD5_Init(&c);
      c.A = state[0], c.B = state[1], c.C = state[2], c.D = state[3];
      c.Nl = 512;
      MD5_Update(&c, data.data(), data.size());
      out.resize(16);
      MD5_Final(out.data(), &c);
    } else if (alg == driver::Integrity::hmac_sha1_96) {
      SHA_CTX c;
      SHA1_Init(&c);
      c.h0 = state[0], c.h1 = state[1], c.h2 = state[2], c.h3 = state[3], c.h4 = state[4];
      c.Nl = 512;
      SHA1_Update(&c, data.data(), data.size());
      out.resize(20);
      SHA1_Final(out.data(), &c);
    } else {
      SHA256_CTX c;
      SHA256_Init(&c);
      for (int i = 0; i < 8; ++i) c.h[i] = state[static_cast<std::size_t>(i)];
      c.Nl = 512;
      SHA256_Update(&c, data.data(), data.size());
      out.resize(32);
      SHA256_Final(out.data(), &c);
    }
    return out;
  };
  return finish(s.outer, finish(s.inner, msg));
}
}  // namespace
#pragma GCC diagnostic pop

BOOST_AUTO_TEST_CASE(hmac_states_finish_to_openssl_hmac) {
  std::mt19937_64 rng(verif::test_seed("driver.sa_words.hmac", 0x5a5a0002));
  const std::pair<driver::Integrity, const EVP_MD*> algs[] = {
      {driver::Integrity::hmac_md5_96, EVP_md5()},
      {driver::Integrity::hmac_sha1_96, EVP_sha1()},
      {driver::Integrity::hmac_sha256_128, EVP_sha256()}};
  for (const auto& [alg, md] : algs) {
    for (std::size_t key_size : {0u, 16u, 20u, 32u, 64u, 65u, 131u}) {
      std::vector<std::uint8_t> key(key_size), msg(rng() % 200);
      for (auto& b : key) b = static_cast<std::uint8_t>(rng());
      for (auto& b : msg) b = static_cast<std::uint8_t>(rng());
      std::vector<std::uint8_t> expected(EVP_MAX_MD_SIZE);
      unsigned length = 0;
      HMAC(md, key.data(), static_cast<int>(key.size()), msg.data(), msg.size(), expected.data(),
           &length);
      expected.resize(length);
      const auto actual = hmac_from_states(alg, driver::hmac_states(alg, key), msg);
      BOOST_TEST(actual == expected, driver::to_string(alg)
                                         << " key of " << key_size << " bytes: HMAC differs");
    }
  }
  BOOST_CHECK_THROW(driver::hmac_states(driver::Integrity::none, {}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(status_fields_read_back) {
  driver::SaWords w{};
  driver::set_field(w, sa_layout::valid, 1);
  driver::set_field(w, sa_layout::enabled, 1);
  driver::set_field(w, sa_layout::direction, 1);
  driver::set_field(w, sa_layout::spi, 0xabcd0105);
  driver::set_field(w, sa_layout::sequence, 0x1'0000'0002ull);
  driver::set_field(w, sa_layout::byte_count, 12345);
  driver::set_field(w, sa_layout::packet_count, 67);
  driver::set_field(w, sa_layout::auth_errors, 3);
  driver::set_field(w, sa_layout::replay_errors, 4);
  driver::set_field(w, sa_layout::decrypt_errors, 5);
  driver::set_field(w, sa_layout::expired, 1);
  driver::set_field(w, sa_layout::soft_event_raised, 1);
  driver::set_field(w, sa_layout::last_used, 99);
  const driver::SaStatus s = driver::parse_sa_status(w);
  BOOST_TEST(s.valid);
  BOOST_TEST(s.enabled);
  BOOST_TEST((s.direction == driver::Direction::inbound));
  BOOST_TEST(s.spi == 0xabcd0105u);
  BOOST_TEST(s.sequence == 0x1'0000'0002ull);
  BOOST_TEST(s.bytes == 12345u);
  BOOST_TEST(s.packets == 67u);
  BOOST_TEST(s.auth_errors == 3u);
  BOOST_TEST(s.replay_errors == 4u);
  BOOST_TEST(s.decrypt_errors == 5u);
  BOOST_TEST(s.expired);
  BOOST_TEST(s.soft_event_raised);
  BOOST_TEST(!s.error_event_raised);
  BOOST_TEST(s.last_used == 99u);
}

BOOST_AUTO_TEST_CASE(parameters_the_engine_cannot_run_are_refused) {
  SaParameters p;
  p.cipher = driver::Cipher::aes128_cbc;
  p.integrity = driver::Integrity::hmac_sha1_96;
  p.cipher_key = driver::SecretBytes(std::vector<std::uint8_t>(16, 1));
  p.integrity_key = driver::SecretBytes(std::vector<std::uint8_t>(20, 2));
  BOOST_TEST(driver::validation_error(p).empty());
  SaParameters q = p;
  q.integrity = driver::Integrity::none;
  BOOST_TEST(driver::validation_error(q).find("not one the ESP engine offers") !=
             std::string::npos);
  q = p;
  q.cipher_key = driver::SecretBytes(std::vector<std::uint8_t>(15, 1));
  BOOST_TEST(driver::validation_error(q) == "aes128_cbc takes a 16-byte key, got 15 bytes");
  q = p;
  q.gcm_salt = driver::SecretBytes({1, 2, 3, 4});
  BOOST_TEST(driver::validation_error(q).find("GCM salt") != std::string::npos);
  q = p;
  q.replay_window = 100;
  BOOST_TEST(driver::validation_error(q).find("replay window 100") != std::string::npos);
  q = p;
  q.initial_sequence = 1ull << 32;
  BOOST_TEST(driver::validation_error(q).find("needs ESN") != std::string::npos);
  BOOST_CHECK_THROW(driver::sa_words(q), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(secret_bytes_zero_on_clear_and_take) {
  std::vector<std::uint8_t> raw{1, 2, 3};
  driver::SecretBytes s = driver::SecretBytes::take(raw);
  BOOST_TEST(raw.empty());
  BOOST_TEST(s.size() == 3u);
  driver::SecretBytes moved = std::move(s);
  BOOST_TEST(s.empty());
  moved.clear();
  BOOST_TEST(moved.empty());
}
