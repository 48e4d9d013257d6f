// The lab's parsers and generators without namespaces or root: charon's
// `swanctl --list-sas` and key log, the IPSec log's JSON lines, the seeded
// stream, and the configuration files the lab writes.
#define BOOST_TEST_MODULE lab_unit
#include <boost/test/unit_test.hpp>

#include "host/lab/esp_capture.hpp"
#include "host/lab/ipsec_fpga_gateway.hpp"
#include "host/lab/lab_suite.hpp"
#include "host/lab/strongswan_peer.hpp"
#include "host/lab/traffic.hpp"

namespace lab = ipsec_fpga::host::lab;

BOOST_AUTO_TEST_CASE(list_sas_is_parsed) {
  const std::string text =
      "lab: #1, ESTABLISHED, IKEv1, 2e80c8c8ee004bb0_i 7d3637db8da17a74_r*\n"
      "  local  '192.0.2.2' @ 192.0.2.2[4500]\n"
      "  lab-net: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA1_96\n"
      "    installed 4s ago, rekeying in 3286s, expires in 3956s\n"
      "    in  d6a531ea, 106668 bytes,   125 packets,     0s ago\n"
      "    out 3684bcc0, 106772 bytes,   127 packets,     0s ago\n";
  const auto sa = lab::parse_child_sa(text);
  BOOST_REQUIRE(sa);
  BOOST_CHECK_EQUAL(sa->state, "INSTALLED");
  BOOST_CHECK_EQUAL(sa->spi_in, "d6a531ea");
  BOOST_CHECK_EQUAL(sa->spi_out, "3684bcc0");
  BOOST_CHECK_EQUAL(sa->bytes_in, 106668u);
  BOOST_CHECK_EQUAL(sa->packets_out, 127u);
  BOOST_CHECK(!lab::parse_child_sa("no SAs\n"));
}

// After a restart of the other side, charon lists the old IKE_SA and CHILD_SA
// next to the new ones until it drops them.
BOOST_AUTO_TEST_CASE(list_sas_with_two_ike_sas_is_parsed) {
  const std::string text =
      "lab: #1, ESTABLISHED, IKEv1, 2e80c8c8ee004bb0_i 7d3637db8da17a74_r*\n"
      "  local  '192.0.2.2' @ 192.0.2.2[4500]\n"
      "  lab-net: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA1_96\n"
      "    installed 9s ago, rekeying in 3286s, expires in 3956s\n"
      "    in  d6a531ea, 106668 bytes,   125 packets,     5s ago\n"
      "    out 3684bcc0, 106772 bytes,   127 packets,     5s ago\n"
      "lab: #2, ESTABLISHED, IKEv1, 11223344aabbccdd_i 5566778899aabbcc_r*\n"
      "  local  '192.0.2.2' @ 192.0.2.2[4500]\n"
      "  lab-net: #2, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA1_96\n"
      "    installed 1s ago, rekeying in 3286s, expires in 3956s\n"
      "    in  c0ffee01,      0 bytes,     0 packets\n"
      "    out 0badf00d (-|0x00000001),    84 bytes,     1 packets,     0s ago\n";
  const auto sas = lab::parse_child_sas(text);
  BOOST_REQUIRE_EQUAL(sas.size(), 2u);
  BOOST_CHECK_EQUAL(sas[0].spi_in, "d6a531ea");
  BOOST_CHECK_EQUAL(sas[1].spi_in, "c0ffee01");
  BOOST_CHECK_EQUAL(sas[1].spi_out, "0badf00d");
  BOOST_CHECK_EQUAL(sas[1].packets_out, 1u);
  BOOST_CHECK_EQUAL(lab::count_ike_sas(text), 2);
  BOOST_CHECK_EQUAL(lab::parse_child_sa(text)->spi_in, "d6a531ea");
  BOOST_CHECK(lab::parse_child_sas("no SAs\n").empty());
  BOOST_CHECK_EQUAL(lab::count_ike_sas("no SAs\n"), 0);
}

BOOST_AUTO_TEST_CASE(sa_json_is_parsed) {
  const auto rows = lab::parse_sa_json(
      R"({"ok":true,"command":"sa","sa":[{"entry":3,"direction":"inbound","spi":3232235523,)"
      R"("rule":1,"packets":12,"enabled":true},{"entry":0,"direction":"outbound","spi":255,)"
      R"("rule":1,"packets":0,"enabled":true}]})"
      "\n");
  BOOST_REQUIRE(rows);
  BOOST_REQUIRE_EQUAL(rows->size(), 2u);
  BOOST_CHECK_EQUAL((*rows)[0].spi, "c0a80003");
  BOOST_CHECK_EQUAL((*rows)[0].direction, "inbound");
  BOOST_CHECK_EQUAL((*rows)[0].entry, 3);
  BOOST_CHECK_EQUAL((*rows)[0].packets, 12u);
  BOOST_CHECK_EQUAL((*rows)[1].spi, "000000ff");
  BOOST_REQUIRE(lab::parse_sa_json(R"({"ok":true,"command":"sa","sa":[]})"));
  BOOST_CHECK(lab::parse_sa_json(R"({"ok":true,"command":"sa","sa":[]})")->empty());
  BOOST_CHECK(!lab::parse_sa_json(R"({"ok":false,"error":"sa failed: x"})"));
  BOOST_CHECK(!lab::parse_sa_json("ipsec-fpga sa: no gateway is running"));
}

BOOST_AUTO_TEST_CASE(quick_mode_keys_are_parsed) {
  const std::string log =
      "22:56:35 13[CHD] encryption initiator key => 20 bytes @ 0x7ff8c0002700\n"
      "22:56:35 13[CHD]    0: 9C C3 89 ED F2 9E 8C 4A F4 DE 61 32 4F 1A 25 80  .......J..a2O.%.\n"
      "22:56:35 13[CHD]   16: 07 BB EE AD                                      ....\n"
      "22:56:35 13[CHD] encryption responder key => 16 bytes @ 0x7ff8c00025f0\n"
      "22:56:35 13[CHD]    0: 36 9B E9 93 D3 30 03 AA 86 6D 6C 9C A3 B8 8A 60  6....0...ml....`\n"
      "22:56:35 13[CHD] integrity initiator key => 4 bytes @ 0x1\n"
      "22:56:35 13[CHD]    0: 01 02 03 04                                      ....\n"
      "22:56:35 13[CHD] integrity responder key => 4 bytes @ 0x2\n"
      "22:56:35 13[CHD]    0: 05 06 07 08                                      ....\n"
      "22:56:35 13[CHD] adding inbound ESP SA\n";
  const auto keys = lab::parse_quick_mode_keys(log);
  BOOST_REQUIRE_EQUAL(keys.size(), 1u);
  BOOST_CHECK_EQUAL(keys[0].encryption_initiator, "9cc389edf29e8c4af4de61324f1a258007bbeead");
  BOOST_CHECK_EQUAL(keys[0].encryption_responder, "369be993d33003aa866d6c9ca3b88a60");
  BOOST_CHECK_EQUAL(keys[0].integrity_initiator, "01020304");
  BOOST_CHECK_EQUAL(keys[0].integrity_responder, "05060708");
  BOOST_CHECK(lab::parse_quick_mode_keys("nothing\n").empty());
}

BOOST_AUTO_TEST_CASE(log_json_is_parsed) {
  const auto lines = lab::parse_log_json(
      "{\"index\":1,\"time\":\"2026-11-27T23:19:59Z\",\"message\":\"Send Main Mode request to "
      "<192.0.2.2>\",\"error\":false,\"kind\":\"ike\",\"rule\":1,\"address\":null,\"repeated\":"
      "null}\n"
      "{\"index\":2,\"time\":\"2026-11-27T23:19:59Z\",\"message\":\"!! Say \\\"no\\\"\",\"error\":"
      "true}\n");
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_CHECK_EQUAL(lines[0].index, 1);
  BOOST_CHECK_EQUAL(lines[0].message, "Send Main Mode request to <192.0.2.2>");
  BOOST_CHECK(!lines[0].error);
  BOOST_CHECK_EQUAL(lines[1].message, "!! Say \"no\"");
  BOOST_CHECK(lines[1].error);
}

BOOST_AUTO_TEST_CASE(seeded_stream_is_deterministic_and_seed_dependent) {
  std::vector<std::uint8_t> a(1000), b(1000), c(1000);
  lab::SeededStream(7).next(a.data(), a.size());
  lab::SeededStream s(7);
  s.next(b.data(), 333);  // in pieces: the same bytes
  s.next(b.data() + 333, 667);
  lab::SeededStream(8).next(c.data(), c.size());
  BOOST_CHECK(a == b);
  BOOST_CHECK(a != c);
  BOOST_CHECK_EQUAL(lab::seeded_stream_sha256(7, 0),
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_CHECK_NE(lab::seeded_stream_sha256(7, 1000), lab::seeded_stream_sha256(8, 1000));
}

BOOST_AUTO_TEST_CASE(strongswan_files_have_one_setting_per_line) {
  lab::SwanConnection c;
  c.local_address = "192.0.2.2";
  c.remote_address = "192.0.2.1";
  c.psk = "s3cret";
  c.local_ts = "203.0.113.0/24";
  c.remote_ts = "198.51.100.0/24";
  const lab::StrongswanPeer peer("ns", "/tmp/x", c);
  const std::string conf = peer.strongswan_conf();
  BOOST_CHECK(conf.find("load_modular = no") != std::string::npos);
  BOOST_CHECK(conf.find("kernel-libipsec kernel-netlink") != std::string::npos);
  BOOST_CHECK(conf.find("socket = unix:///tmp/x/charon.vici") != std::string::npos);
  BOOST_CHECK(conf.find("chd = 4") != std::string::npos);
  const std::string swanctl = peer.swanctl_conf();
  BOOST_CHECK(swanctl.find("      auth = psk\n      id = 192.0.2.2\n") != std::string::npos);
  BOOST_CHECK(swanctl.find("id-a = 192.0.2.2") != std::string::npos);
  BOOST_CHECK(swanctl.find("id-b = 192.0.2.1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gateway_config_keeps_the_psk_in_its_file) {
  lab::GatewayRule r;
  r.secure_gateway = "192.0.2.2";
  r.local = "198.51.100.0/24";
  r.remote = "203.0.113.0/24";
  r.psk = "never-in-the-config";
  r.suite = lab::lab_suite("aes-gcm");
  lab::GatewayProcessOptions o;
  const lab::IpsecFpgaGateway gw("ns", "/tmp/g", r, o);
  const std::string toml = gw.config_toml();
  BOOST_CHECK(toml.find("never-in-the-config") == std::string::npos);
  BOOST_CHECK(toml.find("pre_shared_key_file = \"rule1.psk\"") != std::string::npos);
  BOOST_CHECK(toml.find("encryption = \"aes128-gcm\"") != std::string::npos);
  BOOST_CHECK(toml.find("authentication = \"none\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(suites_and_tshark_names) {
  BOOST_CHECK_EQUAL(lab::lab_suites().size(), 3u);
  BOOST_CHECK_THROW(lab::lab_suite("des-md5"), std::invalid_argument);
  BOOST_CHECK_EQUAL(lab::tshark_algorithms("3des-sha1").first, "TripleDES-CBC [RFC2451]");
  BOOST_CHECK_THROW(lab::tshark_algorithms("rot13"), std::invalid_argument);
}
