// Random packets against OpenSSL EVP AES-GCM: per key size 5,000 packets, the
// first 1,504 covering every text length 0..1500 (step 4, so every block
// boundary and every partial last block) in both directions with both AAD
// sizes, the rest random; random keys, salts and tags (a new key every 1..16
// packets, load time asserted); 30% random idle cycles on s_axis and
// back-pressure on m_axis and m_tag for three packets in four, exact cycle
// counts asserted on the others. The same, once per shape, with DIGIT_BITS = 8.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "Vgcm_cipher.h"
#include "Vgcm_cipher_d8.h"
#include "gcm_cipher_driver.hpp"
#include "openssl_gcm_esp.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;

namespace {

constexpr std::size_t kMaxText = 1500;
constexpr std::size_t kPacketsPerKeySize = 5000;

struct Shape {
  std::size_t length;
  bool decrypt;
  bool esn;
};

// Every length, direction and AAD size once, then random shapes, shuffled.
std::vector<Shape> packet_shapes(std::mt19937_64& rng, std::size_t count) {
  std::vector<Shape> shapes;
  for (std::size_t length = 0; length <= kMaxText; length += 4)
    for (bool decrypt : {false, true})
      for (bool esn : {false, true}) shapes.push_back({length, decrypt, esn});
  std::uniform_int_distribution<std::size_t> words(0, kMaxText / 4);
  while (shapes.size() < count) shapes.push_back({4 * words(rng), rng() % 2 == 0, rng() % 2 == 0});
  std::shuffle(shapes.begin(), shapes.end(), rng);
  return shapes;
}

// `Model`: the default build (exact cycles asserted on unjittered packets) or
// DIGIT_BITS = 8 (GHASH slower than AES: the gather register back-pressures
// the input; cycles not asserted).
template <class Model>
void random_packets(bool aes256, std::uint64_t default_seed,
                    std::size_t packet_count = kPacketsPerKeySize, const char* config = "") {
  constexpr bool kTimed = std::is_same_v<Model, Vgcm_cipher>;
  const std::string key_name = std::string(aes256 ? "AES-256-GCM" : "AES-128-GCM") + config;
  std::mt19937_64 rng(test_seed("gcm_cipher random " + key_name, default_seed));
  GcmCipherDriver<Model> unit(std::string("gcm_cipher_random_") + (aes256 ? "aes256" : "aes128") +
                              config);
  HandshakeJitter input_jitter(rng, 30), output_jitter(rng, 30), tag_jitter(rng, 30);

  Bytes key, salt;
  unsigned packets_left_on_key = 0, failures = 0, timed = 0;
  std::uint64_t blocks = 0, stalls = 0, refusals = 0, tag_stalls = 0;
  const std::vector<Shape> shapes = packet_shapes(rng, packet_count);
  for (std::size_t index = 0; index < shapes.size(); ++index) {
    const Shape& shape = shapes[index];
    if (packets_left_on_key == 0) {
      key = random_bytes(rng, aes256 ? 32 : 16);
      salt = random_bytes(rng, 4);
      const auto tag = static_cast<std::uint16_t>(rng());
      const std::uint64_t cycles = unit.load_key(key, salt, tag, rng() % 3);
      const bool ok =
          cycles == GcmTiming::key_load_cycles(aes256) && unit.model()->key_loaded_tag == tag;
      BOOST_TEST(ok, "gcm_cipher " << key_name << " key load before packet " << index
                                   << ": expected " << GcmTiming::key_load_cycles(aes256)
                                   << " cycles and tag " << tag << ", got " << cycles
                                   << " cycles, tag " << unit.model()->key_loaded_tag);
      if (!ok) ++failures;
      packets_left_on_key = 1 + rng() % 16;
    }
    --packets_left_on_key;

    const Bytes iv = random_bytes(rng, 8);
    const Bytes aad = random_bytes(rng, shape.esn ? 12 : 8);
    Bytes nonce = salt;
    nonce.insert(nonce.end(), iv.begin(), iv.end());
    const Bytes plaintext = random_bytes(rng, shape.length);
    const GcmReference reference = OpenSslGcm::encrypt(key, nonce, aad, plaintext);
    const GcmPacket packet{shape.decrypt, iv, aad, shape.decrypt ? reference.text : plaintext};
    const Bytes& expected = shape.decrypt ? plaintext : reference.text;

    const bool jittered = index % 4 != 0;
    const GcmPacketRun run =
        jittered ? unit.run_packet(packet, &input_jitter, &output_jitter, &tag_jitter, rng() % 3)
                 : unit.run_packet(packet);
    bool tag_ok = true;
    if (shape.decrypt) OpenSslGcm::decrypt(key, nonce, aad, packet.text, run.tag, tag_ok);
    const bool cycles_ok = jittered || !kTimed || run.cycles() == unit.expected_cycles(packet);
    const bool ok = run.output == expected && run.tag == reference.tag && tag_ok &&
                    run.framing_error.empty() && cycles_ok;
    BOOST_TEST(
        ok, "gcm_cipher " << key_name << (shape.decrypt ? " decrypt" : " encrypt")
                          << " random packet " << index << " (" << shape.length << " bytes, AAD "
                          << aad.size() << "): expected text " << to_hex(expected) << " tag "
                          << to_hex(reference.tag) << ", got text " << to_hex(run.output) << " tag "
                          << to_hex(run.tag) << "; framing '" << run.framing_error << "'; cycles "
                          << run.cycles() << " (expected " << unit.expected_cycles(packet)
                          << ", jittered " << jittered << "); OpenSSL accepts the tag: " << tag_ok);
    if (!ok && ++failures > 10) BOOST_FAIL("gcm_cipher " << key_name << ": too many failures");
    if (!jittered && kTimed) ++timed;
    blocks += (shape.length + 15) / 16;
    stalls += run.output_stalled;
    refusals += run.input_refused;
    tag_stalls += run.tag_stalled;
  }
  BOOST_TEST_MESSAGE("gcm_cipher " << key_name << ": " << shapes.size() << " packets, " << blocks
                                   << " blocks, " << timed << " timed exactly, " << stalls
                                   << " output stalls, " << tag_stalls << " tag stalls, "
                                   << refusals << " input refusals");
  BOOST_TEST(stalls > 0);
  BOOST_TEST(tag_stalls > 0);
  BOOST_TEST(refusals > 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(random_against_openssl)

BOOST_AUTO_TEST_CASE(aes128) { random_packets<Vgcm_cipher>(false, 0x6c6d4131); }
BOOST_AUTO_TEST_CASE(aes256) { random_packets<Vgcm_cipher>(true, 0x6c6d4132); }
// Every length and shape once (1,504 packets) per key size with DIGIT_BITS = 8.
BOOST_AUTO_TEST_CASE(aes128_digit8) {
  random_packets<Vgcm_cipher_d8>(false, 0x6c6d4133, 1504, "_digit8");
}
BOOST_AUTO_TEST_CASE(aes256_digit8) {
  random_packets<Vgcm_cipher_d8>(true, 0x6c6d4134, 1504, "_digit8");
}

BOOST_AUTO_TEST_SUITE_END()
