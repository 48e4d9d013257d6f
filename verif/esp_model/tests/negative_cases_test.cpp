// Hostile and broken input, each with its exact status, and never any
// plaintext with it: unknown SPI, replays, ICV and ciphertext bit flips, bad
// padding, truncated, oversized and misaligned packets, wrong outer headers,
// disabled and expired SAs, sequence number exhaustion.
#define BOOST_TEST_MODULE esp_reference_negative_cases
#include <boost/test/unit_test.hpp>

#include "esp_cipher.hpp"
#include "esp_codec.hpp"
#include "esp_integrity.hpp"
#include "sa_pair.hpp"

namespace ipsec_fpga::verif::esp {
namespace {

using test::sample_inner;
using test::SaPair;

const Suite aes_sha1{Cipher::aes128_cbc, Integrity::hmac_sha1_96};
const Suite des3_md5{Cipher::des3_cbc, Integrity::hmac_md5_96};
const Suite gcm128{Cipher::aes128_gcm16, Integrity::none};
const Suite null_sha256{Cipher::null, Integrity::hmac_sha256_128};
const Suite suites[] = {aes_sha1, des3_md5, gcm128, null_sha256};

// Checks the status and that nothing of the payload came out with it.
void expect_rejected(const InboundResult& result, EspStatus status) {
  BOOST_TEST(to_string(result.status) == to_string(status));
  BOOST_TEST(result.inner.empty());
}

BOOST_AUTO_TEST_CASE(unknown_spi) {
  SaPair pair(aes_sha1, Mode::tunnel, Encapsulation::ipv4);
  Bytes packet = pair.send(sample_inner());
  packet[20 + 3] ^= 0x01;  // another SPI; the IPv4 checksum does not cover ESP
  const InboundResult result = pair.receive(packet);
  expect_rejected(result, EspStatus::no_sa);
  BOOST_TEST(result.spi == 0x1001u);
}

BOOST_AUTO_TEST_CASE(spi_zero_is_not_esp) {
  SaPair pair(aes_sha1, Mode::tunnel, Encapsulation::ipv4_udp);
  Bytes packet = pair.send(sample_inner());
  for (std::size_t i = 28; i < 32; ++i) packet[i] = 0;  // RFC 3948 non-ESP marker
  expect_rejected(pair.receive(packet), EspStatus::malformed);
}

BOOST_AUTO_TEST_CASE(replayed_sequence_number) {
  for (const Suite& suite : suites) {
    BOOST_TEST_CONTEXT(to_string(suite.cipher) << "/" << to_string(suite.integrity)) {
      SaPair pair(suite, Mode::tunnel, Encapsulation::bare_esp);
      const Bytes packet = pair.send(sample_inner());
      BOOST_TEST(to_string(pair.receive(packet).status) == "ok");
      expect_rejected(pair.receive(packet), EspStatus::replay);
      BOOST_TEST(pair.receiver->usage.replays == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(sequence_number_left_of_the_window) {
  SaPair pair(aes_sha1, Mode::tunnel, Encapsulation::bare_esp);
  const Bytes old = pair.send(sample_inner(), 1);
  const Bytes edge = pair.send(sample_inner(), 2);
  const Bytes beyond = pair.send(sample_inner(), 65);
  BOOST_TEST(to_string(pair.receive(beyond).status) == "ok");  // the window is now 2..65
  expect_rejected(pair.receive(old), EspStatus::replay);
  BOOST_TEST(to_string(pair.receive(edge).status) == "ok");  // 2 is still inside
}

BOOST_AUTO_TEST_CASE(esn_sequence_number_left_of_the_window_fails_authentication) {
  // RFC 4303 appendix A2.2: with ESN, low bits below the window are taken
  // to belong to the next 2^32 block, so the ICV (over the wrong high bits)
  // fails; the window does not move.
  SaPair pair(aes_sha1, Mode::tunnel, Encapsulation::bare_esp);
  pair.sender->sa.extended_sequence_numbers = true;
  pair.receiver->sa.extended_sequence_numbers = true;
  const Bytes old = pair.send(sample_inner(), 1);
  const Bytes beyond = pair.send(sample_inner(), 65);
  BOOST_TEST(to_string(pair.receive(beyond).status) == "ok");
  const InboundResult result = pair.receive(old);
  expect_rejected(result, EspStatus::auth_failed);
  BOOST_TEST(result.sequence == (std::uint64_t{1} << 32 | 1));
  BOOST_TEST(pair.receiver->sa.sequence == 65u);
}

BOOST_AUTO_TEST_CASE(each_icv_bit_flipped) {
  for (const Suite& suite : suites) {
    BOOST_TEST_CONTEXT(to_string(suite.cipher) << "/" << to_string(suite.integrity)) {
      SaPair pair(suite, Mode::tunnel, Encapsulation::bare_esp);
      const Bytes packet = pair.send(sample_inner());
      const std::size_t icv = icv_size(suite);
      for (std::size_t bit = 0; bit < icv * 8; ++bit) {
        Bytes forged = packet;
        forged[packet.size() - icv + bit / 8] ^= static_cast<std::uint8_t>(1 << (bit % 8));
        expect_rejected(pair.receive(forged), EspStatus::auth_failed);
      }
      BOOST_TEST(pair.receiver->usage.auth_failures == icv * 8);
      // Failed packets did not move the window: the genuine one still passes.
      BOOST_TEST(to_string(pair.receive(packet).status) == "ok");
    }
  }
}

BOOST_AUTO_TEST_CASE(ciphertext_bit_flipped) {
  for (const Suite& suite : suites) {
    BOOST_TEST_CONTEXT(to_string(suite.cipher) << "/" << to_string(suite.integrity)) {
      SaPair pair(suite, Mode::tunnel, Encapsulation::bare_esp);
      const Bytes packet = pair.send(sample_inner());
      const std::size_t first = esp_header_size + properties(suite.cipher).iv_size;
      for (std::size_t at : {std::size_t{0}, first, packet.size() - icv_size(suite) - 1}) {
        Bytes forged = packet;
        forged[at] ^= 0x80;
        expect_rejected(pair.receive(forged), at == 0 ? EspStatus::no_sa : EspStatus::auth_failed);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(ciphertext_bit_flipped_without_integrity_breaks_the_padding) {
  // Encryption-only (as in RFC 3602's vectors): the last block decrypts to
  // noise, so the trailer is almost surely wrong.
  SaPair pair({Cipher::aes128_cbc, Integrity::none}, Mode::tunnel, Encapsulation::bare_esp);
  const Bytes packet = pair.send(sample_inner(30));  // 30 + 2 = 32: no padding bytes at all
  Bytes forged = packet;
  forged[packet.size() - 1] ^= 0x01;  // flips the pad length byte itself
  expect_rejected(pair.receive(forged), EspStatus::decrypt_failed);
  BOOST_TEST(pair.receiver->usage.decrypt_failures == 1u);
}

// An authentic packet (right ICV, sequence number 1) whose plaintext, trailer
// included, is `plaintext` as given.
Bytes authentic_packet_with_bad_trailer(SaPair& pair, Bytes plaintext) {
  const SecurityAssociation& sa = pair.sender->sa;
  const Bytes iv = test::random_iv(pair.rng, sa.suite);
  Bytes packet = from_hex("00001000 00000001");
  packet.insert(packet.end(), iv.begin(), iv.end());
  if (properties(sa.suite.cipher).aead) {
    const Bytes sealed = gcm_seal(sa.suite.cipher, sa.cipher_key, sa.gcm_salt, iv,
                                  from_hex("00001000 00000001"), plaintext);
    packet.insert(packet.end(), sealed.begin(), sealed.end());
  } else {
    const Bytes ciphertext = cbc_encrypt(sa.suite.cipher, sa.cipher_key, iv, plaintext);
    packet.insert(packet.end(), ciphertext.begin(), ciphertext.end());
    const Bytes icv = compute_icv(sa.suite.integrity, sa.integrity_key, {packet});
    packet.insert(packet.end(), icv.begin(), icv.end());
  }
  return packet;
}

BOOST_AUTO_TEST_CASE(bad_padding) {
  for (const Suite& suite : {aes_sha1, des3_md5, gcm128}) {
    BOOST_TEST_CONTEXT(to_string(suite.cipher) << "/" << to_string(suite.integrity)) {
      const std::size_t block = properties(suite.cipher).block_size == 1 ? 4 : 16;
      // payload, then 1 2 4 (not 3), pad length 3, next header 4
      Bytes wrong_pattern(block * 2 - 5, 0x45);
      for (int b : {1, 2, 4, 3, 4}) wrong_pattern.push_back(static_cast<std::uint8_t>(b));
      // pad length larger than everything before it
      Bytes too_long(block * 2 - 2, 0x45);
      too_long.push_back(static_cast<std::uint8_t>(block * 2 - 1));
      too_long.push_back(4);
      for (const Bytes& plaintext : {wrong_pattern, too_long}) {
        SaPair pair(suite, Mode::tunnel, Encapsulation::bare_esp);
        const Bytes packet = authentic_packet_with_bad_trailer(pair, plaintext);
        expect_rejected(pair.receive(packet), EspStatus::decrypt_failed);
        // Authentic, so its sequence number is used up all the same.
        expect_rejected(pair.receive(packet), EspStatus::replay);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(truncated_packets) {
  for (const Suite& suite : suites) {
    BOOST_TEST_CONTEXT(to_string(suite.cipher) << "/" << to_string(suite.integrity)) {
      SaPair framed(suite, Mode::tunnel, Encapsulation::ipv4_udp);
      const Bytes packet = framed.send(sample_inner());
      for (std::size_t size = 0; size < packet.size(); ++size)  // lengths no longer match
        expect_rejected(framed.receive(Bytes(packet.begin(), packet.begin() + size)),
                        EspStatus::malformed);

      SaPair bare(suite, Mode::tunnel, Encapsulation::bare_esp);
      const Bytes esp = bare.send(sample_inner());
      const std::size_t iv = properties(suite.cipher).iv_size;
      // No SPI, no room for the ciphertext, or a ciphertext cut mid-block.
      for (std::size_t size :
           {std::size_t{0}, std::size_t{7}, esp_header_size + iv + icv_size(suite), esp.size() - 1})
        expect_rejected(bare.receive(Bytes(esp.begin(), esp.begin() + static_cast<long>(size))),
                        EspStatus::malformed);
      // A whole cipher block less still looks like ESP, but the ICV is gone.
      const std::size_t block = std::max<std::size_t>(properties(suite.cipher).block_size, 4);
      expect_rejected(bare.receive(Bytes(esp.begin(), esp.end() - static_cast<long>(block))),
                      EspStatus::auth_failed);
    }
  }
}

BOOST_AUTO_TEST_CASE(oversized_and_misaligned_packets) {
  for (const Suite& suite : suites) {
    BOOST_TEST_CONTEXT(to_string(suite.cipher) << "/" << to_string(suite.integrity)) {
      SaPair framed(suite, Mode::tunnel, Encapsulation::ipv4);
      Bytes longer = framed.send(sample_inner());
      longer.push_back(0);  // bytes beyond the IPv4 total length
      expect_rejected(framed.receive(longer), EspStatus::malformed);

      SaPair bare(suite, Mode::tunnel, Encapsulation::bare_esp);
      const Bytes esp = bare.send(sample_inner());
      for (std::size_t extra : {1, 2, 3}) {  // never 4-byte aligned
        Bytes misaligned = esp;
        misaligned.insert(misaligned.end(), extra, 0);
        expect_rejected(bare.receive(misaligned), EspStatus::malformed);
      }
      if (properties(suite.cipher).block_size > 4) {  // 4-byte aligned, not block aligned
        Bytes misaligned = esp;
        misaligned.insert(misaligned.end(), 4, 0);
        expect_rejected(bare.receive(misaligned), EspStatus::malformed);
      }
      Bytes huge = esp;
      huge.resize(maximum_inbound_packet + 1);
      expect_rejected(bare.receive(huge), EspStatus::malformed);
    }
  }
}

// Rewrites a byte of the outer IPv4 header, keeping its checksum right.
void patch_header(Bytes& packet, std::size_t at, std::uint8_t value) {
  packet[at] = value;
  packet[10] = packet[11] = 0;
  const std::uint16_t checksum = internet_checksum(std::span(packet).first(20));
  packet[10] = static_cast<std::uint8_t>(checksum >> 8);
  packet[11] = static_cast<std::uint8_t>(checksum);
}

BOOST_AUTO_TEST_CASE(wrong_outer_headers) {
  SaPair esp(aes_sha1, Mode::tunnel, Encapsulation::ipv4);
  const Bytes packet = esp.send(sample_inner());
  Bytes version6 = packet;
  patch_header(version6, 0, 0x65);
  expect_rejected(esp.receive(version6), EspStatus::malformed);
  Bytes bad_checksum = packet;
  bad_checksum[10] ^= 0x01;
  expect_rejected(esp.receive(bad_checksum), EspStatus::malformed);
  Bytes tcp = packet;
  patch_header(tcp, 9, 6);
  expect_rejected(esp.receive(tcp), EspStatus::malformed);
  Bytes fragment = packet;
  patch_header(fragment, 6, 0x20);  // more fragments
  expect_rejected(esp.receive(fragment), EspStatus::malformed);
  Bytes short_ihl = packet;
  patch_header(short_ihl, 0, 0x44);
  expect_rejected(esp.receive(short_ihl), EspStatus::malformed);
  // Protocol 50 where the UDP form is expected.
  expect_rejected(process_inbound(esp.table, packet, Encapsulation::ipv4_udp),
                  EspStatus::malformed);
  // A form other than the SA's: its ESP part handed over bare.
  expect_rejected(
      process_inbound(esp.table, Bytes(packet.begin() + 20, packet.end()), Encapsulation::bare_esp),
      EspStatus::malformed);

  SaPair udp(aes_sha1, Mode::tunnel, Encapsulation::ipv4_udp);
  const Bytes datagram = udp.send(sample_inner());
  Bytes other_port = datagram;
  other_port[23] = 0x95;  // destination port 4501; the UDP checksum (0) is not checked
  expect_rejected(udp.receive(other_port), EspStatus::malformed);
  Bytes udp_length = datagram;
  udp_length[25] ^= 0x04;
  expect_rejected(udp.receive(udp_length), EspStatus::malformed);
  expect_rejected(process_inbound(udp.table, datagram, Encapsulation::ipv4),
                  EspStatus::malformed);  // protocol 17 where 50 is expected
  Bytes keepalive = make_ipv4_header(test::peer_gateway, test::local_gateway, 64, 17, 0, 9);
  const Bytes keepalive_udp = make_udp_header(4500, 4500, 1);
  keepalive.insert(keepalive.end(), keepalive_udp.begin(), keepalive_udp.end());
  keepalive.push_back(0xff);  // RFC 3948 NAT-keepalive
  expect_rejected(udp.receive(keepalive), EspStatus::malformed);
}

BOOST_AUTO_TEST_CASE(disabled_sa) {
  SaPair pair(gcm128, Mode::tunnel, Encapsulation::bare_esp);
  const Bytes packet = pair.send(sample_inner());
  pair.receiver->sa.enabled = false;
  expect_rejected(pair.receive(packet), EspStatus::sa_disabled);
  pair.sender->sa.enabled = false;
  const Bytes iv = test::random_iv(pair.rng, gcm128);
  const OutboundResult sent = process_outbound(*pair.sender, {sample_inner(), iv, 0, {}});
  BOOST_TEST(to_string(sent.status) == "sa_disabled");
  BOOST_TEST(sent.packet.empty());
}

BOOST_AUTO_TEST_CASE(expired_sa) {
  SaPair pair(aes_sha1, Mode::tunnel, Encapsulation::bare_esp);
  pair.sender->sa.lifetime.hard_packets = 1;
  pair.receiver->sa.lifetime.hard_packets = 1;
  const Bytes first = pair.send(sample_inner());
  BOOST_TEST(pair.sender->expired);
  const Bytes iv = test::random_iv(pair.rng, aes_sha1);
  const OutboundResult refused = process_outbound(*pair.sender, {sample_inner(), iv, 0, {}});
  BOOST_TEST(to_string(refused.status) == "sa_expired");
  BOOST_TEST(refused.packet.empty());

  const InboundResult accepted = pair.receive(first);
  BOOST_TEST(to_string(accepted.status) == "ok");
  BOOST_TEST(accepted.events.hard_lifetime);
  pair.sender->expired = false;  // a sender that ignored its own limit
  pair.sender->usage = {};
  expect_rejected(pair.receive(pair.send(sample_inner())), EspStatus::sa_expired);
}

BOOST_AUTO_TEST_CASE(no_sa_outbound) {
  SaTable table;
  const Bytes iv(16, 0);
  const OutboundResult result = process_outbound(table, 0x1000, {sample_inner(), iv, 0, {}});
  BOOST_TEST(to_string(result.status) == "no_sa");
  BOOST_TEST(result.packet.empty());
}

BOOST_AUTO_TEST_CASE(sequence_numbers_never_wrap) {
  for (const bool esn : {false, true}) {
    BOOST_TEST_CONTEXT("ESN " << esn) {
      SaPair pair(aes_sha1, Mode::tunnel, Encapsulation::bare_esp);
      pair.sender->sa.extended_sequence_numbers = esn;
      const std::uint64_t last = esn ? ~std::uint64_t{0} : 0xffffffffu;
      pair.send(sample_inner(), last);  // the last number is still sent
      const Bytes iv = test::random_iv(pair.rng, aes_sha1);
      const OutboundResult result = process_outbound(*pair.sender, {sample_inner(), iv, 0, {}});
      BOOST_TEST(to_string(result.status) == "sa_expired");
      BOOST_TEST(result.events.sequence_exhausted);
      BOOST_TEST(result.packet.empty());
      BOOST_TEST(pair.sender->expired);
    }
  }
}

BOOST_AUTO_TEST_CASE(transport_mode_needs_a_whole_ipv4_packet) {
  SaPair pair(aes_sha1, Mode::transport, Encapsulation::ipv4);
  const Bytes iv = test::random_iv(pair.rng, aes_sha1);
  Bytes fragment = sample_inner();
  fragment[6] = 0x20;
  Bytes truncated = sample_inner();
  truncated.pop_back();
  for (const Bytes& inner : {Bytes(10, 0x45), fragment, truncated}) {
    const OutboundResult result = process_outbound(*pair.sender, {inner, iv, 0, {}});
    BOOST_TEST(to_string(result.status) == "malformed");
    BOOST_TEST(result.packet.empty());
  }
  BOOST_TEST(pair.sender->sa.sequence == 0u);  // refused packets use no sequence number
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp
