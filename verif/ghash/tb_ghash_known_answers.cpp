// McGrew-Viega GCM test cases 1-6 and 13-18: GHASH(H, A, C) with the core
// against the published value, then the tag with OpenSSL's E_K(J0).
#include <boost/test/unit_test.hpp>
#include <random>

#include "gcm_known_answers.hpp"
#include "ghash_configs.hpp"
#include "ghash_reference.hpp"
#include "openssl_gcm.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;

BOOST_AUTO_TEST_CASE_TEMPLATE(gcm_paper_test_cases, Config, GhashConfigs) {
  using Driver = typename Config::Driver;
  Driver core(Config::waveform("known_answers"));
  std::mt19937_64 rng(test_seed("ghash_core gcm_paper_test_cases", 38));
  HandshakeJitter jitter(rng, 30);
  for (const GcmKnownAnswer& test : gcm_known_answers()) {
    const Bytes key = from_hex(test.key), iv = from_hex(test.iv), aad = from_hex(test.aad);
    const Bytes ciphertext = from_hex(test.ciphertext);
    const std::string label = Config::name() + " GCM test case " + std::to_string(test.number);

    // The typed vector agrees with OpenSSL (catches typing mistakes).
    const GcmResult openssl = openssl_gcm_encrypt(key, iv, aad, from_hex(test.plaintext));
    BOOST_TEST(to_hex(openssl.ciphertext) == test.ciphertext, label << ": OpenSSL ciphertext");
    BOOST_TEST(to_hex(openssl.tag) == test.tag, label << ": OpenSSL tag");

    const Bytes h = openssl_aes_encrypt_block(key, Bytes(16, 0));
    BOOST_TEST(to_hex(h) == test.h, label << ": H expected " << test.h << " got " << to_hex(h));

    for (int jittered = 0; jittered < 2; ++jittered) {
      const std::string run = label + (jittered ? " with idle cycles" : "");
      HandshakeJitter* input_jitter = jittered ? &jitter : nullptr;
      core.load_h(h);

      // J0: from a 96-bit IV directly, else GHASH of the padded IV (core).
      Bytes j0 = gcm_j0_96(iv);
      if (iv.size() != 12) {
        core.init();
        core.process(gcm_hash_blocks({}, iv), input_jitter);
        j0 = core.y();
      }
      BOOST_TEST(to_hex(j0) == test.j0,
                 run << ": J0 (Y0) expected " << test.j0 << " got " << to_hex(j0));

      const std::vector<Bytes> blocks = gcm_hash_blocks(aad, ciphertext);
      const std::vector<Bytes> chain = ghash_chain(h, blocks);
      core.init();
      const auto records = core.process(blocks, input_jitter);
      core.wait(rng() % 4);  // a slow reader: y_out must hold while idle
      const Bytes s = core.y();
      BOOST_TEST(to_hex(s) == test.ghash,
                 run << ": GHASH(H, A, C) expected " << test.ghash << " got " << to_hex(s));
      for (std::size_t i = 0; i < records.size(); ++i) {
        BOOST_TEST(records[i].y == chain[i], run << " block " << i << " Y_" << i + 1
                                                 << ": expected " << to_hex(chain[i]) << " got "
                                                 << to_hex(records[i].y));
        BOOST_TEST(records[i].cycles() == Driver::kCyclesPerBlock,
                   run << " block " << i << ": expected " << Driver::kCyclesPerBlock
                       << " cycles, got " << records[i].cycles());
        if (!jittered && i > 0)
          BOOST_TEST(records[i].accept_edge - records[i - 1].accept_edge == Driver::kCyclesPerBlock,
                     run << " block " << i << ": expected back to back every "
                         << Driver::kCyclesPerBlock << " cycles, got "
                         << records[i].accept_edge - records[i - 1].accept_edge);
      }

      const std::string tag = to_hex(xor_block(openssl_aes_encrypt_block(key, j0), s));
      BOOST_TEST(tag == test.tag,
                 run << ": tag E_K(J0) ^ GHASH expected " << test.tag << " got " << tag);
    }
  }
}
