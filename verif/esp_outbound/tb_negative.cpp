// Negative cases: no SA, disabled, expired, hard limit already reached,
// sequence exhaustion (32-bit and ESN), lifetime events, malformed framing
// (tlast early and late, transport header cut short), and host reads of key
// words returning zero while the engine still encrypts with them. After each
// refused packet the next one on a good SA must come out right.
#include <boost/test/unit_test.hpp>

#include "tb_common.hpp"

namespace ipsec_fpga::verif::esp_rtl {
namespace {

constexpr unsigned good = 10;  // a well-behaved SA used after each refusal

struct Fixture {
  std::mt19937_64 rng{42};
  Driver driver{"esp_outbound_negative"};
  OutboundOracle oracle;

  Fixture() {
    install(driver, oracle, good,
            random_sa(rng, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96},
                      esp::Mode::tunnel, esp::Encapsulation::ipv4_udp, false));
  }

  OutboundCommand good_command(std::size_t size = 77) {
    const Bytes data = random_bytes(rng, size);
    return {good, data, static_cast<std::uint16_t>(size), {}, {}};
  }

  // Runs `bad` (expected outcome `want_bad`, or nothing to compare if the
  // reference cannot express it) followed by a good packet.
  std::vector<OutboundOutcome> run_then_good(const OutboundCommand& bad, const std::string& what,
                                             const OutboundJitter& jitter = {20, 20, 20, 20, 20}) {
    const OutboundCommand next = good_command();
    const OutboundExpected want_next = oracle.predict(next);
    auto got = driver.run({bad, next}, jitter, rng);
    check_outcome(got[1], want_next, what + ": the good packet after it");
    return got;
  }
};

esp::SecurityAssociation sa_of(std::mt19937_64& rng,
                               esp::Suite suite = {esp::Cipher::aes128_cbc,
                                                   esp::Integrity::hmac_sha1_96},
                               esp::Mode mode = esp::Mode::tunnel, bool esn = false) {
  return random_sa(rng, suite, mode, esp::Encapsulation::ipv4, esn);
}

BOOST_FIXTURE_TEST_SUITE(negative, Fixture)

BOOST_AUTO_TEST_CASE(no_sa_empty_and_inbound_entries) {
  const auto got = run_then_good({3, random_bytes(rng, 40), 40, {}, {}}, "empty entry");
  BOOST_TEST((got[0].code == 1u && !got[0].emitted && got[0].length == 0u &&
              got[0].sequence == 0u && got[0].events == 0u && got[0].sa == 3u),
             "esp_outbound empty entry: expected no_sa, got status " << got[0].code);
  esp::SecurityAssociation inbound = sa_of(rng);
  inbound.direction = esp::Direction::inbound;
  driver.write_entry(4, sa_image(esp::SaEntry(inbound)));
  const auto got2 = run_then_good({4, random_bytes(rng, 41), 41, {}, {}}, "inbound entry");
  BOOST_TEST((got2[0].code == 1u && !got2[0].emitted),
             "esp_outbound inbound entry: expected no_sa, got status " << got2[0].code);
}

BOOST_AUTO_TEST_CASE(disabled_expired_and_hard_limit) {
  esp::SecurityAssociation off = sa_of(rng);
  off.enabled = false;
  install(driver, oracle, 5, off);
  esp::SaEntry& expired = install(driver, oracle, 6, sa_of(rng));
  expired.expired = true;
  driver.write_entry(6, sa_image(expired));
  esp::SecurityAssociation limited = sa_of(rng);
  limited.lifetime.hard_bytes = 100;
  esp::SaEntry& at_limit = install(driver, oracle, 7, limited);
  at_limit.usage.bytes = 100;  // reached, but the flag not set: still refused
  driver.write_entry(7, sa_image(at_limit));
  for (unsigned index : {5u, 6u, 7u}) {
    const OutboundCommand bad{index, random_bytes(rng, 300), 300, {}, {}};
    const OutboundExpected want = oracle.predict(bad);
    const auto got = run_then_good(bad, "SA " + std::to_string(index));
    check_outcome(got[0], want, "refused SA " + std::to_string(index));
    check_write_back(driver, oracle.entry(index), index, "refused");
  }
}

BOOST_AUTO_TEST_CASE(sequence_exhaustion_32_bit_and_esn) {
  for (bool esn : {false, true}) {
    const unsigned index = esn ? 9 : 8;
    esp::SecurityAssociation sa =
        sa_of(rng, {esp::Cipher::des_cbc, esp::Integrity::hmac_md5_96}, esp::Mode::tunnel, esn);
    sa.sequence = esn ? ~std::uint64_t{0} - 2 : 0xfffffffeull;
    install(driver, oracle, index, sa);
    std::vector<OutboundCommand> commands;
    for (int i = 0; i < 5; ++i) commands.push_back({index, random_bytes(rng, 33), 33, {}, {}});
    std::vector<OutboundExpected> want;
    for (const auto& c : commands) want.push_back(oracle.predict(c));
    const auto got = driver.run(commands, {25, 25, 25, 25, 25}, rng);
    for (std::size_t i = 0; i < got.size(); ++i)
      check_outcome(
          got[i], want[i],
          std::string(esn ? "ESN" : "32-bit") + " exhaustion packet " + std::to_string(i));
    // The last numbers are used, then sa_expired with event [2] once.
    BOOST_TEST(got[esn ? 2 : 1].events == 4u);
    BOOST_TEST(got[esn ? 3 : 2].code == 6u);
    check_write_back(driver, oracle.entry(index), index, esn ? "ESN exhaustion" : "exhaustion");
  }
}

BOOST_AUTO_TEST_CASE(soft_and_hard_lifetime_events) {
  esp::SecurityAssociation sa =
      sa_of(rng, {esp::Cipher::null, esp::Integrity::hmac_sha256_128}, esp::Mode::transport);
  sa.lifetime.soft_packets = 2;
  sa.lifetime.hard_bytes = 150;
  install(driver, oracle, 11, sa);
  std::vector<OutboundCommand> commands;
  for (int i = 0; i < 5; ++i) {
    const Bytes p = random_ipv4_packet(rng, 5, 40);
    commands.push_back({11, p, static_cast<std::uint16_t>(p.size()), {}, {}});
  }
  std::vector<OutboundExpected> want;
  for (const auto& c : commands) want.push_back(oracle.predict(c));
  const auto got = driver.run(commands, {}, rng);
  for (std::size_t i = 0; i < got.size(); ++i)
    check_outcome(got[i], want[i], "lifetime packet " + std::to_string(i));
  // 40 payload bytes each: soft at packet 2, hard at packet 4 (160 >= 150).
  BOOST_TEST(got[1].events == 1u);
  BOOST_TEST(got[3].events == 2u);
  BOOST_TEST(got[4].code == 6u);
  check_write_back(driver, oracle.entry(11), 11, "lifetime");
}

BOOST_AUTO_TEST_CASE(malformed_framing) {
  install(driver, oracle, 12,
          sa_of(rng, {esp::Cipher::aes256_cbc, esp::Integrity::hmac_sha256_128}));
  esp::SaEntry& transport = install(
      driver, oracle, 13,
      sa_of(rng, {esp::Cipher::des3_cbc, esp::Integrity::hmac_sha1_96}, esp::Mode::transport));
  const std::uint64_t seq12 = oracle.entry(12).sa.sequence;
  struct Case {
    const char* name;
    OutboundCommand command;
    bool emitted;
  } cases[] = {
      {"tlast early", {12, random_bytes(rng, 60), 100, {}, {}}, true},
      {"tlast late", {12, random_bytes(rng, 101), 61, {}, {}}, true},
      {"tlast early, 1 beat", {12, random_bytes(rng, 3), 200, {}, {}}, true},
      {"transport header cut by tlast", {13, random_ipv4_packet(rng, 5, 80), 200, {}, {}}, false},
      {"transport tlast early in payload",
       {13, random_ipv4_packet(rng, 5, 80), 100, {}, {}},
       false},
  };
  // A 100-byte transport packet whose header claims 120 bytes, as the
  // command does: the header passes, tlast comes 20 bytes early.
  cases[4].command.data = random_ipv4_packet(rng, 5, 80);
  cases[4].command.data[3] = 120;
  cases[4].command.length = 120;
  cases[4].emitted = true;
  cases[3].command.data.resize(8);
  for (const Case& c : cases) {
    const auto got = run_then_good(c.command, c.name, {30, 30, 30, 30, 30});
    BOOST_TEST((got[0].code == 5u && got[0].emitted == c.emitted && got[0].discarded == c.emitted &&
                got[0].sequence == 0u && got[0].events == 0u &&
                got[0].length == (c.emitted ? got[0].packet.size() : 0u)),
               "esp_outbound malformed " << c.name << ": status " << got[0].code << " emitted "
                                         << got[0].emitted << " tuser " << got[0].discarded
                                         << " length " << got[0].length);
  }
  // Nothing was counted: the sequence numbers continue where they were.
  BOOST_TEST(oracle.entry(12).sa.sequence == seq12);
  check_write_back(driver, oracle.entry(12), 12, "malformed");
  check_write_back(driver, transport, 13, "malformed transport");
}

BOOST_AUTO_TEST_CASE(key_words_read_as_zero_from_the_host) {
  const SaWords words = driver.read_entry(good);
  for (unsigned w = 0; w < words.size(); ++w)
    if (sa_layout::is_key_word(w))
      BOOST_TEST(words[w] == 0u, "sa_table host read of key word " << w << " not zero");
  const OutboundCommand c = good_command(500);
  const OutboundExpected want = oracle.predict(c);
  const auto got = driver.run({c}, {}, rng);
  check_outcome(got[0], want, "packet after host reads of the key words");
}

BOOST_AUTO_TEST_CASE(next_header_override_and_zero_length) {
  OutboundCommand c = good_command(0);
  c.next_header = 59;  // "no next header"
  OutboundCommand d = good_command(1);
  std::vector<OutboundCommand> commands{c, d};
  std::vector<OutboundExpected> want;
  for (const auto& x : commands) want.push_back(oracle.predict(x));
  const auto got = driver.run(commands, {30, 30, 30, 30, 30}, rng);
  check_outcome(got[0], want[0], "zero length, next header 59");
  check_outcome(got[1], want[1], "one byte");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace ipsec_fpga::verif::esp_rtl
