// Exact timing (docs/esp/gcm_cipher.md): key load, the edge each text word is
// taken (one AES block time per 16 bytes, GHASH hidden behind it), the tag
// edge, packets back to back, key changes between packets, and the key
// command's priority over a packet command.
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>

#include "Vgcm_cipher.h"
#include "Vgcm_cipher_d8.h"
#include "gcm_cipher_driver.hpp"
#include "openssl_gcm_esp.hpp"

using namespace ipsec_fpga::verif;

namespace {

const std::size_t kLengths[] = {0, 4, 8, 12, 16, 20, 28, 32, 36, 48, 64, 256, 1420, 1500};

GcmPacket make_packet(std::mt19937_64& rng, bool decrypt, std::size_t length, bool esn) {
  return {decrypt, random_bytes(rng, 8), random_bytes(rng, esn ? 12 : 8),
          random_bytes(rng, length)};
}

// Checks output and tag against OpenSSL: encryption directly, decryption (of
// random ciphertext) by OpenSSL accepting the unit's tag and giving its text.
void check_against_openssl(const GcmPacket& packet, const GcmPacketRun& run, const Bytes& key,
                           const Bytes& salt, const std::string& name) {
  Bytes nonce = salt;
  nonce.insert(nonce.end(), packet.iv.begin(), packet.iv.end());
  bool tag_ok = false;
  if (packet.decrypt) {
    const Bytes plaintext =
        OpenSslGcm::decrypt(key, nonce, packet.aad, packet.text, run.tag, tag_ok);
    BOOST_TEST((tag_ok && plaintext == run.output), "gcm_cipher " << name << ": OpenSSL rejects");
  } else {
    const GcmReference reference = OpenSslGcm::encrypt(key, nonce, packet.aad, packet.text);
    BOOST_TEST((reference.text == run.output && reference.tag == run.tag),
               "gcm_cipher " << name << ": expected tag " << to_hex(reference.tag) << " got "
                             << to_hex(run.tag));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timing)

BOOST_AUTO_TEST_CASE(word_edges_and_tag_edge) {
  std::mt19937_64 rng(1);
  for (bool aes256 : {false, true}) {
    GcmCipherDriver<Vgcm_cipher> unit(std::string("gcm_cipher_timing_") +
                                      (aes256 ? "aes256" : "aes128"));
    const Bytes key = random_bytes(rng, aes256 ? 32 : 16), salt = random_bytes(rng, 4);
    const std::uint64_t key_cycles = unit.load_key(key, salt, 7);
    BOOST_TEST(key_cycles == GcmTiming::key_load_cycles(aes256),
               "gcm_cipher key load AES-" << (aes256 ? 256 : 128) << ": expected "
                                          << GcmTiming::key_load_cycles(aes256) << " got "
                                          << key_cycles);
    const std::uint64_t t = GcmTiming::block_cycles(aes256);
    for (bool decrypt : {false, true})
      for (std::size_t length : kLengths) {
        const std::string name = std::string(aes256 ? "AES-256 " : "AES-128 ") +
                                 (decrypt ? "decrypt " : "encrypt ") + std::to_string(length) +
                                 " bytes";
        const GcmPacket packet = make_packet(rng, decrypt, length, length % 8 == 4);
        const GcmPacketRun run = unit.run_packet(packet);
        check_against_openssl(packet, run, key, salt, name);
        BOOST_TEST(run.cycles() == unit.expected_cycles(packet),
                   "gcm_cipher " << name << " cycles: expected " << unit.expected_cycles(packet)
                                 << " got " << run.cycles());
        // Word i is taken t + 2 + t * (i / 4) + i % 4 edges after the command.
        for (std::size_t i = 0; i < run.in_edges.size(); ++i) {
          const std::uint64_t expected = t + 2 + t * (i / 4) + i % 4;
          BOOST_TEST(run.in_edges[i] - run.command_edge == expected,
                     "gcm_cipher " << name << " word " << i << " taken at edge +"
                                   << run.in_edges[i] - run.command_edge << ", expected +"
                                   << expected);
        }
        // The tag: 17 edges after the last word (its GHASH block and the length block).
        if (!run.in_edges.empty())
          BOOST_TEST(run.tag_edge - run.in_edges.back() == 17u,
                     "gcm_cipher " << name << " tag " << run.tag_edge - run.in_edges.back()
                                   << " edges after the last word, expected 17");
        BOOST_TEST_MESSAGE("gcm_cipher " << name << ": " << run.cycles() << " cycles");
      }
  }
}

BOOST_AUTO_TEST_CASE(packets_back_to_back_and_key_changes) {
  std::mt19937_64 rng(2);
  GcmCipherDriver<Vgcm_cipher> unit("gcm_cipher_back_to_back");
  Bytes key = random_bytes(rng, 16), salt = random_bytes(rng, 4);
  unit.load_key(key, salt, 1);
  std::uint64_t previous_tag_edge = 0;
  for (unsigned i = 0; i < 24; ++i) {
    if (i % 6 == 5) {
      // A new key right after a packet: its command is taken on the next edge.
      const bool aes256 = (i / 6) % 2 == 0;
      key = random_bytes(rng, aes256 ? 32 : 16);
      salt = random_bytes(rng, 4);
      const std::uint64_t before = unit.model().cycle();
      const std::uint64_t cycles = unit.load_key(key, salt, static_cast<std::uint16_t>(i));
      BOOST_TEST(before == previous_tag_edge + 1, "gcm_cipher key command not on the next edge");
      BOOST_TEST(cycles == GcmTiming::key_load_cycles(aes256));
      previous_tag_edge = 0;
    }
    const GcmPacket packet = make_packet(rng, i % 2 == 1, 4 * (rng() % 100), i % 3 == 0);
    const GcmPacketRun run = unit.run_packet(packet);
    check_against_openssl(packet, run, key, salt, "back-to-back packet " + std::to_string(i));
    BOOST_TEST(run.cycles() == unit.expected_cycles(packet));
    if (previous_tag_edge != 0)
      BOOST_TEST(run.command_edge == previous_tag_edge + 1,
                 "gcm_cipher packet " << i << " command at edge " << run.command_edge
                                      << ", previous tag at " << previous_tag_edge);
    previous_tag_edge = run.tag_edge;
  }
}

BOOST_AUTO_TEST_CASE(handshake_rules) {
  GcmCipherDriver<Vgcm_cipher> unit("gcm_cipher_handshake_rules");
  auto& ports = *unit.model();
  auto& model = unit.model();
  model.settle();
  BOOST_TEST(!ports.key_loaded);
  BOOST_TEST(!ports.cmd_ready);  // no key yet
  BOOST_TEST(ports.key_cmd_ready);
  std::mt19937_64 rng(3);
  unit.load_key(random_bytes(rng, 16), random_bytes(rng, 4), 5);

  // A key command waiting takes priority over a packet command.
  ports.cmd_valid = 1;
  ports.key_cmd_valid = 1;
  model.settle();
  BOOST_TEST(!ports.cmd_ready);
  ports.key_cmd_valid = 0;
  model.settle();
  BOOST_TEST(ports.cmd_ready);
  ports.cmd_length = 32;
  model.tick();  // the packet starts
  ports.cmd_valid = 0;
  // While it runs: no key load, no other command, busy, and no input before its keystream.
  for (unsigned edge = 0; edge < 20; ++edge) {
    ports.s_axis_tvalid = 1;
    model.settle();
    BOOST_TEST(ports.busy);
    BOOST_TEST(!ports.key_cmd_ready);
    BOOST_TEST(!ports.cmd_ready);
    BOOST_TEST(!ports.m_tag_tvalid);
    if (edge < GcmTiming::block_cycles(false)) BOOST_TEST(!ports.s_axis_tready);
    if (ports.s_axis_tready) break;
    model.tick();
  }
  ports.s_axis_tvalid = 0;
  model.settle();
}

// DIGIT_BITS = 8: GHASH (16 clocks per block) limits the stream instead of
// AES. Measured and printed for the documentation, results checked.
BOOST_AUTO_TEST_CASE(digit8_packet_cycles) {
  std::mt19937_64 rng(4);
  for (bool aes256 : {false, true}) {
    GcmCipherDriver<Vgcm_cipher_d8> unit(std::string("gcm_cipher_digit8_") +
                                         (aes256 ? "aes256" : "aes128"));
    const Bytes key = random_bytes(rng, aes256 ? 32 : 16), salt = random_bytes(rng, 4);
    const std::uint64_t key_cycles = unit.load_key(key, salt, 9);
    BOOST_TEST(key_cycles == GcmTiming::key_load_cycles(aes256));
    for (std::size_t length :
         {std::size_t{0}, std::size_t{16}, std::size_t{64}, std::size_t{1500}}) {
      const GcmPacket packet = make_packet(rng, false, length, false);
      const GcmPacketRun run = unit.run_packet(packet);
      const std::string name = std::string("DIGIT_BITS=8 ") + (aes256 ? "AES-256 " : "AES-128 ") +
                               std::to_string(length) + " bytes";
      check_against_openssl(packet, run, key, salt, name);
      BOOST_TEST_MESSAGE("gcm_cipher " << name << ": " << run.cycles() << " cycles");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
