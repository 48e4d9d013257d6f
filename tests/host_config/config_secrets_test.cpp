// Key files: the permission check (mode 600 accepted, group/other access
// refused with the file and its mode named), manual key files, and no
// pre-shared key or key ever quoted in a message.
#include <boost/test/unit_test.hpp>

#include "config_text.hpp"
#include "host/config/secret_file.hpp"
#include "temp_files.hpp"

namespace ipsec_fpga::host {
namespace {

using test::error_of;
using test::lines;
using test::secret_psk;
using test::TempDir;

// Lines 1-8; line 9 is the key line the test chooses.
std::string rule_with(std::initializer_list<std::string_view> more) {
  return lines({
             "[gateway]",                         // 1
             "wan_interface = \"eth0\"",          // 2
             "",                                  // 3
             "[[rule]]",                          // 4
             "index = 2",                         // 5
             "secure_gateway = \"203.0.113.2\"",  // 6
             "local = \"192.0.2.0/24\"",          // 7
             "remote = \"198.51.100.0/24\"",      // 8
         }) +
         lines(more);
}

std::string manual_rule(std::string_view suite_lines) {
  return rule_with(
             {"key_management = \"manual\"", "manual_keys_file = \"r2.keys\"", "[rule.phase2]"}) +
         std::string(suite_lines);
}

const char* const good_keys =
    "[outbound]\n"
    "spi = 0x1001\n"
    "encryption_key = \"00112233445566778899aabbccddeeff\"\n"
    "authentication_key = \"00112233445566778899aabbccddeeff00112233\"\n"
    "[inbound]\n"
    "spi = 0x2001\n"
    "encryption_key = \"ffeeddccbbaa99887766554433221100\"\n"
    "authentication_key = \"ffeeddccbbaa99887766554433221100ffeeddcc\"\n";

}  // namespace

BOOST_AUTO_TEST_CASE(psk_file_with_mode_600_is_read) {
  TempDir dir;
  dir.write("peer.psk", std::string(secret_psk) + "\r\n", 0600);
  GatewayConfig config = parse_config_string(rule_with({"pre_shared_key_file = \"peer.psk\""}),
                                             "site.toml", dir.str());
  const auto& key = config.rules.at(0).pre_shared_key;
  BOOST_TEST(std::string(key.view().begin(), key.view().end()) == std::string(secret_psk));
}

BOOST_AUTO_TEST_CASE(psk_file_readable_by_others_is_refused) {
  TempDir dir;
  for (mode_t mode : {0644, 0640, 0604, 0620, 0602, 0660}) {
    std::string path = dir.write("peer.psk", std::string(secret_psk), mode);
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", static_cast<unsigned>(mode));
    std::string message = error_of(rule_with({"pre_shared_key_file = \"peer.psk\""}), dir.str());
    BOOST_TEST(message == "site.toml:9:23: rule 2: pre_shared_key_file: " + path + " has mode " +
                              octal +
                              ": a key file must not be readable or writable by group or "
                              "others (chmod 600 " +
                              path + ")");
    BOOST_TEST(message.find(secret_psk) == std::string::npos);
  }
  // Execute bits alone do not expose the key.
  dir.write("peer.psk", std::string(secret_psk), 0700);
  BOOST_TEST(error_of(rule_with({"pre_shared_key_file = \"peer.psk\""}), dir.str()) == "no error");
}

BOOST_AUTO_TEST_CASE(psk_file_missing_or_not_a_file) {
  TempDir dir;
  std::string missing = dir.str() + "/absent.psk";
  BOOST_TEST(error_of(rule_with({"pre_shared_key_file = \"absent.psk\""}), dir.str()) ==
             "site.toml:9:23: rule 2: pre_shared_key_file: cannot open " + missing +
                 ": No such file or directory");
  BOOST_TEST(error_of(rule_with({"pre_shared_key_file = \"" + dir.str() + "\""}).c_str()) ==
             "site.toml:9:23: rule 2: pre_shared_key_file: " + dir.str() +
                 " is not a regular file");
}

BOOST_AUTO_TEST_CASE(psk_too_short_or_bad_hex) {
  BOOST_TEST(error_of(rule_with({"pre_shared_key = \"short\""})) ==
             "site.toml:9:18: rule 2: pre_shared_key: the key is too short (at least 8 "
             "characters, or 16 hex digits after \"0x\")");
  BOOST_TEST(error_of(rule_with({"pre_shared_key = \"0x00112233445566zz\""})) ==
             "site.toml:9:18: rule 2: pre_shared_key: the key is not valid hex after \"0x\" (it "
             "is not hexadecimal)");
  TempDir dir;
  std::string path = dir.write("peer.psk", "\n", 0600);
  BOOST_TEST(error_of(rule_with({"pre_shared_key_file = \"peer.psk\""}), dir.str()) ==
             "site.toml:9:23: rule 2: pre_shared_key_file: the key in " + path +
                 " is too short (at least 8 characters, or 16 hex digits after \"0x\")");
}

BOOST_AUTO_TEST_CASE(psk_inline_and_file_together) {
  BOOST_TEST(error_of(rule_with(
                 {"pre_shared_key = \"12345678\"", "pre_shared_key_file = \"peer.psk\""})) ==
             "site.toml:4: rule 2: pre_shared_key and pre_shared_key_file are both set: keep one");
}

BOOST_AUTO_TEST_CASE(no_message_ever_quotes_a_key) {
  const std::string psk(secret_psk);
  const std::string hex_psk = "0x53773072646669736821";  // hex keys are keys too
  std::vector<std::string> broken = {
      // Syntax errors on the key's own line.
      rule_with({"pre_shared_key = \"" + psk}),
      rule_with({"pre_shared_key = " + psk}),
      rule_with({"pre_shared_key = \"" + psk + "\" x"}),
      rule_with({"pre_shared_key = '''" + psk}),
      rule_with({"pre_shared_key = \"" + psk + "\"", "pre_shared_key = \"" + psk + "\""}),
      rule_with({"pre_shared_key = [\"" + psk + "\"]"}),
      rule_with({"pre_shared_key = \"" + hex_psk + "zz\""}),
      rule_with({"pre_shared_key = \"" + psk + "\"", "pre_shared_key_file = \"x\""}),
      rule_with({"pre_shared_key = \"" + psk + "\"", "key_management = \"manual\""}),
      rule_with({"pre_shared_kye = \"" + psk + "\""}),
      rule_with({"pre_shared_key = { key = \"" + psk + "\" }"}),
      rule_with({"pre_shared_key = \"" + psk + "\"", "[rule.phase2]", "authentication = \"none\""}),
  };
  for (const std::string& text : broken) {
    std::string message = error_of(text);
    BOOST_TEST(message != "no error");
    BOOST_TEST(message.find(psk) == std::string::npos, "key quoted in: " << message);
    BOOST_TEST(message.find(hex_psk) == std::string::npos, "key quoted in: " << message);
  }
}

BOOST_AUTO_TEST_CASE(manual_keys_file_is_read) {
  TempDir dir;
  dir.write("r2.keys", good_keys, 0600);
  GatewayConfig config = parse_config_string(
      manual_rule("encryption = \"aes128\"\nauthentication = \"sha1\"\n"), "site.toml", dir.str());
  const ManualKeys& keys = config.rules.at(0).manual_keys.value();
  BOOST_TEST(keys.outbound.spi == 0x1001u);
  BOOST_TEST(keys.inbound.spi == 0x2001u);
  BOOST_TEST(ike::to_hex(keys.outbound.encryption_key.view()) ==
             "00112233445566778899aabbccddeeff");
  BOOST_TEST(ike::to_hex(keys.inbound.authentication_key.view()) ==
             "ffeeddccbbaa99887766554433221100ffeeddcc");
}

BOOST_AUTO_TEST_CASE(manual_keys_errors) {
  TempDir dir;
  std::string keys = dir.write("r2.keys", good_keys, 0644);
  const std::string sha1 = "encryption = \"aes128\"\nauthentication = \"sha1\"\n";
  BOOST_TEST(error_of(manual_rule(sha1), dir.str()) ==
             "site.toml:10:20: rule 2: manual_keys_file: " + keys +
                 " has mode 0644: a key file must not be readable or writable by group or others "
                 "(chmod 600 " +
                 keys + ")");
  dir.write("r2.keys", good_keys, 0600);
  // Sizes follow the suite: AES-256 needs 32 bytes.
  BOOST_TEST(
      error_of(manual_rule("encryption = \"aes256\"\nauthentication = \"sha1\"\n"), dir.str()) ==
      keys +
          ":3:18: rule 2: outbound.encryption_key: the key has 16 bytes, "
          "AES-CBC-256/HMAC-SHA1-96 needs 32\n" +
          keys +
          ":7:18: rule 2: inbound.encryption_key: the key has 16 bytes, "
          "AES-CBC-256/HMAC-SHA1-96 needs 32");
  dir.write("r2.keys",
            "[outbound]\nspi = 255\nencryption_key = \"00112233445566778899aabbccddeefg\"\n"
            "authentication_key = \"00\"\nlifetime = 1\n",
            0600);
  BOOST_TEST(error_of(manual_rule(sha1), dir.str()) ==
             keys + ":1: rule 2: missing required field \"inbound\"\n" + keys +
                 ":2:7: rule 2: outbound.spi: 255 is out of range 256..4294967295\n" + keys +
                 ":3:18: rule 2: outbound.encryption_key: the key is not hexadecimal\n" + keys +
                 ":4:22: rule 2: outbound.authentication_key: the key has 1 bytes, "
                 "AES-CBC-128/HMAC-SHA1-96 needs 20\n" +
                 keys + ":5: rule 2: unknown field \"outbound.lifetime\"");
}

BOOST_AUTO_TEST_CASE(manual_rules_refuse_negotiation_fields) {
  TempDir dir;
  dir.write("r2.keys", good_keys, 0600);
  BOOST_TEST(error_of(rule_with({"key_management = \"manual\"", "manual_keys_file = \"r2.keys\"",
                                 "pre_shared_key = \"12345678\"", "[rule.phase1]",
                                 "encryption = \"aes128\""}),
                      dir.str()) ==
             "site.toml:11:18: rule 2: pre_shared_key: not used with key_management = \"manual\"\n"
             "site.toml:12:1: rule 2: phase1: not used with key_management = \"manual\"");
  BOOST_TEST(error_of(manual_rule("encryption = \"aes128\"\npfs = 2\n"), dir.str()) ==
             "site.toml:4: rule 2: phase2.pfs: manual keys are not negotiated, so PFS must be "
             "\"none\"");
  BOOST_TEST(
      error_of(rule_with({"manual_keys_file = \"r2.keys\"", "pre_shared_key = \"12345678\""}),
               dir.str()) ==
      "site.toml:9:20: rule 2: manual_keys_file: only used with key_management = "
      "\"manual\"");
  std::string dynamic = manual_rule("encryption = \"aes128\"\n");
  dynamic.replace(dynamic.find("203.0.113.2"), 11, "0.0.0.0");
  BOOST_TEST(error_of(dynamic, dir.str()) ==
             "site.toml:4: rule 2: secure_gateway: 0.0.0.0 (dynamic peer) needs IKE; manual keys "
             "need the peer's address");
}

BOOST_AUTO_TEST_CASE(manual_inbound_spis_are_unique) {
  TempDir dir;
  dir.write("r2.keys", good_keys, 0600);
  std::string text = manual_rule("encryption = \"aes128\"\n") +
                     lines({"[[rule]]", "index = 3", "secure_gateway = \"203.0.113.3\"",
                            "local = \"192.0.2.0/24\"", "remote = \"198.51.100.0/24\"",
                            "key_management = \"manual\"", "manual_keys_file = \"r2.keys\""});
  BOOST_TEST(error_of(text, dir.str()) ==
             "site.toml:13: rule 3: manual keys: inbound SPI 0x00002001 is already used by rule 2");
}

BOOST_AUTO_TEST_CASE(hex_decoding) {
  auto decoded =
      decode_secret_hex(ike::ByteView(reinterpret_cast<const std::uint8_t*>("0a 1B\n2c"), 8));
  BOOST_REQUIRE(decoded.ok());
  BOOST_TEST(ike::to_hex(decoded->view()) == "0a1b2c");
  BOOST_TEST(
      decode_secret_hex(ike::ByteView(reinterpret_cast<const std::uint8_t*>("abc"), 3)).reason() ==
      "has an odd number of hex digits");
}

}  // namespace ipsec_fpga::host
