// Random packets against OpenSSL: per cipher at least 5,000 encrypt and 5,000
// decrypt packets (shuffled), payload lengths 0..1504 bytes (every block
// multiple), random keys (a new one every 1..16 packets), IVs and nonces; 30%
// random idle cycles on the input and back-pressure on the output for three
// packets in four, exact cycle counts asserted on the others. A last test
// switches the cipher with every key. The compact_* cases run the iCEBreaker's
// build (AES_COMPACT = 1: 55/75 clocks per block) with 1,000 packets per key
// size (over 20,000 blocks each way), to keep its time small.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <vector>

#include "cbc_builds.hpp"
#include "openssl_cbc.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;

namespace {

constexpr std::size_t kMaxPayload = 1504;

struct RandomStats {
  std::uint64_t packets = 0, timed = 0, failures = 0, stalls = 0, refusals = 0, cycles = 0;
};

// Makes a random packet for the unit's current key and its expected output.
std::pair<CbcPacket, Bytes> random_packet(std::mt19937_64& rng, OpenSslCbc& openssl,
                                          CbcCipher cipher, const Bytes& key, bool decrypt) {
  const std::size_t block = cbc_block_bytes(cipher);
  const std::size_t blocks =
      std::uniform_int_distribution<std::size_t>(0, kMaxPayload / block)(rng);
  const Bytes payload = random_bytes(rng, blocks * block);
  CbcPacket packet;
  packet.decrypt = decrypt;
  if (decrypt) {
    const Bytes iv = random_bytes(rng, block);
    packet.input = iv;
    packet.input.insert(packet.input.end(), payload.begin(), payload.end());
    return {packet, openssl.cbc(cipher, key, iv, payload, true)};
  }
  packet.explicit_iv = rng() % 2 == 0;
  packet.input = payload;
  Bytes iv;
  if (packet.explicit_iv) {
    packet.iv = random_bytes(rng, block);
    iv = packet.iv;
  } else {
    packet.iv = random_bytes(rng, 8);
    iv = openssl.ecb_encrypt(cipher, key, cbc_nonce_block(cipher, packet.iv));
  }
  Bytes expected = iv;
  const Bytes ciphertext = openssl.cbc(cipher, key, iv, payload, false);
  expected.insert(expected.end(), ciphertext.begin(), ciphertext.end());
  return {packet, expected};
}

// Loads a random key of `cipher` and checks the load time and the key status ports.
template <class Model>
Bytes load_random_key(CbcCipherDriver<Model>& unit, std::mt19937_64& rng, CbcCipher cipher,
                      RandomStats& stats) {
  const Bytes key = random_bytes(rng, cbc_key_bytes(cipher));
  const auto tag = static_cast<std::uint16_t>(rng());
  const std::uint64_t cycles = unit.load_key(cipher, key, tag);
  auto& ports = *unit.model();
  const unsigned expected = unit.timing().key_load_cycles(cipher);
  const bool ok = cycles == expected && ports.key_loaded_tag == tag &&
                  ports.key_loaded_cipher == static_cast<unsigned>(cipher);
  BOOST_TEST(ok, "cbc_cipher " << cbc_cipher_name(cipher) << " key load: expected " << expected
                               << " cycles and tag " << tag << ", got " << cycles << " cycles, tag "
                               << ports.key_loaded_tag << ", cipher "
                               << unsigned(ports.key_loaded_cipher));
  if (!ok) ++stats.failures;
  return key;
}

// Runs one packet with or without jitter and checks output, framing and (without jitter) cycles.
template <class Model>
void run_and_check(CbcCipherDriver<Model>& unit, std::mt19937_64& rng, OpenSslCbc& openssl,
                   const Bytes& key, bool decrypt, RandomStats& stats, const std::string& where) {
  const CbcCipher cipher = unit.cipher();
  const auto [packet, expected] = random_packet(rng, openssl, cipher, key, decrypt);
  const bool timed = rng() % 4 == 0;
  HandshakeJitter input_jitter(rng, 30), output_jitter(rng, 30);
  const std::uint64_t expected_cycles = unit.expected_cycles(packet);
  const unsigned idle = static_cast<unsigned>(rng() % 4);
  const CbcPacketRun run = timed ? unit.run_packet(packet, nullptr, nullptr, idle)
                                 : unit.run_packet(packet, &input_jitter, &output_jitter, idle);
  ++stats.packets;
  stats.stalls += run.output_stalled;
  stats.refusals += run.input_refused;
  const std::string what =
      std::string(unit.timing().aes_compact ? "cbc_cipher (AES_COMPACT=1) " : "cbc_cipher ") +
      cbc_cipher_name(cipher) +
      (decrypt              ? " decrypt"
       : packet.explicit_iv ? " encrypt (explicit IV)"
                            : " encrypt (nonce)") +
      ", " + where + ", " + std::to_string(packet.input.size()) + "-byte input";
  bool ok = run.output == expected;
  BOOST_TEST(run.output == expected,
             what << ": expected " << to_hex(expected) << " got " << to_hex(run.output));
  ok = ok && run.framing_error.empty();
  BOOST_TEST(run.framing_error.empty(), what << ": " << run.framing_error);
  if (timed) {
    ++stats.timed;
    stats.cycles += run.cycles();
    ok = ok && run.cycles() == expected_cycles;
    BOOST_TEST(run.cycles() == expected_cycles,
               what << ": expected " << expected_cycles << " cycles, got " << run.cycles());
  }
  if (!ok) ++stats.failures;
}

template <class Build>
void random_packets(CbcCipher cipher, std::uint64_t default_seed, std::size_t per_direction) {
  const std::string name = std::string(Build::kName) + " random " + cbc_cipher_name(cipher);
  std::mt19937_64 rng(test_seed(name, default_seed));
  auto unit = make_cbc_unit<Build>("random_" + std::to_string(static_cast<int>(cipher)));
  OpenSslCbc openssl;
  std::vector<bool> directions(2 * per_direction, false);
  std::fill(directions.begin() + static_cast<std::ptrdiff_t>(per_direction), directions.end(),
            true);
  std::shuffle(directions.begin(), directions.end(), rng);

  RandomStats stats;
  Bytes key;
  std::size_t packets_left_for_key = 0;
  for (std::size_t i = 0; i < directions.size() && stats.failures < 5; ++i) {
    if (packets_left_for_key == 0) {
      key = load_random_key(unit, rng, cipher, stats);
      packets_left_for_key = 1 + rng() % 16;
    }
    --packets_left_for_key;
    run_and_check(unit, rng, openssl, key, directions[i], stats, "packet " + std::to_string(i));
  }
  BOOST_TEST_MESSAGE(name << ": " << stats.packets << " packets, " << stats.timed
                          << " with cycles asserted, output stalled " << stats.stalls
                          << " clocks, input refused " << stats.refusals << " clocks");
  BOOST_TEST(stats.packets == directions.size());
  BOOST_TEST(stats.stalls > 0, name << ": the output never stalled");
  BOOST_TEST(stats.refusals > 0, name << ": the input never waited");
}

// Every key load switches to a random cipher the build has (AES after DES and
// back, key sizes changing), so key loads, the AES core's remembered
// direction and the block width all change between packets.
template <class Build>
void run_cipher_switches(std::uint64_t default_seed, std::size_t keys) {
  const std::string name = std::string(Build::kName) + " random cipher switches";
  std::mt19937_64 rng(test_seed(name, default_seed));
  auto unit = make_cbc_unit<Build>("random_switches");
  OpenSslCbc openssl;
  std::vector<CbcCipher> ciphers;
  for (int c = 0; c < 5; ++c)
    if (Build::offers(static_cast<CbcCipher>(c))) ciphers.push_back(static_cast<CbcCipher>(c));
  RandomStats stats;
  for (std::size_t k = 0; k < keys && stats.failures < 5; ++k) {
    const CbcCipher cipher = ciphers[rng() % ciphers.size()];
    const Bytes key = load_random_key(unit, rng, cipher, stats);
    const std::size_t packets = 1 + rng() % 4;
    for (std::size_t i = 0; i < packets; ++i)
      run_and_check(unit, rng, openssl, key, rng() % 2 == 0, stats,
                    "key " + std::to_string(k) + " packet " + std::to_string(i));
  }
  BOOST_TEST_MESSAGE(name << ": " << stats.packets << " packets, " << stats.timed
                          << " with cycles asserted");
  BOOST_TEST(stats.failures == 0u);
}

constexpr std::size_t kPerDirection = 5000;
constexpr std::size_t kCompactPerDirection = 500;

}  // namespace

BOOST_AUTO_TEST_SUITE(random_against_openssl)
BOOST_AUTO_TEST_CASE(des) { random_packets<CbcFullBuild>(CbcCipher::kDes, 0xcbc0, kPerDirection); }
BOOST_AUTO_TEST_CASE(tdes) {
  random_packets<CbcFullBuild>(CbcCipher::kTdes, 0xcbc1, kPerDirection);
}
BOOST_AUTO_TEST_CASE(aes128) {
  random_packets<CbcFullBuild>(CbcCipher::kAes128, 0xcbc2, kPerDirection);
}
BOOST_AUTO_TEST_CASE(aes192) {
  random_packets<CbcFullBuild>(CbcCipher::kAes192, 0xcbc3, kPerDirection);
}
BOOST_AUTO_TEST_CASE(aes256) {
  random_packets<CbcFullBuild>(CbcCipher::kAes256, 0xcbc4, kPerDirection);
}
BOOST_AUTO_TEST_CASE(cipher_switches) { run_cipher_switches<CbcFullBuild>(0xcbc5, 300); }

// The iCEBreaker's build (aes_core_compact, no DES/3DES, no AES-192).
BOOST_AUTO_TEST_CASE(compact_aes128) {
  random_packets<CbcCompactBuild>(CbcCipher::kAes128, 0xcbc6, kCompactPerDirection);
}
BOOST_AUTO_TEST_CASE(compact_aes256) {
  random_packets<CbcCompactBuild>(CbcCipher::kAes256, 0xcbc7, kCompactPerDirection);
}
BOOST_AUTO_TEST_CASE(compact_key_switches) { run_cipher_switches<CbcCompactBuild>(0xcbc8, 100); }
BOOST_AUTO_TEST_SUITE_END()
