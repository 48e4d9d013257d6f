// An independent check of the reference's ESP: its packets, raw and
// UDP-encapsulated, go into a pcap file, and Wireshark's tshark, given the
// SAs' keys, must find the ICV good and the same inner packet inside.
#define BOOST_TEST_MODULE esp_reference_tshark_decode
#include <stdlib.h>

#include <boost/test/unit_test.hpp>

#include "pcap_writer.hpp"
#include "sa_pair.hpp"
#include "tshark_esp.hpp"

namespace ipsec_fpga::verif::esp {
namespace {

using test::SaPair;

// A directory of its own for the pcap file, removed at the end.
struct TemporaryDirectory {
  TemporaryDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "esp-pcap-XXXXXX").string();
    BOOST_TEST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path path;
};

struct Expected {
  std::uint32_t spi;
  Bytes contained;  // what tshark should find inside
};

BOOST_AUTO_TEST_CASE(tshark_decrypts_and_authenticates_every_packet) {
  const Suite suites[] = {
      {Cipher::aes128_cbc, Integrity::hmac_sha1_96},
      {Cipher::des3_cbc, Integrity::hmac_sha1_96},
      {Cipher::aes128_gcm16, Integrity::none},
      {Cipher::aes256_gcm16, Integrity::none},
      {Cipher::des_cbc, Integrity::hmac_md5_96},
      {Cipher::aes256_cbc, Integrity::hmac_sha256_128},
      {Cipher::null, Integrity::hmac_sha1_96},
  };
  std::vector<std::unique_ptr<SaPair>> pairs;
  std::vector<Bytes> packets;
  std::vector<Expected> expected;
  std::uint32_t spi = 0x1000;
  std::uint64_t seed = 11;
  for (const Suite& suite : suites) {
    for (const Mode mode : {Mode::tunnel, Mode::transport}) {
      for (const Encapsulation encapsulation : {Encapsulation::ipv4, Encapsulation::ipv4_udp}) {
        auto& pair = *pairs.emplace_back(
            std::make_unique<SaPair>(suite, mode, encapsulation, ++seed, ++spi));
        for (const std::size_t size : {0, 1, 15, 100, 1400}) {
          const Bytes inner = test::sample_inner(size);
          packets.push_back(pair.send(inner));
          // Transport mode: tshark shows the upper-layer part (UDP header onwards).
          expected.push_back(
              {spi, mode == Mode::tunnel ? inner : Bytes(inner.begin() + 20, inner.end())});
        }
      }
    }
  }
  // One forged packet: tshark must find its ICV bad, or it is not checking.
  Bytes forged = packets.front();
  forged.back() ^= 0x01;
  packets.push_back(forged);

  const TemporaryDirectory directory;
  const std::filesystem::path pcap = directory.path / "esp.pcap";
  write_ipv4_pcap(pcap, packets);
  std::vector<const SecurityAssociation*> sas;
  for (const auto& pair : pairs) sas.push_back(&pair->sender->sa);
  const std::vector<TsharkEspFrame> frames = tshark_decode_esp(pcap, sas);

  BOOST_TEST_REQUIRE(frames.size() == packets.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    BOOST_TEST_CONTEXT("packet " << i << " SPI " << std::hex << expected[i].spi) {
      BOOST_TEST(frames[i].spi == expected[i].spi);
      BOOST_TEST(frames[i].icv_good);
      BOOST_TEST(!frames[i].icv_bad);
      BOOST_TEST(to_hex(frames[i].contained_data) == to_hex(expected[i].contained));
    }
  }
  BOOST_TEST(!frames.back().icv_good);
  BOOST_TEST(frames.back().icv_bad);
}

BOOST_AUTO_TEST_CASE(wireshark_records_refuse_esn) {
  std::mt19937_64 rng(5);
  SecurityAssociation sa =
      test::make_sa(0x1000, Direction::outbound, {Cipher::aes128_gcm16, Integrity::none},
                    Mode::tunnel, Encapsulation::ipv4, rng);
  BOOST_TEST(wireshark_esp_sa_record(sa).find("AES-GCM with 16 octet ICV") != std::string::npos);
  sa.extended_sequence_numbers = true;
  BOOST_CHECK_THROW(wireshark_esp_sa_record(sa), std::invalid_argument);
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp
