// Exact cycle counts: every cipher and packet kind for several lengths (the
// per-block interval and the fixed overhead per packet), the one-clock AES
// direction change, key loads and the key status ports, and the iCEBreaker's
// build (AES_COMPACT = 1, HAS_TDES = 0: aes_core_compact, AES-128/256 only).
// The table is printed with --log_level=message.
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>

#include "cbc_builds.hpp"
#include "openssl_cbc.hpp"

using namespace ipsec_fpga::verif;

namespace {

constexpr CbcCipher kCiphers[5] = {CbcCipher::kDes, CbcCipher::kTdes, CbcCipher::kAes128,
                                   CbcCipher::kAes192, CbcCipher::kAes256};

CbcPacket make_packet(CbcCipher cipher, int kind, std::size_t blocks, std::mt19937_64& rng) {
  const std::size_t block = cbc_block_bytes(cipher);
  CbcPacket packet;
  packet.decrypt = kind == 2;
  packet.explicit_iv = kind == 1;
  packet.iv = random_bytes(rng, kind == 0 ? 8 : block);
  packet.input = random_bytes(rng, (blocks + (packet.decrypt ? 1 : 0)) * block);
  return packet;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timing)

// Cycles from the command to the end of the packet for 0..4, 10 and the most
// blocks of 1504 bytes, with the input always valid and the output always ready.
BOOST_AUTO_TEST_CASE(packet_cycles) {
  std::mt19937_64 rng(1);
  CbcCipherDriver<Vcbc_cipher> unit("cbc_cipher_timing");
  const char* kinds[3] = {"encrypt, nonce IV", "encrypt, explicit IV", "decrypt"};
  for (CbcCipher cipher : kCiphers) {
    unit.load_key(cipher, random_bytes(rng, cbc_key_bytes(cipher)), 1);
    const std::size_t max_blocks = 1504 / cbc_block_bytes(cipher);
    const unsigned t = unit.timing().block_cycles(cipher);
    for (int kind = 0; kind < 3; ++kind) {
      unit.run_packet(make_packet(cipher, kind, 1, rng));  // same direction as what follows
      std::uint64_t previous = 0;
      for (std::size_t blocks : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3},
                                 std::size_t{4}, std::size_t{10}, max_blocks}) {
        const CbcPacket packet = make_packet(cipher, kind, blocks, rng);
        const std::uint64_t expected = unit.expected_cycles(packet);
        const std::uint64_t cycles = unit.run_packet(packet).cycles();
        BOOST_TEST(cycles == expected,
                   "cbc_cipher " << cbc_cipher_name(cipher) << " " << kinds[kind] << ", " << blocks
                                 << " blocks: expected " << expected << " cycles, got " << cycles);
        if (blocks >= 2 && blocks <= 4)
          BOOST_TEST(cycles - previous == t, "cbc_cipher "
                                                 << cbc_cipher_name(cipher) << " " << kinds[kind]
                                                 << ": one more block costs " << cycles - previous
                                                 << ", not " << t);
        if (blocks == max_blocks)
          BOOST_TEST_MESSAGE(cbc_cipher_name(cipher)
                             << " " << kinds[kind] << ": " << t << " cycles per block, overhead "
                             << cycles - t * blocks << ", 1504 bytes in " << cycles << " cycles ("
                             << 1504.0 / static_cast<double>(cycles) << " bytes per cycle)");
        previous = cycles;
      }
    }
  }
}

// aes_core prefetches the first round key of the last direction: a packet whose
// first AES block goes the other way costs exactly one clock more.
BOOST_AUTO_TEST_CASE(aes_direction_change) {
  std::mt19937_64 rng(2);
  CbcCipherDriver<Vcbc_cipher> unit("cbc_cipher_direction");
  unit.load_key(CbcCipher::kAes128, random_bytes(rng, 16), 1);
  const CbcPacket decrypt = make_packet(CbcCipher::kAes128, 2, 3, rng);
  const CbcPacket encrypt = make_packet(CbcCipher::kAes128, 0, 3, rng);
  const std::uint64_t after_encrypt = unit.run_packet(decrypt).cycles();  // reset: encrypt
  const std::uint64_t after_decrypt = unit.run_packet(decrypt).cycles();
  const std::uint64_t encrypt_after_decrypt = unit.run_packet(encrypt).cycles();
  const std::uint64_t encrypt_after_encrypt = unit.run_packet(encrypt).cycles();
  BOOST_TEST(after_encrypt == after_decrypt + 1,
             "decrypt after encrypt: " << after_encrypt << " vs after decrypt: " << after_decrypt);
  BOOST_TEST(encrypt_after_decrypt == encrypt_after_encrypt + 1,
             "encrypt after decrypt: " << encrypt_after_decrypt
                                       << " vs after encrypt: " << encrypt_after_encrypt);
  BOOST_TEST(after_decrypt == CbcTiming{}.packet_cycles(CbcCipher::kAes128, true, false, 3, false));
}

// key_loaded, the loaded cipher and tag, and command acceptance around key loads.
BOOST_AUTO_TEST_CASE(key_status) {
  std::mt19937_64 rng(3);
  CbcCipherDriver<Vcbc_cipher> unit("cbc_cipher_key_status");
  auto& model = unit.model();
  auto& ports = *model;
  model.settle();
  BOOST_TEST(!ports.key_loaded, "key_loaded after reset");
  ports.cmd_valid = 1;
  model.settle();
  BOOST_TEST(!ports.cmd_ready, "cmd_ready without a key");
  ports.cmd_valid = 0;
  for (CbcCipher cipher : kCiphers) {
    const std::uint16_t tag = static_cast<std::uint16_t>(0x100 + static_cast<int>(cipher));
    BOOST_TEST(unit.load_key(cipher, random_bytes(rng, cbc_key_bytes(cipher)), tag) ==
               unit.timing().key_load_cycles(cipher));
    BOOST_TEST(ports.key_loaded_tag == tag);
    BOOST_TEST(ports.key_loaded_cipher == static_cast<unsigned>(cipher));
    // A waiting key command goes first: cmd_ready stays low while key_cmd_valid.
    ports.cmd_valid = 1;
    ports.key_cmd_valid = 1;
    model.settle();
    BOOST_TEST(!ports.cmd_ready, "cmd_ready while a key command waits");
    ports.key_cmd_valid = 0;
    model.settle();
    BOOST_TEST(ports.cmd_ready, "cmd_ready with a key loaded");
    ports.cmd_valid = 0;
    model.settle();
  }
  // An unknown cipher code leaves no key loaded.
  ports.key_cmd_cipher = 7;
  ports.key_cmd_valid = 1;
  model.tick();
  ports.key_cmd_valid = 0;
  for (int i = 0; i < 100; ++i) model.tick();
  model.settle();
  BOOST_TEST(!ports.key_loaded, "key_loaded after a key command with cipher code 7");
}

// The iCEBreaker's build (AES_COMPACT = 1, HAS_TDES = 0): DES, 3DES and AES-192
// key commands leave key_loaded low (and an AES-192 key after a good one drops
// it); AES-128/256 packets of every kind and several lengths take exactly the
// small form's edges per block (the compact core's 55/75, + 4 to encrypt,
// + 8 to decrypt), with no direction-change clock.
BOOST_AUTO_TEST_CASE(compact_build) {
  std::mt19937_64 rng(4);
  OpenSslCbc openssl;
  auto unit = make_cbc_unit<CbcCompactBuild>("timing");
  auto& ports = *unit.model();
  for (CbcCipher cipher : {CbcCipher::kDes, CbcCipher::kTdes, CbcCipher::kAes192}) {
    BOOST_CHECK_THROW(unit.load_key(cipher, random_bytes(rng, cbc_key_bytes(cipher)), 1),
                      std::runtime_error);
    BOOST_TEST(!ports.key_loaded,
               "cbc_cipher (AES_COMPACT=1) " << cbc_cipher_name(cipher) << " key loaded");
    BOOST_TEST(!ports.cmd_ready);
  }
  const char* kinds[3] = {"encrypt, nonce IV", "encrypt, explicit IV", "decrypt"};
  for (CbcCipher cipher : {CbcCipher::kAes128, CbcCipher::kAes256}) {
    const Bytes key = random_bytes(rng, cbc_key_bytes(cipher));
    BOOST_TEST(unit.load_key(cipher, key, 2) == unit.timing().key_load_cycles(cipher),
               "cbc_cipher (AES_COMPACT=1) " << cbc_cipher_name(cipher) << " key load");
    for (int kind = 0; kind < 3; ++kind) {
      const unsigned t = unit.timing().packet_block_cycles(cipher, kind == 2);
      std::uint64_t previous = 0;
      for (std::size_t blocks :
           {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{94}}) {
        const CbcPacket packet = make_packet(cipher, kind, blocks, rng);
        const std::uint64_t expected = unit.expected_cycles(packet);
        const std::uint64_t cycles = unit.run_packet(packet).cycles();
        BOOST_TEST(cycles == expected, "cbc_cipher (AES_COMPACT=1) "
                                           << cbc_cipher_name(cipher) << " " << kinds[kind] << ", "
                                           << blocks << " blocks: expected " << expected
                                           << " cycles, got " << cycles);
        if (blocks == 2 || blocks == 3)
          BOOST_TEST(cycles - previous == t, "cbc_cipher (AES_COMPACT=1) "
                                                 << cbc_cipher_name(cipher) << " " << kinds[kind]
                                                 << ": one more block costs " << cycles - previous
                                                 << ", not " << t);
        if (blocks == 94)
          BOOST_TEST_MESSAGE("AES_COMPACT=1 " << cbc_cipher_name(cipher) << " " << kinds[kind]
                                              << ": " << t << " cycles per block, overhead "
                                              << cycles - t * blocks << ", 1504 bytes in " << cycles
                                              << " cycles (" << 1504.0 / static_cast<double>(cycles)
                                              << " bytes per cycle)");
        previous = cycles;
      }
    }
    const CbcPacket packet = make_packet(cipher, 2, 5, rng);
    const Bytes iv(packet.input.begin(), packet.input.begin() + 16);
    const Bytes ciphertext(packet.input.begin() + 16, packet.input.end());
    const CbcPacketRun run = unit.run_packet(packet);
    BOOST_TEST(run.output == openssl.cbc(cipher, key, iv, ciphertext, true),
               "cbc_cipher (AES_COMPACT=1) " << cbc_cipher_name(cipher) << " decrypt");
  }
  // An AES-192 key after a good one: nothing is loaded until the next good key.
  BOOST_CHECK_THROW(unit.load_key(CbcCipher::kAes192, random_bytes(rng, 24), 3),
                    std::runtime_error);
  BOOST_TEST(!ports.key_loaded, "cbc_cipher (AES_COMPACT=1): AES-192 key left key_loaded high");
  BOOST_TEST(unit.load_key(CbcCipher::kAes128, random_bytes(rng, 16), 4) ==
             unit.timing().key_load_cycles(CbcCipher::kAes128));
}

BOOST_AUTO_TEST_SUITE_END()
