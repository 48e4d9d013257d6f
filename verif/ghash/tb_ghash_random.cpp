// Random blocks with random H against the SP 800-38D reference multiply, and
// random AES-GCM packets whose tag E_K(J0) ^ GHASH(core) must equal OpenSSL's.
#include <boost/test/unit_test.hpp>
#include <random>

#include "ghash_configs.hpp"
#include "ghash_reference.hpp"
#include "openssl_gcm.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;

namespace {
constexpr std::size_t kRandomBlocks = 10000;
}

BOOST_AUTO_TEST_CASE_TEMPLATE(random_blocks_vs_reference_multiply, Config, GhashConfigs) {
  using Driver = typename Config::Driver;
  Driver core(Config::waveform("random_blocks"));
  std::mt19937_64 rng(test_seed("ghash_core random_blocks_vs_reference_multiply", 128));
  std::uniform_int_distribution<std::size_t> packet_blocks(1, 24);
  HandshakeJitter jitter(rng, 30);
  std::size_t done = 0;
  for (int packet = 0; done < kRandomBlocks; ++packet) {
    const Bytes h = random_bytes(rng, 16);
    std::vector<Bytes> blocks(packet_blocks(rng));
    for (Bytes& block : blocks) block = random_bytes(rng, 16);
    const bool jittered = packet % 2 == 1;
    core.load_h(h);
    core.init();
    const auto records = core.process(blocks, jittered ? &jitter : nullptr);
    const std::vector<Bytes> chain = ghash_chain(h, blocks);
    bool ok = true;
    for (std::size_t i = 0; i < blocks.size(); ++i, ++done) {
      const std::string where = Config::name() + " random packet " + std::to_string(packet) +
                                " block " + std::to_string(i) + " (H " + to_hex(h) + ")";
      ok &= records[i].y == chain[i];
      BOOST_TEST(records[i].y == chain[i],
                 where << ": expected Y " << to_hex(chain[i]) << " got " << to_hex(records[i].y));
      ok &= records[i].cycles() == Driver::kCyclesPerBlock;
      BOOST_TEST(records[i].cycles() == Driver::kCyclesPerBlock,
                 where << ": expected " << Driver::kCyclesPerBlock << " cycles, got "
                       << records[i].cycles());
    }
    if (!ok) break;
    core.wait(rng() % 3);
  }
  BOOST_TEST(done >= kRandomBlocks);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(random_gcm_tags_vs_openssl, Config, GhashConfigs) {
  using Driver = typename Config::Driver;
  Driver core(Config::waveform("random_gcm"));
  std::mt19937_64 rng(test_seed("ghash_core random_gcm_tags_vs_openssl", 4106));
  std::uniform_int_distribution<std::size_t> aad_length(0, 40), text_length(0, 256);
  HandshakeJitter jitter(rng, 30);
  std::size_t blocks_done = 0;
  for (int packet = 0; blocks_done < kRandomBlocks; ++packet) {
    // Mostly AES-128 (the brief's aes-128-gcm), every fourth packet AES-256.
    const Bytes key = random_bytes(rng, packet % 4 == 3 ? 32 : 16);
    const Bytes iv = random_bytes(rng, 12);
    const Bytes aad = random_bytes(rng, aad_length(rng));
    const Bytes plaintext = random_bytes(rng, text_length(rng));
    const GcmResult openssl = openssl_gcm_encrypt(key, iv, aad, plaintext);

    const Bytes h = openssl_aes_encrypt_block(key, Bytes(16, 0));
    const Bytes ek_j0 = openssl_aes_encrypt_block(key, gcm_j0_96(iv));
    const std::vector<Bytes> blocks = gcm_hash_blocks(aad, openssl.ciphertext);
    const Bytes core_tag =
        xor_block(ek_j0, core.ghash(h, blocks, packet % 2 == 1 ? &jitter : nullptr));
    const Bytes reference_tag = xor_block(ek_j0, ghash(h, blocks));
    blocks_done += blocks.size();

    const std::string where = Config::name() + " random AES-" + std::to_string(key.size() * 8) +
                              "-GCM packet " + std::to_string(packet) + " (key " + to_hex(key) +
                              ", IV " + to_hex(iv) + ", " + std::to_string(aad.size()) +
                              " AAD bytes, " + std::to_string(plaintext.size()) + " text bytes)";
    BOOST_TEST(reference_tag == openssl.tag, where << ": reference model vs OpenSSL: expected "
                                                   << to_hex(openssl.tag) << " got "
                                                   << to_hex(reference_tag));
    BOOST_TEST(core_tag == openssl.tag,
               where << ": expected tag " << to_hex(openssl.tag) << " got " << to_hex(core_tag));
    if (core_tag != openssl.tag) break;
    core.wait(rng() % 3);
  }
  BOOST_TEST(blocks_done >= kRandomBlocks);
}
