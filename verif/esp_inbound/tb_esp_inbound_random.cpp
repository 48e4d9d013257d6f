// Random differential test against the ESP reference: every CBC/NULL suite,
// tunnel and transport, all three forms, ESN on and off, sizes 0..1500 with
// every block boundary, many SAs interleaved, random back-pressure on every
// handshake. A few replays, old numbers and damaged packets are mixed in.
#include <boost/test/unit_test.hpp>

#include "inbound_test_support.hpp"
#include "test_seed.hpp"

namespace ipsec_fpga::verif::esp_rtl::test {
namespace {

std::size_t random_size(std::mt19937_64& rng) {
  const auto pick = static_cast<unsigned>(rng() % 100);
  if (pick < 70) return rng() % 100;  // every block boundary of the small sizes
  if (pick < 85) return 100 + rng() % 400;
  return 500 + rng() % 1001;  // up to 1500
}

std::vector<esp::Suite> cbc_suites(esp::Cipher cipher) {
  return {{cipher, esp::Integrity::hmac_md5_96},
          {cipher, esp::Integrity::hmac_sha1_96},
          {cipher, esp::Integrity::hmac_sha256_128}};
}

void run_group(const std::string& group, const std::vector<esp::Suite>& suites,
               unsigned packets_per_suite) {
  const std::uint64_t seed =
      test_seed("esp_inbound random " + group, 0x1b0d + static_cast<unsigned>(suites[0].cipher));
  InboundWorld world("esp_inbound_random_" + group, seed);
  auto& rng = world.rng;
  std::vector<TestSa*> sas;
  unsigned index = 1;
  for (const esp::Suite& suite : suites) {
    for (unsigned k = 0; k < 6; ++k) {  // every mode x form, ESN alternating
      const auto mode = (k % 2) ? esp::Mode::transport : esp::Mode::tunnel;
      const auto form = static_cast<esp::Encapsulation>(k % 3);
      const bool esn = (k / 2 + index) % 2;
      const std::uint64_t start = esn && (k % 3 == 0) ? 0xfffffff0ull : 0;  // crosses 2^32
      sas.push_back(&world.add_sa(index++, suite, mode, form, esn, start));
    }
  }
  const auto total = static_cast<unsigned>(packets_per_suite * suites.size());
  const unsigned batch = 64;
  unsigned done = 0, failures = 0;
  std::map<unsigned, unsigned> sizes_seen;
  unsigned codes[8] = {};
  while (done < total && failures < 5) {
    std::vector<InboundPacket> packets;
    std::vector<InboundResult> expected;
    for (unsigned i = 0; i < batch && done + i < total; ++i) {
      TestSa& sa = *sas[rng() % sas.size()];
      const std::size_t size = random_size(rng);
      const bool transport = sa.receiver->sa.mode == esp::Mode::transport;
      Bytes inner = world.inner_packet(transport ? std::max<std::size_t>(size, 20) : size);
      sizes_seen[inner.size() % 16]++;
      const unsigned form = static_cast<unsigned>(sa.receiver->sa.encapsulation);
      Bytes packet;
      const auto pick = static_cast<unsigned>(rng() % 100);
      const std::uint64_t highest = sa.sender->sa.sequence;
      if (pick < 4 && highest > 2) {
        // a replay or an old number
        packet = world.send(sa, inner, highest - rng() % std::min<std::uint64_t>(highest, 80));
        sa.sender->sa.sequence = highest;
      } else if (pick < 8 && highest > 0) {
        // out of order inside the window, then the sender carries on
        packet = world.send(sa, inner, highest + 1 + rng() % 40);
      } else {
        packet = world.send(sa, inner);
      }
      if (pick >= 96) packet[rng() % packet.size()] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
      expected.push_back(world.expect(packet, form));
      packets.push_back({packet, form, 0});
    }
    const auto results = world.driver.run(packets, {30, 30, 30, 30});
    for (const auto& e : expected) ++codes[e.code & 7];
    for (std::size_t i = 0; i < results.size(); ++i)
      if (!check_result(group + " packet " + std::to_string(done + i), results[i], expected[i]))
        ++failures;
    done += static_cast<unsigned>(packets.size());
  }
  for (TestSa* sa : sas) check_entry(group, world.driver, *sa);
  BOOST_TEST_MESSAGE("esp_inbound random " << group << ": " << done << " packets, "
                                           << world.driver.cycle() << " cycles; statuses ok "
                                           << codes[0] << " replay " << codes[2] << " auth_failed "
                                           << codes[3] << " decrypt_failed " << codes[4]
                                           << " malformed " << codes[5]);
  BOOST_TEST(sizes_seen.size() == 16u);
  BOOST_TEST(codes[0] > done * 8 / 10);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(random, *boost::unit_test::disabled())
BOOST_AUTO_TEST_CASE(null) { run_group("null", cbc_suites(esp::Cipher::null), 5000); }
BOOST_AUTO_TEST_CASE(des) { run_group("des", cbc_suites(esp::Cipher::des_cbc), 5000); }
BOOST_AUTO_TEST_CASE(tdes) { run_group("tdes", cbc_suites(esp::Cipher::des3_cbc), 5000); }
BOOST_AUTO_TEST_CASE(aes128) { run_group("aes128", cbc_suites(esp::Cipher::aes128_cbc), 5000); }
BOOST_AUTO_TEST_CASE(aes192) { run_group("aes192", cbc_suites(esp::Cipher::aes192_cbc), 5000); }
BOOST_AUTO_TEST_CASE(aes256) { run_group("aes256", cbc_suites(esp::Cipher::aes256_cbc), 5000); }
BOOST_AUTO_TEST_CASE(gcm) {
  run_group("gcm",
            {{esp::Cipher::aes128_gcm16, esp::Integrity::none},
             {esp::Cipher::aes256_gcm16, esp::Integrity::none}},
            5000);
}
BOOST_AUTO_TEST_SUITE_END()

// A short run of each group in the default test run (the full ones above are
// their own CTest tests).
BOOST_AUTO_TEST_CASE(random_smoke) {
  run_group("aes128_smoke", cbc_suites(esp::Cipher::aes128_cbc), 40);
  run_group("null_smoke", cbc_suites(esp::Cipher::null), 20);
  run_group("gcm_smoke",
            {{esp::Cipher::aes128_gcm16, esp::Integrity::none},
             {esp::Cipher::aes256_gcm16, esp::Integrity::none}},
            40);
}

}  // namespace ipsec_fpga::verif::esp_rtl::test
