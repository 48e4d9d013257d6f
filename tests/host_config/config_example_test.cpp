// The committed example (examples/gateway.toml) read field by field, the
// defaults of a minimal file, and the ike::Rule made from a rule.
#define BOOST_TEST_MODULE host_config
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>

#include "config_text.hpp"
#include "host/config/address_range.hpp"
#include "host/config/config_parser.hpp"
#include "temp_files.hpp"

namespace ipsec_fpga::host {
namespace {

using test::lines;
using test::TempDir;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " << path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ike::IpAddress ip(const char* text) { return *ike::IpAddress::parse(text); }

ike::SecureBytes bytes_of(std::string_view text) {
  return ike::SecureBytes(
      ike::ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

// The example's key files, written next to a copy of it with mode 600.
struct ExampleFolder {
  TempDir dir;
  std::string config_path;
  ExampleFolder() {
    std::string example = read_text(IPSEC_FPGA_EXAMPLES_DIR "/gateway.toml");
    config_path = dir.write("gateway.toml", example, 0644);
    dir.write("branch-office.psk", "branch office key 1\n", 0600);
    dir.write("road-warriors.psk", "0x00112233445566778899aabbccddeeff\n", 0600);
    dir.write("lab-manual.keys", read_text(IPSEC_FPGA_EXAMPLES_DIR "/lab-manual.keys.example"),
              0600);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(example_file_reads_field_by_field) {
  ExampleFolder folder;
  GatewayConfig config = parse_config_file(folder.config_path);

  const GatewaySettings& gw = config.gateway;
  BOOST_TEST(gw.wan_interface == "eth0");
  BOOST_TEST(!gw.wan_address.has_value());
  BOOST_TEST(gw.lan_interface == "ipsec0");
  BOOST_TEST(gw.lan_address == ip("192.0.2.1"));
  BOOST_TEST(gw.lan_prefix_length == 24u);
  BOOST_TEST(gw.ike_port == 500);
  BOOST_TEST(gw.nat_t_port == 4500);
  BOOST_TEST(gw.log_file == "/var/log/ipsec-fpga.log");
  BOOST_TEST(gw.log_ring_size == 256u);
  BOOST_TEST(gw.board == "sim:");
  BOOST_TEST(gw.max_phase2_negotiations == 8u);
  BOOST_TEST(gw.error_threshold == 5);
  BOOST_REQUIRE(config.rules.size() == 3u);

  const RuleConfig& branch = config.rules[0];
  BOOST_TEST(branch.index == 1);
  BOOST_TEST(branch.name == "branch-office");
  BOOST_TEST(branch.active);
  BOOST_TEST(branch.follows_wan_address());
  BOOST_TEST(branch.secure_gateway == ip("203.0.113.2"));
  BOOST_TEST(describe_range(branch.local) == "192.0.2.0/24");
  BOOST_TEST(describe_range(branch.remote) == "198.51.100.0/24");
  BOOST_TEST((branch.key_management == KeyManagement::ike));
  BOOST_TEST((branch.negotiation_mode == ike::Phase1Mode::main));
  BOOST_TEST((branch.pre_shared_key == bytes_of("branch office key 1")));
  BOOST_TEST(branch.tunnel_mode);
  BOOST_TEST(branch.idle_timeout_seconds == 0u);
  BOOST_TEST(branch.nat_traversal);
  BOOST_REQUIRE(branch.phase1.size() == 1u);
  BOOST_TEST((branch.phase1[0] == ike::Phase1Suite{ike::EncryptionAlgorithm::aes_cbc, 128,
                                                   ike::HashAlgorithm::sha1, ike::DhGroup::modp2048,
                                                   28800}));
  BOOST_REQUIRE(branch.phase2.size() == 2u);
  BOOST_TEST(branch.phase2[0].describe() == "AES-GCM-16-128/PFS DH group 14");
  BOOST_TEST(branch.phase2[0].lifetime_seconds == 3600u);
  BOOST_TEST(branch.phase2[0].lifetime_kilobytes == 0u);
  BOOST_TEST(branch.phase2[1].describe() == "AES-CBC-128/HMAC-SHA1-96/PFS DH group 14");
  BOOST_TEST(!branch.manual_keys.has_value());
  BOOST_TEST(branch.source_line == 22);

  const RuleConfig& road = config.rules[1];
  BOOST_TEST(road.index == 2);
  BOOST_TEST(road.dynamic_peer());
  BOOST_TEST(road.active);  // the default
  BOOST_TEST(describe_range(road.local) == "192.0.2.0/25");
  BOOST_TEST(describe_range(road.remote) == "198.51.100.128/26");
  BOOST_TEST((road.negotiation_mode == ike::Phase1Mode::aggressive));
  BOOST_TEST(ike::to_hex(road.pre_shared_key.view()) == "00112233445566778899aabbccddeeff");
  BOOST_TEST(road.idle_timeout_seconds == 600u);
  BOOST_TEST((road.phase1[0].encryption == ike::EncryptionAlgorithm::triple_des_cbc));
  BOOST_TEST((road.phase1[0].group == ike::DhGroup::modp1024));
  BOOST_TEST(road.phase2[0].describe() == "3DES/HMAC-SHA1-96");

  const RuleConfig& lab = config.rules[2];
  BOOST_TEST(!lab.active);
  BOOST_TEST((lab.key_management == KeyManagement::manual));
  BOOST_TEST(!lab.tunnel_mode);
  BOOST_TEST(lab.my_ip == ip("203.0.113.1"));
  BOOST_TEST(lab.phase1.empty());
  BOOST_TEST(lab.pre_shared_key.empty());
  BOOST_REQUIRE(lab.manual_keys.has_value());
  BOOST_TEST(lab.manual_keys->outbound.spi == 0x1001u);
  BOOST_TEST(lab.manual_keys->inbound.spi == 0x2001u);
  BOOST_TEST(ike::to_hex(lab.manual_keys->inbound.encryption_key.view()) ==
             "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f");
  BOOST_TEST(lab.manual_keys->outbound.authentication_key.size() == 32u);
}

BOOST_AUTO_TEST_CASE(example_uses_documentation_addresses_only) {
  std::string text = read_text(IPSEC_FPGA_EXAMPLES_DIR "/gateway.toml");
  for (std::size_t at = text.find('"'); at != std::string::npos; at = text.find('"', at + 1)) {
    std::size_t end = text.find('"', at + 1);
    std::string value = text.substr(at + 1, end - at - 1);
    auto range = parse_address_range(value);
    if (range && !range->first.is_unspecified()) {
      bool documentation = value.starts_with("192.0.2.") || value.starts_with("198.51.100.") ||
                           value.starts_with("203.0.113.");
      BOOST_TEST(documentation, "examples/gateway.toml uses " << value);
    }
    at = end;
  }
}

BOOST_AUTO_TEST_CASE(minimal_file_gets_the_documented_defaults) {
  GatewayConfig config = parse_config_string(lines({
                                                 "[gateway]",
                                                 "wan_interface = \"eth0\"",
                                                 "[[rule]]",
                                                 "index = 7",
                                                 "secure_gateway = \"203.0.113.2\"",
                                                 "local = \"192.0.2.10\"",
                                                 "remote = \"198.51.100.10-198.51.100.20\"",
                                                 "pre_shared_key = \"12345678\"",
                                             }),
                                             "site.toml");
  const GatewaySettings& gw = config.gateway;
  BOOST_TEST(!gw.wan_address.has_value());
  BOOST_TEST(gw.lan_interface == "ipsec0");
  BOOST_TEST(!gw.lan_address.has_value());
  BOOST_TEST(gw.board == "sim:");
  BOOST_TEST(gw.log_ring_size == 256u);
  const RuleConfig& rule = config.rules.at(0);
  BOOST_TEST(rule.name == "");
  BOOST_TEST(rule.active);
  BOOST_TEST(rule.follows_wan_address());
  BOOST_TEST(describe_range(rule.local) == "192.0.2.10");
  BOOST_TEST(describe_range(rule.remote) == "198.51.100.10-198.51.100.20");
  BOOST_TEST((rule.negotiation_mode == ike::Phase1Mode::main));
  BOOST_TEST(rule.tunnel_mode);
  BOOST_TEST(rule.nat_traversal);
  BOOST_TEST(rule.idle_timeout_seconds == 0u);
  BOOST_TEST((rule.phase1 == std::vector<ike::Phase1Suite>{ike::Phase1Suite{}}));
  BOOST_TEST((rule.phase2 == std::vector<ike::EspSuite>{ike::EspSuite{}}));
  BOOST_TEST(rule.phase2[0].describe() == "AES-CBC-128/HMAC-SHA1-96");
}

BOOST_AUTO_TEST_CASE(wan_address_forms) {
  auto wan_of = [](const char* value) {
    return parse_config_string(lines({"[gateway]", "wan_interface = \"eth0\"", value}), "site.toml")
        .gateway.wan_address;
  };
  BOOST_TEST(!wan_of("wan_address = \"dhcp\"").has_value());
  BOOST_TEST(!wan_of("wan_address = \"interface\"").has_value());
  BOOST_TEST(wan_of("wan_address = \"203.0.113.1\"") == ip("203.0.113.1"));
}

BOOST_AUTO_TEST_CASE(gcm_suites_and_pfs_groups) {
  GatewayConfig config = parse_config_string(
      lines({
          "[gateway]",
          "wan_interface = \"eth0\"",
          "[[rule]]",
          "index = 1",
          "secure_gateway = \"203.0.113.2\"",
          "local = \"192.0.2.0/24\"",
          "remote = \"198.51.100.0/24\"",
          "pre_shared_key = \"12345678\"",
          "phase1 = { encryption = \"aes256\", hash = \"sha256\", dh_group = 5 }",
          "[[rule.phase2]]",
          "encryption = \"aes256-gcm\"",
          "pfs = 2",
          "[[rule.phase2]]",
          "encryption = \"null\"",
          "authentication = \"md5\"",
          "[[rule.phase2]]",
          "encryption = \"des\"",
          "authentication = \"sha256\"",
          "lifetime_kilobytes = 4096",
      }),
      "site.toml");
  const RuleConfig& rule = config.rules.at(0);
  BOOST_TEST((rule.phase1[0] == ike::Phase1Suite{ike::EncryptionAlgorithm::aes_cbc, 256,
                                                 ike::HashAlgorithm::sha256, ike::DhGroup::modp1536,
                                                 28800}));
  BOOST_REQUIRE(rule.phase2.size() == 3u);
  BOOST_TEST(rule.phase2[0].describe() == "AES-GCM-16-256/PFS DH group 2");
  BOOST_TEST(rule.phase2[0].encryption_key_size() == 36u);
  BOOST_TEST(rule.phase2[1].describe() == "NULL/HMAC-MD5-96");
  BOOST_TEST(rule.phase2[2].describe() == "DES/HMAC-SHA-256-128");
  BOOST_TEST(rule.phase2[2].lifetime_kilobytes == 4096u);
}

BOOST_AUTO_TEST_CASE(to_ike_rule_maps_every_field) {
  ExampleFolder folder;
  GatewayConfig config = parse_config_file(folder.config_path);
  ike::IpAddress wan = ip("203.0.113.1");

  ike::Rule branch = to_ike_rule(config.rules[0], wan);
  BOOST_TEST(branch.number == 1);
  BOOST_TEST(branch.local_address == wan);  // my_ip 0.0.0.0 follows the WAN address
  BOOST_TEST(branch.peer_address == ip("203.0.113.2"));
  BOOST_TEST((branch.mode == ike::Phase1Mode::main));
  BOOST_TEST((branch.pre_shared_key == config.rules[0].pre_shared_key));
  BOOST_TEST((branch.phase1_suites == config.rules[0].phase1));
  BOOST_TEST((branch.phase2_suites == config.rules[0].phase2));
  BOOST_TEST((branch.local_selector == config.rules[0].local));
  BOOST_TEST((branch.remote_selector == config.rules[0].remote));
  BOOST_TEST(branch.tunnel_mode);
  BOOST_TEST(branch.nat_traversal);

  ike::Rule road = to_ike_rule(config.rules[1], wan);
  BOOST_TEST(!road.peer_address.has_value());  // 0.0.0.0: any peer
  BOOST_TEST((road.mode == ike::Phase1Mode::aggressive));

  // The inactive manual rule is not IKE's.
  std::vector<ike::Rule> rules = to_ike_rules(config, wan);
  BOOST_REQUIRE(rules.size() == 2u);
  BOOST_TEST(rules[0].number == 1);
  BOOST_TEST(rules[1].number == 2);
}

}  // namespace ipsec_fpga::host

namespace ipsec_fpga::host {

BOOST_AUTO_TEST_CASE(config_file_that_cannot_be_read) {
  TempDir dir;
  auto message_of = [](const std::string& path) -> std::string {
    try {
      parse_config_file(path);
    } catch (const ConfigError& error) {
      return error.what();
    }
    return "no error";
  };
  BOOST_TEST(message_of(dir.str() + "/absent.toml") ==
             dir.str() + "/absent.toml: cannot open: No such file or directory");
  BOOST_TEST(message_of(dir.str()) == dir.str() + ": cannot read: Is a directory");
}

BOOST_AUTO_TEST_CASE(key_file_paths_are_relative_to_the_config_file) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "etc");
  dir.write("etc/peer.psk", "a key in etc/\n", 0600);
  std::string path =
      dir.write("etc/gateway.toml",
                lines({"[gateway]", "wan_interface = \"eth0\"", "[[rule]]", "index = 1",
                       "secure_gateway = \"203.0.113.2\"", "local = \"192.0.2.1\"",
                       "remote = \"198.51.100.1\"", "pre_shared_key_file = \"peer.psk\""}),
                0644);
  GatewayConfig config = parse_config_file(path);
  BOOST_TEST((config.rules.at(0).pre_shared_key == bytes_of("a key in etc/")));
  BOOST_TEST(config.source_name == path);
}

}  // namespace ipsec_fpga::host

namespace ipsec_fpga::host {

BOOST_AUTO_TEST_CASE(ike_rules_come_in_index_order) {
  auto rule = [](int index, const char* remote) {
    return lines({"[[rule]]", "index = " + std::to_string(index),
                  "secure_gateway = \"203.0.113.2\"", "local = \"192.0.2.0/24\"",
                  std::string("remote = \"") + remote + "\"", "pre_shared_key = \"12345678\""});
  };
  GatewayConfig config = parse_config_string(lines({"[gateway]", "wan_interface = \"eth0\""}) +
                                                 rule(5, "198.51.100.5") + rule(2, "198.51.100.2"),
                                             "site.toml");
  std::vector<ike::Rule> rules = to_ike_rules(config, ip("203.0.113.1"));
  BOOST_REQUIRE(rules.size() == 2u);
  BOOST_TEST(rules[0].number == 2);
  BOOST_TEST(rules[1].number == 5);
  BOOST_TEST(config.rule(5)->source_line == 3);
  BOOST_TEST(config.rule(7) == nullptr);
}

}  // namespace ipsec_fpga::host
