// RFC 3602 section 4 cases #5-#8 (AES-128-CBC ESP, no integrity): the
// published ESP packets go in, the published plaintext must come out
// (transport mode: the received IPv4 header with protocol, length and
// checksum fixed; bare transport: the payload alone; tunnel: the inner
// packet). Packets and plaintexts typed from the RFC (as in
// verif/esp_model/tests/rfc3602_vectors_test.cpp, which keeps its data private).
#include <boost/test/unit_test.hpp>

#include "inbound_test_support.hpp"

namespace ipsec_fpga::verif::esp_rtl::test {
namespace {

esp::SecurityAssociation rfc3602_sa(std::uint32_t spi, const char* key, esp::Direction direction,
                                    esp::Mode mode, esp::Encapsulation form,
                                    std::uint64_t last_sequence) {
  esp::SecurityAssociation sa;
  sa.spi = spi;
  sa.direction = direction;
  sa.mode = mode;
  sa.encapsulation = form;
  sa.suite = {esp::Cipher::aes128_cbc, esp::Integrity::none};
  sa.cipher_key = esp::SecretBytes(from_hex(key));
  sa.sequence = last_sequence;
  return sa;
}

const char* const key_5_6 = "90d382b410eeba7ad938c46cec1a82bf";
const char* const key_7_8 = "0123456789abcdef0123456789abcdef";

struct Case {
  const char* name;
  std::uint32_t spi;
  const char* key;
  esp::Mode mode;
  esp::Encapsulation form;
  std::uint64_t last_sequence;
  const char* packet;
  const char* plaintext;  // what the engine must emit
  std::uint64_t sequence;
};

const Case cases[] = {
    {"#5 transport, IPv4", 0x4321, key_5_6, esp::Mode::transport, esp::Encapsulation::ipv4, 0,
     "4500007c 08f20000 4032f9a5 c0a87b03 c0a87b64 00004321 00000001"
     "e96e8c08 ab465763 fd098d45 dd3ff893"
     "f663c25d 325c18c6 a9453e19 4e120849 a4870b66 cc6b9965 330013b4 898dc856"
     "a4699e52 3a55db08 0b59ec3a 8e4b7e52 775b07d1 db34ed9c 538ab50c 551b874a"
     "a269add0 47ad2d59 13ac19b7 cfbad4a6",
     "45000054 08f20000 4001f9fe c0a87b03 c0a87b64"
     "08000ebd a70a0000 8e9c083d b95b0700 08090a0b 0c0d0e0f 10111213 14151617"
     "18191a1b 1c1d1e1f 20212223 24252627 28292a2b 2c2d2e2f 30313233 34353637",
     1},
    {"#6 transport, bare ESP", 0x4321, key_5_6, esp::Mode::transport, esp::Encapsulation::bare_esp,
     7,
     "00004321 00000008 69d08df7 d203329d b093fc49 24e5bd80"
     "f5199588 1ec4e0c4 488987ce 742e8109 689bb379 d2d750c0 d915dca3 46a89f75",
     "0800b5e8 a80a0500 a69c083d 0b660e00 77777777 77777777 77777777", 8},
    {"#7 tunnel, IPv4", 0x8765, key_7_8, esp::Mode::tunnel, esp::Encapsulation::ipv4, 1,
     "4500008c 09050000 4032f91e c0a87b03 c0a87bc8 00008765 00000002"
     "f4e76524 4f6407ad f13dc138 0f673f37"
     "773b5241 a4c44922 5e4f3ce5 ed611b0c 237ca96c f74a9301 3c1b0ea1 a0cf70f8"
     "e4ecaec7 8ac53aad 7a0f022b 859243c6 47752e94 a859352b 8a4d4d2d ecd136e5"
     "c177f132 ad3fbfb2 201ac990 4c74ee0a 109e0ca1 e4dfe9d5 a100b842 f1c22f0d",
     "45000054 09040000 4001f988 c0a87b03 c0a87bc8 08009f76 a90a0100 b49c083d"
     "02a20400 08090a0b 0c0d0e0f 10111213 14151617 18191a1b 1c1d1e1f 20212223"
     "24252627 28292a2b 2c2d2e2f 30313233 34353637",
     2},
    {"#8 tunnel, bare ESP", 0x8765, key_7_8, esp::Mode::tunnel, esp::Encapsulation::bare_esp, 4,
     "00008765 00000005 85d47224 b5f3dd5d 2101d4ea 8dffab22"
     "15b92683 819596a8 047232cc 00f7048f e45318e1 1f8a0f62 ede3c3fc 61203bb5"
     "0f980a08 c9843fd3 a1b06d5c 07ff9639 b7eb7dfb 3512e5de 435e7207 ed971ef3"
     "d2726d9b 5ef6affc 6d17a0de cbb13892",
     "45000044 090c0000 4001f990 c0a87b03 c0a87bc8 0800d63c aa0a0200 c69c083d a3de0300"
     "ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff",
     5},
};

}  // namespace

BOOST_AUTO_TEST_CASE(rfc3602_cases_5_to_8) {
  for (const Case& c : cases) {
    InboundWorld world(std::string("esp_inbound_rfc3602_") + c.name[1], 1);
    world.add_pair(
        c.spi & 63, rfc3602_sa(c.spi, c.key, esp::Direction::outbound, c.mode, c.form, 0),
        rfc3602_sa(c.spi, c.key, esp::Direction::inbound, c.mode, c.form, c.last_sequence));
    const Bytes packet = from_hex(c.packet);
    const unsigned form = static_cast<unsigned>(c.form);
    const InboundResult expected = world.expect(packet, form);
    BOOST_TEST(to_hex(expected.output) == to_hex(from_hex(c.plaintext)),
               "reference model disagrees with RFC 3602 " << c.name);
    const auto results = world.driver.run({{packet, form, 0}});
    BOOST_TEST(results[0].code == 0u,
               "esp_inbound RFC 3602 " << c.name << ": status " << results[0].code);
    BOOST_TEST(results[0].sequence == c.sequence);
    BOOST_TEST(to_hex(results[0].output) == to_hex(from_hex(c.plaintext)),
               "esp_inbound RFC 3602 " << c.name << ": expected " << c.plaintext << " got "
                                       << to_hex(results[0].output));
    check_result(std::string("RFC 3602 ") + c.name, results[0], expected);
  }
}

}  // namespace ipsec_fpga::verif::esp_rtl::test
