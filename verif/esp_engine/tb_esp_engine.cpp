// The whole ESP engine (rtl/esp/esp_engine.v): both directions at once on
// shared units, checked against the reference ESP (verif/esp_model) on the
// way out and again on the way back in, with random back-pressure on every
// channel; the RTL's own ESP read by tshark; the SA table's host port
// (keys write-only, erase) while traffic runs. The per-direction testbenches
// (verif/esp_outbound, verif/esp_inbound) carry the exhaustive cases.
#define BOOST_TEST_MODULE esp_engine
#include <stdlib.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <memory>

#include "Vesp_engine.h"
#include "Vesp_engine_small.h"
#include "engine_sa_pairs.hpp"
#include "esp_engine_driver.hpp"
#include "pcap_writer.hpp"
#include "rfc4106_vectors.hpp"
#include "sa_pair.hpp"
#include "test_seed.hpp"
#include "tshark_esp.hpp"

namespace ipsec_fpga::verif::esp_rtl {
namespace {

namespace layout = sa_layout;
using esp::Encapsulation;
using esp::EspStatus;
using esp::Mode;
using Engine = EspEngineDriver<Vesp_engine>;

constexpr unsigned entry_bits = 6;

struct Sent {
  EngineSaPair pair;
  Bytes inner;
  esp::OutboundResult expected;
};

std::string suite_name(const esp::Suite& suite) {
  return std::string(esp::to_string(suite.cipher)) + "+" +
         std::string(esp::to_string(suite.integrity));
}

Encapsulation random_form(std::mt19937_64& rng) { return static_cast<Encapsulation>(rng() % 3); }

// Sends `sent` out through the engine and checks each packet against the
// reference; returns the engine's packets.
std::vector<Bytes> send_batch(Engine& engine, const std::vector<Sent>& sent) {
  for (const Sent& s : sent) engine.submit(OutboundJob{s.pair.out_index, s.inner, {}, {}});
  engine.run(2'000'000);
  BOOST_TEST(engine.unclaimed_packets() == 0u);
  std::vector<Bytes> packets;
  for (const Sent& s : sent) {
    BOOST_TEST_REQUIRE(!engine.outbound_results.empty());
    EngineResult result = std::move(engine.outbound_results.front());
    engine.outbound_results.pop_front();
    BOOST_TEST_CONTEXT("outbound SPI " << std::hex << s.pair.sender->sa.spi << std::dec << " "
                                       << suite_name(s.pair.sender->sa.suite) << " inner "
                                       << s.inner.size() << " bytes") {
      BOOST_TEST(result.code == 0u);
      BOOST_TEST(result.sequence == s.expected.sequence);
      BOOST_TEST(!result.discard);
      BOOST_TEST(to_hex(result.packet) == to_hex(s.expected.packet));
      BOOST_TEST(result.length == s.expected.packet.size());
    }
    packets.push_back(std::move(result.packet));
  }
  return packets;
}

void receive_batch(Engine& engine, EngineSaPairs& pairs, const std::vector<Sent>& sent,
                   const std::vector<Bytes>& packets) {
  for (std::size_t i = 0; i < sent.size(); ++i)
    engine.submit(
        InboundJob{packets[i], static_cast<unsigned>(sent[i].pair.receiver->sa.encapsulation)});
  engine.run(2'000'000);
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const esp::InboundResult expected =
        esp::process_inbound(pairs.reference, packets[i], sent[i].pair.receiver->sa.encapsulation);
    BOOST_TEST_REQUIRE(!engine.inbound_results.empty());
    EngineResult result = std::move(engine.inbound_results.front());
    engine.inbound_results.pop_front();
    BOOST_TEST_CONTEXT("inbound SPI " << std::hex << sent[i].pair.receiver->sa.spi << std::dec
                                      << " " << suite_name(sent[i].pair.receiver->sa.suite)) {
      BOOST_TEST(result.code == static_cast<unsigned>(expected.status));
      BOOST_TEST(result.sa == sent[i].pair.in_index);
      BOOST_TEST(result.sequence == expected.sequence);
      BOOST_TEST(to_hex(result.packet) == to_hex(expected.inner));
    }
  }
}

BOOST_AUTO_TEST_CASE(every_suite_out_and_back_in) {
  const std::uint64_t seed = test_seed("esp_engine_round_trip", 3101);
  std::mt19937_64 rng(seed);
  Engine engine("esp_engine_round_trip", seed, 25);
  const unsigned packets_per_suite = 120;
  for (const esp::Suite& suite : esp::engine_suites()) {
    // Each suite's SAs overwrite the last suite's entries: the units must not
    // keep using a key the host replaced.
    EngineSaPairs pairs(entry_bits);
    BOOST_TEST_MESSAGE("suite " << suite_name(suite));
    std::vector<EngineSaPair> installed;
    for (const Mode mode : {Mode::tunnel, Mode::transport})
      installed.push_back(
          pairs.install(engine, suite, mode, random_form(rng), rng() % 2 == 0, rng));
    std::vector<Sent> sent;
    for (unsigned n = 0; n < packets_per_suite; ++n) {
      const EngineSaPair& pair = installed[rng() % installed.size()];
      Sent s{pair, esp::test::sample_inner(rng() % 1473), {}};
      s.expected = reference_outbound(pair, s.inner);
      BOOST_TEST_REQUIRE((s.expected.status == EspStatus::ok));
      sent.push_back(std::move(s));
    }
    BOOST_TEST_CONTEXT("suite " << suite_name(suite) << " seed " << seed) {
      const std::vector<Bytes> packets = send_batch(engine, sent);
      receive_batch(engine, pairs, sent, packets);
    }
    // The engine's write-back matches the reference's counters.
    for (const EngineSaPair& pair : installed) {
      const SaWords out = engine.read_entry(pair.out_index);
      const SaWords in = engine.read_entry(pair.in_index);
      BOOST_TEST(field_value(out, layout::sequence) == pair.sender->sa.sequence);
      BOOST_TEST(field_value(out, layout::packet_count) == pair.sender->usage.packets);
      BOOST_TEST(field_value(out, layout::byte_count) == pair.sender->usage.bytes);
      BOOST_TEST(field_value(in, layout::sequence) == pair.receiver->sa.sequence);
      BOOST_TEST(field_value(in, layout::packet_count) == pair.receiver->usage.packets);
      for (unsigned word = 0; word < layout::entry_words; ++word)
        if (layout::is_key_word(word))
          BOOST_TEST((out[word] | in[word]) == 0u, "key word " << word);
    }
  }
}

// Both directions loaded at once: inbound packets of one batch go in while
// the next batch goes out, and neither waits for the other to drain.
BOOST_AUTO_TEST_CASE(directions_share_the_units_fairly) {
  const std::uint64_t seed = test_seed("esp_engine_concurrent", 3102);
  std::mt19937_64 rng(seed);
  Engine engine("esp_engine_concurrent", seed, 10);
  EngineSaPairs pairs(entry_bits);
  const EngineSaPair pair =
      pairs.install(engine, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}, Mode::tunnel,
                    Encapsulation::ipv4_udp, false, rng);
  std::vector<Sent> first;
  for (unsigned n = 0; n < 16; ++n) {
    Sent s{pair, esp::test::sample_inner(200 + rng() % 800), {}};
    s.expected = reference_outbound(pair, s.inner);
    first.push_back(std::move(s));
  }
  const std::vector<Bytes> packets = send_batch(engine, first);
  // Now 16 out and 16 in together.
  std::vector<Sent> second;
  for (unsigned n = 0; n < 16; ++n) {
    Sent s{pair, esp::test::sample_inner(200 + rng() % 800), {}};
    s.expected = reference_outbound(pair, s.inner);
    engine.submit(OutboundJob{pair.out_index, s.inner, {}, {}});
    second.push_back(std::move(s));
  }
  for (const Bytes& packet : packets)
    engine.submit(InboundJob{packet, static_cast<unsigned>(Encapsulation::ipv4_udp)});
  engine.run(2'000'000);
  BOOST_TEST_REQUIRE(engine.outbound_results.size() == 16u);
  BOOST_TEST_REQUIRE(engine.inbound_results.size() == 16u);
  // Interleaved: the first inbound status comes before the last outbound one and vice versa.
  BOOST_TEST(engine.inbound_results.front().status_cycle <
             engine.outbound_results.back().status_cycle);
  BOOST_TEST(engine.outbound_results.front().status_cycle <
             engine.inbound_results.back().status_cycle);
  for (std::size_t i = 0; i < 16; ++i) {
    BOOST_TEST(to_hex(engine.outbound_results[i].packet) == to_hex(second[i].expected.packet));
    BOOST_TEST(engine.inbound_results[i].code == 0u);
    BOOST_TEST(to_hex(engine.inbound_results[i].packet) == to_hex(first[i].inner));
  }
}

// The host port works while packets flow; keys read back as zero; an
// erased entry is all zeros and its SPI is unknown from then on.
BOOST_AUTO_TEST_CASE(host_port_keys_write_only_and_erase) {
  const std::uint64_t seed = test_seed("esp_engine_host_port", 3103);
  std::mt19937_64 rng(seed);
  Engine engine("esp_engine_host_port", seed, 20);
  EngineSaPairs pairs(entry_bits);
  const EngineSaPair pair =
      pairs.install(engine, {esp::Cipher::aes256_cbc, esp::Integrity::hmac_sha256_128},
                    Mode::tunnel, Encapsulation::ipv4, false, rng);
  Sent s{pair, esp::test::sample_inner(600), {}};
  s.expected = reference_outbound(pair, s.inner);
  const std::vector<Bytes> packets = send_batch(engine, {s});
  const SaWords written = sa_image(*pair.receiver);
  const SaWords read = engine.read_entry(pair.in_index);
  for (unsigned word = 0; word < layout::entry_words; ++word) {
    if (layout::is_key_word(word))
      BOOST_TEST(read[word] == 0u, "key word " << word << " must read as zero");
    else if (!layout::is_engine_word(word))
      BOOST_TEST(read[word] == written[word], "host word " << word);
  }
  engine.erase_entry(pair.in_index);
  const SaWords erased = engine.read_entry(pair.in_index);
  for (unsigned word = 0; word < layout::entry_words; ++word)
    BOOST_TEST(erased[word] == 0u, "erased word " << word);
  engine.submit(InboundJob{packets.front(), static_cast<unsigned>(Encapsulation::ipv4)});
  engine.run(200'000);
  BOOST_TEST(engine.inbound_results.front().code == static_cast<unsigned>(EspStatus::no_sa));
  BOOST_TEST(engine.inbound_results.front().packet.empty());
}

// The host rekeys an entry in place (same index, new key): the next packet
// must use the new key even though the cipher still holds the old one under
// the same tag.
BOOST_AUTO_TEST_CASE(rekeyed_entry_uses_the_new_key) {
  const std::uint64_t seed = test_seed("esp_engine_rekey", 3105);
  std::mt19937_64 rng(seed);
  Engine engine("esp_engine_rekey", seed, 0);
  for (const esp::Suite suite : {esp::Suite{esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96},
                                 esp::Suite{esp::Cipher::aes128_gcm16, esp::Integrity::none}}) {
    BOOST_TEST_CONTEXT(suite_name(suite)) {
      for (unsigned generation = 0; generation < 3; ++generation) {
        EngineSaPairs pairs(entry_bits);  // the same entries each time, new keys
        const EngineSaPair pair =
            pairs.install(engine, suite, Mode::tunnel, Encapsulation::ipv4, false, rng);
        std::vector<Sent> sent;
        for (unsigned n = 0; n < 3; ++n) {
          Sent s{pair, esp::test::sample_inner(100 + 50 * n), {}};
          s.expected = reference_outbound(pair, s.inner);
          sent.push_back(std::move(s));
        }
        // Outbound only until the last generation: an inbound packet would
        // load another key and hide a stale one.
        const std::vector<Bytes> packets = send_batch(engine, sent);
        if (generation == 2) receive_batch(engine, pairs, sent, packets);
      }
    }
  }
}

// The AES-GCM ESP packets published for RFC 4106 (draft-mcgrew-gcm-test-01):
// out through the engine with the draft's IV and next header, bit for bit;
// and in through the engine to the draft's payload.
BOOST_AUTO_TEST_CASE(rfc4106_packets_both_directions) {
  Engine engine("esp_engine_rfc4106", 1, 0);
  for (const Rfc4106Case& c : kRfc4106Cases) {
    const Bytes key = from_hex(c.key), nonce = from_hex(c.nonce), sequence = from_hex(c.sequence);
    const Bytes plaintext = from_hex(c.plaintext);
    std::uint32_t spi = 0;
    for (const std::uint8_t byte : from_hex(c.spi)) spi = (spi << 8) | byte;
    if (spi < 256) continue;  // case 4 uses the reserved SPI 0, which no SA may have
    std::uint64_t number = 0;
    for (const std::uint8_t byte : sequence) number = (number << 8) | byte;
    BOOST_TEST_CONTEXT("draft-mcgrew-gcm-test-01 case " << c.number) {
      esp::SecurityAssociation sa;
      sa.spi = spi;
      sa.suite = {key.size() == 16 ? esp::Cipher::aes128_gcm16 : esp::Cipher::aes256_gcm16,
                  esp::Integrity::none};
      sa.cipher_key = esp::SecretBytes(key);
      std::copy(nonce.begin(), nonce.begin() + 4, sa.gcm_salt.begin());
      sa.extended_sequence_numbers = sequence.size() == 8;
      sa.sequence = number - 1;  // outbound: last sent; inbound: the window's right edge
      esp::SecurityAssociation in = sa;
      in.direction = esp::Direction::inbound;
      const unsigned in_index = spi & ((1u << entry_bits) - 1);
      const unsigned out_index = (in_index + 1) & ((1u << entry_bits) - 1);
      engine.write_entry(out_index, sa_image(esp::SaEntry(std::move(sa))));
      engine.write_entry(in_index, sa_image(esp::SaEntry(std::move(in))));

      const std::size_t pad_length = plaintext[plaintext.size() - 2];
      const Bytes payload(plaintext.begin(),
                          plaintext.end() - static_cast<std::ptrdiff_t>(pad_length + 2));
      engine.submit(
          OutboundJob{out_index, payload, Bytes(nonce.begin() + 4, nonce.end()), plaintext.back()});
      engine.run(100'000);
      const EngineResult out = engine.outbound_results.front();
      engine.outbound_results.pop_front();
      BOOST_TEST(out.code == 0u);
      BOOST_TEST(out.sequence == number);
      BOOST_TEST(to_hex(out.packet) == to_hex(from_hex(c.packet)));

      engine.submit(InboundJob{from_hex(c.packet), 0});
      engine.run(100'000);
      const EngineResult back = engine.inbound_results.front();
      engine.inbound_results.pop_front();
      BOOST_TEST(back.code == 0u);
      BOOST_TEST(back.sequence == number);
      BOOST_TEST(to_hex(back.packet) == to_hex(payload));
    }
  }
}

// The iCEBreaker's build (no 3DES, MD5, SHA-256 or GCM; the compact AES core,
// so no AES-192) says so on its capability outputs, runs what it has (checked
// against the reference both ways), and refuses the rest with no_sa in both
// directions instead of starting a unit (or key size) that is not there.
BOOST_AUTO_TEST_CASE(reduced_build_refuses_what_it_lacks) {
  const std::uint64_t seed = test_seed("esp_engine_reduced", 3106);
  std::mt19937_64 rng(seed);
  EspEngineDriver<Vesp_engine_small> engine("esp_engine_reduced", seed, 15);
  BOOST_TEST(unsigned{engine.model().ciphers} == 0b00101001u);  // null, AES-128/256-CBC
  BOOST_TEST(unsigned{engine.model().integrities} == 0b0101u);  // none, HMAC-SHA1-96
  for (const esp::Suite& suite : esp::engine_suites()) {
    const bool offered =
        suite.integrity == esp::Integrity::hmac_sha1_96 &&
        (suite.cipher == esp::Cipher::null || suite.cipher == esp::Cipher::aes128_cbc ||
         suite.cipher == esp::Cipher::aes256_cbc);
    BOOST_TEST_CONTEXT(suite_name(suite) << (offered ? " (offered)" : " (not built)")) {
      EngineSaPairs pairs(entry_bits);
      const EngineSaPair pair =
          pairs.install(engine, suite, Mode::tunnel, Encapsulation::ipv4_udp, false, rng);
      const Bytes inner = esp::test::sample_inner(300);
      const esp::OutboundResult expected = reference_outbound(pair, inner);
      engine.submit(OutboundJob{pair.out_index, inner, {}, {}});
      engine.submit(InboundJob{expected.packet, static_cast<unsigned>(Encapsulation::ipv4_udp)});
      engine.run(200'000);
      const EngineResult out = engine.outbound_results.front();
      const EngineResult in = engine.inbound_results.front();
      engine.outbound_results.clear();
      engine.inbound_results.clear();
      if (offered) {
        BOOST_TEST(out.code == 0u);
        BOOST_TEST(to_hex(out.packet) == to_hex(expected.packet));
        BOOST_TEST(in.code == 0u);
        BOOST_TEST(to_hex(in.packet) == to_hex(inner));
      } else {
        BOOST_TEST(out.code == static_cast<unsigned>(EspStatus::no_sa));
        BOOST_TEST(out.packet.empty());
        BOOST_TEST(in.code == static_cast<unsigned>(EspStatus::no_sa));
        BOOST_TEST(in.packet.empty());
      }
      BOOST_TEST(engine.unclaimed_packets() == 0u);
    }
  }
}

// Zero-length packets have a command and no data beats: outbound protects
// an empty payload, inbound finds nothing to parse (malformed); neither
// waits for data that will not come.
BOOST_AUTO_TEST_CASE(zero_length_packets) {
  const std::uint64_t seed = test_seed("esp_engine_zero_length", 3107);
  std::mt19937_64 rng(seed);
  Engine engine("esp_engine_zero_length", seed, 20);
  EngineSaPairs pairs(entry_bits);
  const EngineSaPair pair =
      pairs.install(engine, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}, Mode::tunnel,
                    Encapsulation::bare_esp, false, rng);
  const esp::OutboundResult expected = reference_outbound(pair, Bytes{});
  engine.submit(OutboundJob{pair.out_index, Bytes{}, {}, {}});
  engine.submit(InboundJob{Bytes{}, static_cast<unsigned>(Encapsulation::bare_esp)});
  engine.run(100'000);
  BOOST_TEST(engine.outbound_results.front().code == static_cast<unsigned>(expected.status));
  BOOST_TEST(to_hex(engine.outbound_results.front().packet) == to_hex(expected.packet));
  BOOST_TEST(engine.inbound_results.front().code == static_cast<unsigned>(EspStatus::malformed));
  BOOST_TEST(engine.inbound_results.front().packet.empty());
}

// A directory of its own for the pcap file, removed at the end.
struct TemporaryDirectory {
  TemporaryDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "esp-rtl-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path path;
};

// Wireshark, given the SAs' keys, decrypts the RTL's own ESP and finds every ICV good.
BOOST_AUTO_TEST_CASE(tshark_reads_the_engines_esp, *boost::unit_test::label("tshark")) {
  const std::uint64_t seed = test_seed("esp_engine_tshark", 3104);
  std::mt19937_64 rng(seed);
  Engine engine("esp_engine_tshark", seed, 0);
  EngineSaPairs pairs(entry_bits);
  std::vector<Sent> sent;
  std::vector<const esp::SecurityAssociation*> sas;
  for (const esp::Suite& suite : esp::engine_suites()) {
    {
      const Mode mode = rng() % 2 ? Mode::tunnel : Mode::transport;
      const Encapsulation form = rng() % 2 ? Encapsulation::ipv4 : Encapsulation::ipv4_udp;
      const EngineSaPair pair = pairs.install(engine, suite, mode, form, false, rng);
      sas.push_back(&pair.sender->sa);
      for (const std::size_t size : {0, 15, 333, 1400}) {
        Sent s{pair, esp::test::sample_inner(size), {}};
        s.expected = reference_outbound(pair, s.inner);
        sent.push_back(std::move(s));
      }
    }
  }
  const std::vector<Bytes> packets = send_batch(engine, sent);
  const TemporaryDirectory directory;
  const std::filesystem::path pcap = directory.path / "esp-rtl.pcap";
  esp::write_ipv4_pcap(pcap, packets);
  const std::vector<esp::TsharkEspFrame> frames = esp::tshark_decode_esp(pcap, sas);
  BOOST_TEST_REQUIRE(frames.size() == packets.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const Bytes& inner = sent[i].inner;
    const Bytes contained = sent[i].pair.sender->sa.mode == Mode::tunnel
                                ? inner
                                : Bytes(inner.begin() + 20, inner.end());
    BOOST_TEST_CONTEXT("RTL packet " << i << " " << suite_name(sent[i].pair.sender->sa.suite)) {
      BOOST_TEST(frames[i].icv_good);
      BOOST_TEST(!frames[i].icv_bad);
      BOOST_TEST(to_hex(frames[i].contained_data) == to_hex(contained));
    }
  }
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp_rtl
