// Known answers: the RFC 4106 ESP packets of draft-mcgrew-gcm-test-01 (every
// AES-128/256 case, both directions, ESN cases included) and the GCM paper's
// 96-bit-IV cases 1-4 and 13-16 (ciphertext against the paper; the paper's
// AAD is not an ESP AAD, so the tag for an 8-byte AAD is checked against
// OpenSSL).
#include <boost/test/unit_test.hpp>
#include <string>

#include "Vgcm_cipher.h"
#include "gcm_cipher_driver.hpp"
#include "gcm_known_answers.hpp"
#include "openssl_gcm_esp.hpp"
#include "rfc4106_vectors.hpp"

using namespace ipsec_fpga::verif;

namespace {

Bytes slice(const Bytes& bytes, std::size_t from, std::size_t count) {
  return Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(from),
               bytes.begin() + static_cast<std::ptrdiff_t>(from + count));
}

// Runs `text` through the unit in one direction and checks text out and tag.
void check_packet(GcmCipherDriver<Vgcm_cipher>& unit, const std::string& name, bool decrypt,
                  const Bytes& iv, const Bytes& aad, const Bytes& text, const Bytes& expected_text,
                  const Bytes& expected_tag) {
  const GcmPacket packet{decrypt, iv, aad, text};
  const GcmPacketRun run = unit.run_packet(packet);
  const char* direction = decrypt ? "decrypt" : "encrypt";
  BOOST_TEST(run.output == expected_text,
             "gcm_cipher " << direction << " " << name << " text: expected "
                           << to_hex(expected_text) << " got " << to_hex(run.output));
  BOOST_TEST(run.tag == expected_tag, "gcm_cipher " << direction << " " << name << " tag: expected "
                                                    << to_hex(expected_tag) << " got "
                                                    << to_hex(run.tag));
  BOOST_TEST(run.framing_error.empty(),
             "gcm_cipher " << direction << " " << name << ": " << run.framing_error);
  BOOST_TEST(run.cycles() == unit.expected_cycles(packet),
             "gcm_cipher " << direction << " " << name << " cycles: expected "
                           << unit.expected_cycles(packet) << " got " << run.cycles());
}

}  // namespace

BOOST_AUTO_TEST_CASE(rfc4106_esp_packets) {
  GcmCipherDriver<Vgcm_cipher> unit("gcm_cipher_rfc4106");
  for (const Rfc4106Case& c : kRfc4106Cases) {
    const std::string name = "draft-mcgrew-gcm-test-01 case " + std::to_string(c.number);
    const Bytes key = from_hex(c.key), nonce = from_hex(c.nonce);
    const Bytes plaintext = from_hex(c.plaintext), packet = from_hex(c.packet);
    Bytes aad = from_hex(c.spi);
    const Bytes sequence = from_hex(c.sequence);
    aad.insert(aad.end(), sequence.begin(), sequence.end());
    const Bytes iv = slice(nonce, 4, 8);
    const Bytes ciphertext = slice(packet, 16, plaintext.size());
    const Bytes icv = slice(packet, packet.size() - 16, 16);

    const auto cycles =
        unit.load_key(key, slice(nonce, 0, 4), static_cast<std::uint16_t>(c.number));
    BOOST_TEST(cycles == GcmTiming::key_load_cycles(key.size() == 32),
               "gcm_cipher " << name << " key load cycles: expected "
                             << GcmTiming::key_load_cycles(key.size() == 32) << " got " << cycles);
    BOOST_TEST(unit.model()->key_loaded_tag == static_cast<unsigned>(c.number));
    check_packet(unit, name, false, iv, aad, plaintext, ciphertext, icv);
    check_packet(unit, name, true, iv, aad, ciphertext, plaintext, icv);
  }
}

BOOST_AUTO_TEST_CASE(gcm_paper_cases_with_96_bit_iv) {
  GcmCipherDriver<Vgcm_cipher> unit("gcm_cipher_gcm_paper");
  for (const GcmKnownAnswer& k : gcm_known_answers()) {
    if (k.iv.size() != 24) continue;  // 64- and 480-bit IVs are not ESP's
    const std::string name = "GCM paper test case " + std::to_string(k.number);
    const Bytes key = from_hex(k.key), nonce = from_hex(k.iv);
    const Bytes plaintext = from_hex(k.plaintext), ciphertext = from_hex(k.ciphertext);
    // An ESP AAD instead of the paper's: its first 8 bytes, or 8 zero bytes.
    Bytes aad = from_hex(k.aad);
    aad.resize(8, 0);
    const GcmReference reference = OpenSslGcm::encrypt(key, nonce, aad, plaintext);
    BOOST_TEST(to_hex(reference.text) == to_hex(ciphertext),
               "OpenSSL disagrees with " << name << " ciphertext");

    unit.load_key(key, slice(nonce, 0, 4), static_cast<std::uint16_t>(k.number));
    check_packet(unit, name, false, slice(nonce, 4, 8), aad, plaintext, ciphertext, reference.tag);
    check_packet(unit, name, true, slice(nonce, 4, 8), aad, ciphertext, plaintext, reference.tag);
  }
}
