// RFC 3602 section 4: cases #1-#4 through the CBC path, and the ESP packets
// of cases #5-#8 (AES-128-CBC, no integrity) bit for bit, out and back in.
#define BOOST_TEST_MODULE esp_reference_rfc3602_vectors
#include <boost/test/unit_test.hpp>
#include <string>

#include "bytes.hpp"
#include "esp_cipher.hpp"
#include "esp_codec.hpp"
#include "esp_inbound.hpp"
#include "esp_outbound.hpp"
#include "sa_table.hpp"

namespace ipsec_fpga::verif::esp {
namespace {

Bytes ascii(const std::string& text) { return Bytes(text.begin(), text.end()); }

struct CbcCase {
  const char* name;
  const char* key;
  const char* iv;
  Bytes plaintext;
  const char* ciphertext;
};

const CbcCase cbc_cases[] = {
    {"#1", "06a9214036b8a15b512e03d534120006", "3dafba429d9eb430b422da802c9fac41",
     ascii("Single block msg"), "e353779c1079aeb82708942dbe77181a"},
    {"#2", "c286696d887c9aa0611bbb3e2025a45a", "562e17996d093d28ddb3ba695a2e6f58",
     from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"),
     "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1"},
    {"#3", "6c3ea0477630ce21a2ce334aa746c2cd", "c782dc4c098c66cbd9cd27d825682c81",
     ascii("This is a 48-byte message (exactly 3 AES blocks)"),
     "d0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5"
     "021c19216bad525c8579695d83ba2684"},
    {"#4", "56e47a38c5598974bc46903dba290349", "8ce82eefbea0da3c44699ed7db51b7d9",
     from_hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
              "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"),
     "c30e32ffedc0774e6aff6af0869f71aa0f3af07a9a31a9c684db207eb0ef8e4e"
     "35907aa632c3ffdf868bb7b29d3d46ad83ce9f9a102ee99d49a53e87f4c3da55"},
};

BOOST_AUTO_TEST_CASE(plain_cbc_cases_1_to_4) {
  for (const CbcCase& c : cbc_cases) {
    BOOST_TEST_CONTEXT("RFC 3602 case " << c.name) {
      const SecretBytes key(from_hex(c.key));
      const Bytes iv = from_hex(c.iv);
      const Bytes ciphertext = cbc_encrypt(Cipher::aes128_cbc, key, iv, c.plaintext);
      BOOST_TEST(to_hex(ciphertext) == c.ciphertext);
      BOOST_TEST(to_hex(cbc_decrypt(Cipher::aes128_cbc, key, iv, ciphertext)) ==
                 to_hex(c.plaintext));
    }
  }
}

// The SA of cases #5-#8: AES-128-CBC without integrity (which the engine
// itself does not offer; see offered_by_engine).
SecurityAssociation rfc3602_sa(std::uint32_t spi, const char* key, Direction direction, Mode mode,
                               Encapsulation encapsulation, std::uint64_t last_sequence) {
  SecurityAssociation sa;
  sa.spi = spi;
  sa.direction = direction;
  sa.mode = mode;
  sa.encapsulation = encapsulation;
  sa.suite = {Cipher::aes128_cbc, Integrity::none};
  sa.cipher_key = SecretBytes(from_hex(key));
  sa.sequence = last_sequence;
  return sa;
}

const char* const key_5_6 = "90d382b410eeba7ad938c46cec1a82bf";
const char* const key_7_8 = "0123456789abcdef0123456789abcdef";

// Sends `inner` on a fresh outbound SA and checks the packet; then receives
// the packet on the inbound twin and checks the inner packet comes back.
void check_both_ways(SecurityAssociation outbound, const Bytes& inner, const Bytes& iv,
                     std::uint16_t identification, const std::string& expected_packet,
                     std::uint8_t expected_next_header, const Bytes& expected_inner) {
  SaTable table;
  SecurityAssociation inbound = outbound;
  inbound.direction = Direction::inbound;
  SaEntry& sender = table.add(std::move(outbound));
  table.add(std::move(inbound));

  const OutboundResult sent = process_outbound(sender, {inner, iv, identification, {}});
  BOOST_TEST(to_string(sent.status) == "ok");
  BOOST_TEST(to_hex(sent.packet) == expected_packet);

  const InboundResult received = process_inbound(table, sent.packet, sender.sa.encapsulation);
  BOOST_TEST(to_string(received.status) == "ok");
  BOOST_TEST(received.sequence == sent.sequence);
  BOOST_TEST(received.next_header == expected_next_header);
  BOOST_TEST(to_hex(received.inner) == to_hex(expected_inner));
}

BOOST_AUTO_TEST_CASE(case_5_transport_mode_full_ipv4_packet) {
  const Bytes original = from_hex(
      "45000054 08f20000 4001f9fe c0a87b03 c0a87b64"
      "08000ebd a70a0000 8e9c083d b95b0700 08090a0b 0c0d0e0f 10111213 14151617"
      "18191a1b 1c1d1e1f 20212223 24252627 28292a2b 2c2d2e2f 30313233 34353637");
  const std::string expected =
      to_hex(from_hex("4500007c 08f20000 4032f9a5 c0a87b03 c0a87b64"
                      "00004321 00000001"
                      "e96e8c08 ab465763 fd098d45 dd3ff893"
                      "f663c25d 325c18c6 a9453e19 4e120849 a4870b66 cc6b9965 330013b4 898dc856"
                      "a4699e52 3a55db08 0b59ec3a 8e4b7e52 775b07d1 db34ed9c 538ab50c 551b874a"
                      "a269add0 47ad2d59 13ac19b7 cfbad4a6"));
  check_both_ways(
      rfc3602_sa(0x4321, key_5_6, Direction::outbound, Mode::transport, Encapsulation::ipv4, 0),
      original, from_hex("e96e8c08ab465763fd098d45dd3ff893"), 0, expected, 1, original);
}

BOOST_AUTO_TEST_CASE(case_6_transport_mode_esp) {
  // The RFC prints the ESP payload; the IPv4 header around it here is made
  // up (only its protocol, ICMP, reaches the ESP packet).
  const Bytes icmp = from_hex("0800b5e8a80a0500a69c083d0b660e00777777777777777777777777");
  Bytes original = from_hex("4500 0030 0000 0000 4001 0000 c0000201 c6336401");
  original.insert(original.end(), icmp.begin(), icmp.end());
  const std::string expected =
      "0000432100000008"
      "69d08df7d203329db093fc4924e5bd80"
      "f51995881ec4e0c4488987ce742e8109689bb379d2d750c0d915dca346a89f75";
  check_both_ways(
      rfc3602_sa(0x4321, key_5_6, Direction::outbound, Mode::transport, Encapsulation::bare_esp, 7),
      original, from_hex("69d08df7d203329db093fc4924e5bd80"), 0, expected, 1, icmp);
}

BOOST_AUTO_TEST_CASE(case_7_tunnel_mode_full_ipv4_packet) {
  const Bytes inner = from_hex(
      "45000054 09040000 4001f988 c0a87b03 c0a87bc8 08009f76 a90a0100 b49c083d"
      "02a20400 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f 20212223"
      "24252627 28292a2b 2c2d2e2f 30313233 34353637");
  const std::string expected =
      to_hex(from_hex("4500008c 09050000 4032f91e c0a87b03 c0a87bc8"
                      "00008765 00000002"
                      "f4e76524 4f6407ad f13dc138 0f673f37"
                      "773b5241 a4c44922 5e4f3ce5 ed611b0c 237ca96c f74a9301 3c1b0ea1 a0cf70f8"
                      "e4ecaec7 8ac53aad 7a0f022b 859243c6 47752e94 a859352b 8a4d4d2d ecd136e5"
                      "c177f132 ad3fbfb2 201ac990 4c74ee0a 109e0ca1 e4dfe9d5 a100b842 f1c22f0d"));
  SecurityAssociation sa =
      rfc3602_sa(0x8765, key_7_8, Direction::outbound, Mode::tunnel, Encapsulation::ipv4, 1);
  sa.tunnel_source = {192, 168, 123, 3};
  sa.tunnel_destination = {192, 168, 123, 200};
  sa.ttl = 64;
  check_both_ways(std::move(sa), inner, from_hex("f4e765244f6407adf13dc1380f673f37"), 0x0905,
                  expected, 4, inner);
}

BOOST_AUTO_TEST_CASE(case_8_tunnel_mode_esp) {
  const Bytes inner = from_hex(
      "45000044090c00004001f990c0a87b03c0a87bc80800d63caa0a0200c69c083da3de0300"
      "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
  const std::string expected =
      "0000876500000005"
      "85d47224b5f3dd5d2101d4ea8dffab22"
      "15b92683819596a8047232cc00f7048fe45318e11f8a0f62ede3c3fc61203bb5"
      "0f980a08c9843fd3a1b06d5c07ff9639b7eb7dfb3512e5de435e7207ed971ef3"
      "d2726d9b5ef6affc6d17a0decbb13892";
  check_both_ways(
      rfc3602_sa(0x8765, key_7_8, Direction::outbound, Mode::tunnel, Encapsulation::bare_esp, 4),
      inner, from_hex("85d47224b5f3dd5d2101d4ea8dffab22"), 0, expected, 4, inner);
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp
