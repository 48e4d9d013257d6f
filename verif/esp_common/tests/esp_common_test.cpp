// The shared testbench helpers are themselves checked: a wrong SA image or
// beat split would make every engine test compare against the wrong thing.
#define BOOST_TEST_MODULE esp_common
#include <boost/test/unit_test.hpp>

#include "axis_packet.hpp"
#include "cbc_onchip_iv.hpp"
#include "sa_image.hpp"

namespace esp = ipsec_fpga::verif::esp;
namespace layout = ipsec_fpga::sa_layout;
using namespace ipsec_fpga::verif;
using namespace ipsec_fpga::verif::esp_rtl;

namespace {
esp::SecurityAssociation inbound_sa() {
  esp::SecurityAssociation sa;
  sa.spi = 0x12345641;
  sa.direction = esp::Direction::inbound;
  sa.mode = esp::Mode::transport;
  sa.encapsulation = esp::Encapsulation::ipv4_udp;
  sa.suite = {esp::Cipher::aes256_cbc, esp::Integrity::hmac_sha1_96};
  sa.cipher_key =
      esp::SecretBytes(from_hex("000102030405060708090a0b0c0d0e0f"
                                "101112131415161718191a1b1c1d1e1f"));
  sa.integrity_key = esp::SecretBytes(Bytes(20, 0x0b));
  sa.extended_sequence_numbers = true;
  sa.replay_window = 128;
  sa.udp_source_port = 61000;
  sa.tunnel_source = {192, 0, 2, 1};
  sa.lifetime.hard_packets = 1000;
  return sa;
}
}  // namespace

BOOST_AUTO_TEST_CASE(sa_image_places_every_field) {
  const esp::SaEntry entry(inbound_sa());
  const SaWords words = sa_image(entry, {.error_threshold = 7});
  BOOST_TEST(field_value(words, layout::valid) == 1u);
  BOOST_TEST(field_value(words, layout::direction) == layout::values::direction::inbound);
  BOOST_TEST(field_value(words, layout::mode) == layout::values::mode::transport);
  BOOST_TEST(field_value(words, layout::encapsulation) == layout::values::encapsulation::ipv4_udp);
  BOOST_TEST(field_value(words, layout::cipher) == layout::values::cipher::aes256_cbc);
  BOOST_TEST(field_value(words, layout::integrity) == layout::values::integrity::hmac_sha1_96);
  BOOST_TEST(field_value(words, layout::esn) == 1u);
  BOOST_TEST(field_value(words, layout::spi) == 0x12345641u);
  BOOST_TEST(field_value(words, layout::udp_source_port) == 61000u);
  BOOST_TEST(field_value(words, layout::udp_destination_port) == 4500u);
  BOOST_TEST(field_value(words, layout::tunnel_source) == 0xc0000201u);
  BOOST_TEST(field_value(words, layout::error_threshold) == 7u);
  BOOST_TEST(field_value(words, layout::hard_packet_limit) == 1000u);
  BOOST_TEST(words[layout::cipher_key.word] == 0x00010203u);
  BOOST_TEST(words[layout::cipher_key.word + 7] == 0x1c1d1e1fu);
  // HMAC-SHA1 inner state of key 0x0b x 20 is not the SHA-1 IV, and SHA-1 leaves words 5..7 zero.
  BOOST_TEST(words[layout::hmac_inner_state.word] != 0x67452301u);
  BOOST_TEST(words[layout::hmac_inner_state.word + 5] == 0u);
  BOOST_TEST(words[layout::hmac_outer_state.word] != words[layout::hmac_inner_state.word]);
  // A new inbound SA with a 128-packet window: its 4 bitmap words are stale.
  BOOST_TEST(field_value(words, layout::replay_stale) == 0xfu);
}

BOOST_AUTO_TEST_CASE(set_field_keeps_neighbours) {
  SaWords words{};
  set_field(words, layout::cipher, 5);
  set_field(words, layout::ttl, 64);
  set_field(words, layout::sequence, 0x0000000100000002ULL);
  BOOST_TEST(field_value(words, layout::cipher) == 5u);
  BOOST_TEST(field_value(words, layout::ttl) == 64u);
  BOOST_TEST(words[layout::sequence.word] == 1u);
  BOOST_TEST(words[layout::sequence.word + 1] == 2u);
}

BOOST_AUTO_TEST_CASE(onchip_iv_is_the_encrypted_nonce) {
  esp::SecurityAssociation sa = inbound_sa();
  sa.suite = {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96};
  // FIPS-197 C.1 key; the nonce block 0x0005_000000000009 || 0^64 encrypted with it.
  sa.cipher_key = esp::SecretBytes(from_hex("000102030405060708090a0b0c0d0e0f"));
  const Bytes iv = cbc_onchip_iv(sa, 5, 9);
  BOOST_TEST(iv.size() == 16u);
  BOOST_TEST(iv != cbc_onchip_iv(sa, 5, 10));
  BOOST_TEST(iv != cbc_onchip_iv(sa, 6, 9));
  sa.suite = {esp::Cipher::des3_cbc, esp::Integrity::hmac_sha1_96};
  sa.cipher_key = esp::SecretBytes(Bytes(24, 0x11));
  BOOST_TEST(cbc_onchip_iv(sa, 5, 9).size() == 8u);
  sa.suite = {esp::Cipher::aes128_gcm16, esp::Integrity::none};
  BOOST_TEST(cbc_onchip_iv(sa, 5, 9).empty());
  BOOST_TEST(to_hex(gcm_sequence_iv(0x0102030405060708ULL)) == "0102030405060708");
}

BOOST_AUTO_TEST_CASE(beats_round_trip) {
  for (std::size_t size = 1; size <= 13; ++size) {
    Bytes packet;
    for (std::size_t i = 0; i < size; ++i) packet.push_back(static_cast<std::uint8_t>(i + 1));
    const auto beats = to_beats(packet);
    BOOST_TEST(beats.size() == (size + 3) / 4);
    AxisCollector collector;
    for (std::size_t i = 0; i < beats.size(); ++i)
      BOOST_TEST(collector.add(beats[i]) == (i + 1 == beats.size()));
    BOOST_TEST(collector.take() == packet);
  }
  BOOST_TEST(to_beats(from_hex("aabbcc")).front().keep == 0xeu);
  BOOST_TEST(to_beats(Bytes{}).empty());
  AxisCollector collector;
  BOOST_CHECK_THROW(collector.add({0, 0x3, true}), std::runtime_error);
  BOOST_CHECK_THROW(collector.add({0, 0xc, false}), std::runtime_error);
}
