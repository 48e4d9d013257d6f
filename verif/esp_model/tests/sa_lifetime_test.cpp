// SA lifetimes (soft limits raise an event once, hard limits expire the SA)
// in both directions, and which SAs the model accepts at all.
#define BOOST_TEST_MODULE esp_reference_sa_lifetime
#include <boost/test/unit_test.hpp>

#include "sa_pair.hpp"

namespace ipsec_fpga::verif::esp {
namespace {

using test::sample_inner;
using test::SaPair;

const Suite aes_sha256{Cipher::aes256_cbc, Integrity::hmac_sha256_128};

OutboundResult send(SaPair& pair, const Bytes& inner) {
  const Bytes iv = test::random_iv(pair.rng, pair.sender->sa.suite);
  return process_outbound(*pair.sender, {inner, iv, 0, {}});
}

BOOST_AUTO_TEST_CASE(packet_limits) {
  SaPair pair(aes_sha256, Mode::tunnel, Encapsulation::ipv4);
  for (SaEntry* entry : {pair.sender, pair.receiver}) entry->sa.lifetime = {0, 0, 3, 5};
  for (int packet = 1; packet <= 5; ++packet) {
    BOOST_TEST_CONTEXT("packet " << packet) {
      const OutboundResult sent = send(pair, sample_inner());
      BOOST_TEST(to_string(sent.status) == "ok");
      const InboundResult received = pair.receive(sent.packet);
      BOOST_TEST(to_string(received.status) == "ok");
      for (const SaEvents& events : {sent.events, received.events}) {
        BOOST_TEST(events.soft_lifetime == (packet == 3));
        BOOST_TEST(events.hard_lifetime == (packet == 5));
      }
    }
  }
  BOOST_TEST(pair.sender->expired);
  BOOST_TEST(pair.receiver->expired);
  BOOST_TEST(to_string(send(pair, sample_inner()).status) == "sa_expired");
  BOOST_TEST(pair.sender->usage.packets == 5u);
}

BOOST_AUTO_TEST_CASE(byte_limits_count_the_payload) {
  // Tunnel mode: the payload is the whole inner packet (100 bytes here).
  SaPair pair(aes_sha256, Mode::tunnel, Encapsulation::bare_esp);
  for (SaEntry* entry : {pair.sender, pair.receiver}) entry->sa.lifetime = {250, 400, 0, 0};
  const Bytes inner(100, 0x45);
  std::vector<SaEvents> sent_events;
  for (int packet = 1; packet <= 4; ++packet) {
    const OutboundResult sent = send(pair, inner);
    BOOST_TEST(to_string(sent.status) == "ok");
    BOOST_TEST(to_string(pair.receive(sent.packet).status) == "ok");
    sent_events.push_back(sent.events);
  }
  BOOST_TEST(sent_events[2].soft_lifetime);  // 300 >= 250
  BOOST_TEST(!sent_events[1].soft_lifetime);
  BOOST_TEST(sent_events[3].hard_lifetime);  // 400 >= 400
  BOOST_TEST(pair.sender->usage.bytes == 400u);
  BOOST_TEST(pair.receiver->usage.bytes == 400u);
  BOOST_TEST(to_string(send(pair, inner).status) == "sa_expired");
}

BOOST_AUTO_TEST_CASE(transport_mode_counts_the_upper_layer_bytes) {
  SaPair pair(aes_sha256, Mode::transport, Encapsulation::ipv4);
  const OutboundResult sent = send(pair, sample_inner(40));  // 20 header + 8 UDP + 40
  BOOST_TEST(pair.sender->usage.bytes == 48u);
  pair.receive(sent.packet);
  BOOST_TEST(pair.receiver->usage.bytes == 48u);
}

BOOST_AUTO_TEST_CASE(failed_packets_are_not_counted_as_traffic) {
  SaPair pair(aes_sha256, Mode::tunnel, Encapsulation::bare_esp);
  Bytes packet = send(pair, sample_inner()).packet;
  packet.back() ^= 1;
  BOOST_TEST(to_string(pair.receive(packet).status) == "auth_failed");
  BOOST_TEST(pair.receiver->usage.packets == 0u);
  BOOST_TEST(pair.receiver->usage.auth_failures == 1u);
}

SecurityAssociation valid_sa() {
  std::mt19937_64 rng(3);
  return test::make_sa(0x2000, Direction::inbound, aes_sha256, Mode::tunnel, Encapsulation::ipv4,
                       rng);
}

BOOST_AUTO_TEST_CASE(validation) {
  BOOST_TEST(validation_error(valid_sa()).empty());

  SecurityAssociation sa = valid_sa();
  sa.spi = 255;
  BOOST_TEST(!validation_error(sa).empty());

  sa = valid_sa();
  sa.cipher_key = SecretBytes(Bytes(16, 1));  // AES-256 needs 32
  BOOST_TEST(!validation_error(sa).empty());

  sa = valid_sa();
  sa.suite = {Cipher::aes128_gcm16, Integrity::hmac_sha1_96};
  sa.cipher_key = SecretBytes(Bytes(16, 1));
  sa.integrity_key = SecretBytes(Bytes(20, 1));
  BOOST_TEST(!validation_error(sa).empty());

  sa = valid_sa();
  sa.suite = {Cipher::null, Integrity::none};
  sa.cipher_key = SecretBytes();
  sa.integrity_key = SecretBytes();
  BOOST_TEST(!validation_error(sa).empty());

  for (const unsigned window : {63u, 1025u}) {
    sa = valid_sa();
    sa.replay_window = window;
    BOOST_TEST(!validation_error(sa).empty());
  }
  sa = valid_sa();
  sa.sequence = std::uint64_t{1} << 32;  // needs ESN
  BOOST_TEST(!validation_error(sa).empty());

  SaTable table;
  table.add(valid_sa());
  BOOST_CHECK_THROW(table.add(valid_sa()), std::invalid_argument);  // same SPI twice
  sa = valid_sa();
  sa.spi = 1;
  BOOST_CHECK_THROW(table.add(std::move(sa)), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(validation_errors_never_show_keys) {
  SecurityAssociation sa = valid_sa();
  sa.cipher_key = SecretBytes(from_hex("5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e"));
  const std::string error = validation_error(sa);
  BOOST_TEST(!error.empty());
  BOOST_TEST(error.find("5e5e") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(engine_suites_are_the_offered_ones) {
  const auto suites = engine_suites();
  BOOST_TEST(suites.size() == 20u);  // 6 ciphers x 3 HMACs, and 2 GCM
  for (const Suite& suite : suites) BOOST_TEST(offered_by_engine(suite));
  BOOST_TEST(!offered_by_engine({Cipher::aes128_cbc, Integrity::none}));
  BOOST_TEST(!offered_by_engine({Cipher::aes128_gcm16, Integrity::hmac_sha1_96}));
}

BOOST_AUTO_TEST_CASE(removing_an_sa) {
  SaTable table;
  table.add(valid_sa());
  BOOST_TEST(table.remove(Direction::inbound, 0x2000));
  BOOST_TEST(table.find(Direction::inbound, 0x2000) == nullptr);
  BOOST_TEST(!table.remove(Direction::inbound, 0x2000));
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp
