// Every configuration error with its exact message: file, line (and column
// where toml11 locates a value), rule and field.
#include <boost/test/unit_test.hpp>

#include "config_text.hpp"

namespace ipsec_fpga::host {
namespace {

using test::error_of;
using test::lines;

// Lines 1-9 of every test file; a test appends its own lines from 10 on.
std::string with_rule(std::initializer_list<std::string_view> more) {
  std::string text = lines({
      "[gateway]",                         // 1
      "wan_interface = \"eth0\"",          // 2
      "",                                  // 3
      "[[rule]]",                          // 4
      "index = 1",                         // 5
      "secure_gateway = \"203.0.113.2\"",  // 6
      "local = \"192.0.2.0/24\"",          // 7
      "remote = \"198.51.100.0/24\"",      // 8
      "pre_shared_key = \"12345678abc\"",  // 9
  });
  return text + lines(more);
}

// A second rule from line 10: index 2, same peer, other ranges.
std::string with_second_rule(std::initializer_list<std::string_view> fields) {
  return with_rule({"[[rule]]"}) + lines(fields);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(syntax)

BOOST_AUTO_TEST_CASE(unterminated_string) {
  BOOST_TEST(error_of(lines({"[gateway]", "wan_interface = \"eth0"})) ==
             "site.toml:2:17: TOML syntax error: the next token is not a valid string");
}

BOOST_AUTO_TEST_CASE(duplicate_key) {
  BOOST_TEST(error_of(with_rule({"index = 2"})) ==
             "site.toml:10:9: TOML syntax error: value (\"index\") already exists");
}

BOOST_AUTO_TEST_CASE(value_without_quotes) {
  BOOST_TEST(error_of(with_rule({"name = branch"})) ==
             "site.toml:10:8: TOML syntax error: bad format: unknown value appeared");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(structure)

BOOST_AUTO_TEST_CASE(missing_gateway_table) {
  BOOST_TEST(error_of(lines({"# nothing"})) == "site.toml:1: missing required table [gateway]");
}

BOOST_AUTO_TEST_CASE(unknown_top_level_key) {
  BOOST_TEST(error_of(with_rule({"[gatway]", "x = 1"})) ==
             "site.toml:10: unknown field \"gatway\" (did you mean \"gateway\"?)");
}

BOOST_AUTO_TEST_CASE(rule_as_single_table) {
  BOOST_TEST(error_of(lines({"[gateway]", "wan_interface = \"eth0\"", "[rule]", "index = 1"})) ==
             "site.toml:3:1: rule: expected [[rule]] entries (an array of tables), got a table");
}

BOOST_AUTO_TEST_CASE(unknown_rule_key_is_a_typo_not_ignored) {
  BOOST_TEST(error_of(with_rule({"idle_timout_seconds = 60"})) ==
             "site.toml:10: rule 1: unknown field \"idle_timout_seconds\" (did you mean "
             "\"idle_timeout_seconds\"?)");
}

BOOST_AUTO_TEST_CASE(unknown_key_without_a_close_match) {
  BOOST_TEST(error_of(with_rule({"colour = \"blue\""})) ==
             "site.toml:10: rule 1: unknown field \"colour\"");
}

BOOST_AUTO_TEST_CASE(unknown_key_in_phase_table) {
  BOOST_TEST(error_of(with_rule({"[rule.phase2]", "encyption = \"aes128\""})) ==
             "site.toml:11: rule 1: unknown field \"phase2.encyption\" (did you mean "
             "\"phase2.encryption\"?)");
}

BOOST_AUTO_TEST_CASE(unknown_gateway_key) {
  BOOST_TEST(error_of(lines({"[gateway]", "wan_interface = \"eth0\"", "ike_prot = 500"})) ==
             "site.toml:3: gateway: unknown field \"ike_prot\" (did you mean \"ike_port\"?)");
}

BOOST_AUTO_TEST_CASE(wrong_types) {
  BOOST_TEST(error_of(with_rule({"active = \"yes\""})) ==
             "site.toml:10:10: rule 1: active: expected true or false, got a string");
  BOOST_TEST(error_of(with_rule({"idle_timeout_seconds = 1.5"})) ==
             "site.toml:10:24: rule 1: idle_timeout_seconds: expected an integer, got a "
             "floating-point number");
  BOOST_TEST(error_of(with_rule({"name = 3"})) ==
             "site.toml:10:8: rule 1: name: expected a string, got an integer");
  BOOST_TEST(error_of(with_rule({"phase1 = \"aes\""})) ==
             "site.toml:10:10: rule 1: phase1: expected a table [rule.phase1] or tables "
             "[[rule.phase1]], got a string");
}

BOOST_AUTO_TEST_CASE(index_of_wrong_type_leaves_the_rule_unnamed) {
  std::string text = with_rule({});
  text.replace(text.find("index = 1"), 9, "index = \"1\"");
  BOOST_TEST(error_of(text) == "site.toml:5:9: rule: index: expected an integer, got a string");
}

BOOST_AUTO_TEST_CASE(index_out_of_range) {
  std::string text = with_rule({});
  text.replace(text.find("index = 1"), 9, "index = 0");
  BOOST_TEST(error_of(text) == "site.toml:5:9: rule: index: 0 is out of range 1..999");
}

BOOST_AUTO_TEST_CASE(missing_required_fields) {
  BOOST_TEST(error_of(lines({"[gateway]", "wan_interface = \"eth0\"", "[[rule]]", "index = 4",
                             "pre_shared_key = \"12345678\""})) ==
             "site.toml:3: rule 4: missing required field \"secure_gateway\"\n"
             "site.toml:3: rule 4: missing required field \"local\"\n"
             "site.toml:3: rule 4: missing required field \"remote\"");
  BOOST_TEST(error_of(lines({"[gateway]"})) ==
             "site.toml:1: gateway: missing required field \"wan_interface\"");
}

BOOST_AUTO_TEST_CASE(missing_pre_shared_key) {
  std::string text = with_rule({});
  text.erase(text.find("pre_shared_key"));
  BOOST_TEST(error_of(text) ==
             "site.toml:4: rule 1: missing required field \"pre_shared_key\" (or "
             "\"pre_shared_key_file\")");
}

BOOST_AUTO_TEST_CASE(problems_are_all_reported_in_file_order) {
  BOOST_TEST(
      error_of(with_rule({"active = 1", "[rule.phase1]", "hash = \"sha2\"", "[[rule]]", "index = 1",
                          "secure_gateway = \"203.0.113.2\"", "local = \"192.0.2.0/24\"",
                          "remote = \"198.51.100.300\"", "pre_shared_key = \"12345678\""})) ==
      "site.toml:10:10: rule 1: active: expected true or false, got an integer\n"
      "site.toml:12:8: rule 1: phase1.hash: \"sha2\" is not one of md5, sha1, sha256\n"
      "site.toml:17:10: rule 1: remote: \"198.51.100.300\" is not an IPv4 address");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(addresses)

BOOST_AUTO_TEST_CASE(not_an_address) {
  std::string text = with_rule({});
  text.replace(text.find("198.51.100.0/24"), 15, "192.0.2.300");
  BOOST_TEST(error_of(text) ==
             "site.toml:8:10: rule 1: remote: \"192.0.2.300\" is not an IPv4 address");
}

BOOST_AUTO_TEST_CASE(ipv6_is_not_accepted) {
  std::string text = with_rule({});
  text.replace(text.find("203.0.113.2"), 11, "2001:db8::1");
  BOOST_TEST(error_of(text) ==
             "site.toml:6:18: rule 1: secure_gateway: \"2001:db8::1\" is not an IPv4 address");
}

BOOST_AUTO_TEST_CASE(range_start_after_end) {
  std::string text = with_rule({});
  text.replace(text.find("192.0.2.0/24"), 12, "192.0.2.20-192.0.2.10");
  BOOST_TEST(error_of(text) ==
             "site.toml:7:9: rule 1: local: range \"192.0.2.20-192.0.2.10\" starts after it ends "
             "(192.0.2.20 > 192.0.2.10)");
}

BOOST_AUTO_TEST_CASE(range_with_bad_end) {
  std::string text = with_rule({});
  text.replace(text.find("192.0.2.0/24"), 12, "192.0.2.20-192.0.2");
  BOOST_TEST(error_of(text) == "site.toml:7:9: rule 1: local: \"192.0.2\" is not an IPv4 address");
}

BOOST_AUTO_TEST_CASE(subnet_prefix_and_host_bits) {
  std::string text = with_rule({});
  text.replace(text.find("192.0.2.0/24"), 12, "192.0.2.0/33");
  BOOST_TEST(error_of(text) ==
             "site.toml:7:9: rule 1: local: \"192.0.2.0/33\": the prefix length must be a number "
             "from 0 to 32");
  text = with_rule({});
  text.replace(text.find("192.0.2.0/24"), 12, "192.0.2.5/24");
  BOOST_TEST(error_of(text) ==
             "site.toml:7:9: rule 1: local: \"192.0.2.5/24\" has host bits set (the subnet is "
             "192.0.2.0/24)");
}

BOOST_AUTO_TEST_CASE(my_ip_not_an_address) {
  BOOST_TEST(error_of(with_rule({"my_ip = \"wan\""})) ==
             "site.toml:10:9: rule 1: my_ip: \"wan\" is not an IPv4 address");
}

BOOST_AUTO_TEST_CASE(transport_mode_needs_single_hosts) {
  BOOST_TEST(error_of(with_rule({"encapsulation = \"transport\""})) ==
             "site.toml:4: rule 1: encapsulation: transport mode protects two hosts: local and "
             "remote must be single addresses");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rule_set)

BOOST_AUTO_TEST_CASE(duplicate_index) {
  BOOST_TEST(error_of(with_second_rule({"index = 1", "secure_gateway = \"203.0.113.3\"",
                                        "local = \"192.0.2.0/24\"", "remote = \"198.51.100.0/24\"",
                                        "pre_shared_key = \"12345678\""})) ==
             "site.toml:10: rule 1: index: 1 is already used by the rule at line 4");
}

BOOST_AUTO_TEST_CASE(overlap_with_the_same_peer) {
  BOOST_TEST(
      error_of(with_second_rule({"index = 2", "secure_gateway = \"203.0.113.2\"",
                                 "local = \"192.0.2.128-192.0.2.130\"", "remote = \"198.51.100.7\"",
                                 "pre_shared_key = \"12345678\""})) ==
      "site.toml:10: rule 2: local 192.0.2.128-192.0.2.130 / remote 198.51.100.7 overlaps "
      "rule 1 (local 192.0.2.0/24 / remote 198.51.100.0/24, line 4) with the same secure "
      "gateway 203.0.113.2");
}

BOOST_AUTO_TEST_CASE(overlap_of_two_dynamic_rules) {
  std::string text = with_rule({}) + lines({"[[rule]]", "index = 2", "secure_gateway = \"0.0.0.0\"",
                                            "local = \"192.0.2.0/24\"", "remote = \"198.51.100.9\"",
                                            "pre_shared_key = \"12345678\""});
  text.replace(text.find("203.0.113.2"), 11, "0.0.0.0");
  BOOST_TEST(error_of(text) ==
             "site.toml:10: rule 2: local 192.0.2.0/24 / remote 198.51.100.9 overlaps rule 1 "
             "(local 192.0.2.0/24 / remote 198.51.100.0/24, line 4) with the same secure gateway "
             "0.0.0.0 (dynamic)");
}

BOOST_AUTO_TEST_CASE(no_overlap_when_inactive_other_peer_or_disjoint) {
  auto second = [](const char* peer, const char* remote, const char* active) {
    return with_second_rule({"index = 2", peer, "local = \"192.0.2.0/24\"", remote, active,
                             "pre_shared_key = \"12345678\""});
  };
  BOOST_TEST(error_of(second("secure_gateway = \"203.0.113.2\"", "remote = \"198.51.100.7\"",
                             "active = false")) == "no error");
  BOOST_TEST(error_of(second("secure_gateway = \"203.0.113.3\"", "remote = \"198.51.100.7\"",
                             "active = true")) == "no error");
  BOOST_TEST(error_of(second("secure_gateway = \"203.0.113.2\"", "remote = \"198.51.101.7\"",
                             "active = true")) == "no error");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(suites)

BOOST_AUTO_TEST_CASE(gcm_with_an_hmac) {
  BOOST_TEST(error_of(with_rule(
                 {"[rule.phase2]", "encryption = \"aes128-gcm\"", "authentication = \"sha1\""})) ==
             "site.toml:12:18: rule 1: phase2.authentication: aes128-gcm authenticates by itself: "
             "an HMAC (\"sha1\") cannot be added, use \"none\"");
}

BOOST_AUTO_TEST_CASE(ah_is_not_supported) {
  BOOST_TEST(error_of(with_rule({"[rule.phase2]", "protocol = \"ah\""})) ==
             "site.toml:11:12: rule 1: phase2.protocol: AH is not supported: the FPGA engine "
             "implements ESP only");
}

BOOST_AUTO_TEST_CASE(cbc_without_authentication) {
  BOOST_TEST(error_of(with_rule(
                 {"[rule.phase2]", "encryption = \"3des\"", "authentication = \"none\""})) ==
             "site.toml:12:18: rule 1: phase2.authentication: \"none\" is only allowed with "
             "aes128-gcm and aes256-gcm: 3des needs md5, sha1 or sha256");
}

BOOST_AUTO_TEST_CASE(null_without_authentication) {
  BOOST_TEST(error_of(with_rule(
                 {"[rule.phase2]", "encryption = \"null\"", "authentication = \"none\""})) ==
             "site.toml:12:18: rule 1: phase2.authentication: \"none\" with encryption \"null\" "
             "protects nothing");
}

BOOST_AUTO_TEST_CASE(unknown_algorithms) {
  BOOST_TEST(error_of(with_rule({"[rule.phase1]", "encryption = \"aes129\""})) ==
             "site.toml:11:14: rule 1: phase1.encryption: \"aes129\" is not one of des, 3des, "
             "aes128, aes192, aes256");
  BOOST_TEST(error_of(with_rule({"[rule.phase1]", "dh_group = 3"})) ==
             "site.toml:11:12: rule 1: phase1.dh_group: 3 is not one of 1, 2, 5, 14");
  BOOST_TEST(error_of(with_rule({"[rule.phase2]", "pfs = \"yes\""})) ==
             "site.toml:11:7: rule 1: phase2.pfs: expected \"none\" or one of 1, 2, 5, 14, got "
             "\"yes\"");
  BOOST_TEST(error_of(with_rule({"[rule.phase2]", "encryption = \"aes192-gcm\""})) ==
             "site.toml:11:14: rule 1: phase2.encryption: \"aes192-gcm\" is not one of des, 3des, "
             "aes128, aes192, aes256, aes128-gcm, aes256-gcm, null");
}

BOOST_AUTO_TEST_CASE(error_in_the_second_proposal) {
  BOOST_TEST(error_of(with_rule({"[[rule.phase2]]", "encryption = \"aes128\"", "[[rule.phase2]]",
                                 "lifetime_seconds = 0"})) ==
             "site.toml:13:20: rule 1: phase2[2].lifetime_seconds: 0 is out of range "
             "1..4294967295");
}

BOOST_AUTO_TEST_CASE(mode_and_encapsulation_choices) {
  BOOST_TEST(error_of(with_rule({"negotiation_mode = \"quick\""})) ==
             "site.toml:10:20: rule 1: negotiation_mode: \"quick\" is not one of main, "
             "aggressive");
  BOOST_TEST(error_of(with_rule({"key_management = \"IKE\""})) ==
             "site.toml:10:18: rule 1: key_management: \"IKE\" is not one of ike, manual");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gateway)

std::string gateway_with(std::initializer_list<std::string_view> more) {
  return lines({"[gateway]", "wan_interface = \"eth0\""}) + lines(more);
}

BOOST_AUTO_TEST_CASE(ports) {
  BOOST_TEST(error_of(gateway_with({"ike_port = 70000"})) ==
             "site.toml:3:12: gateway: ike_port: 70000 is out of range 1..65535");
  BOOST_TEST(error_of(gateway_with({"nat_t_port = 500"})) ==
             "site.toml:3:14: gateway: nat_t_port: must differ from ike_port (both are 500)");
}

BOOST_AUTO_TEST_CASE(interfaces_and_addresses) {
  BOOST_TEST(error_of(gateway_with({"lan_interface = \"a-very-long-interface\""})) ==
             "site.toml:3:17: gateway: lan_interface: \"a-very-long-interface\" is not an "
             "interface name (1 to 15 characters, no '/', ':' or spaces)");
  BOOST_TEST(error_of(gateway_with({"wan_address = \"dhcp4\""})) ==
             "site.toml:3:15: gateway: wan_address: \"dhcp4\" is not an IPv4 address (nor "
             "\"dhcp\" or \"interface\")");
  BOOST_TEST(error_of(gateway_with({"lan_address = \"192.0.2.1\""})) ==
             "site.toml:3:15: gateway: lan_address: \"192.0.2.1\" is not an address with a "
             "prefix length 1..32 (e.g. \"192.0.2.1/24\")");
  BOOST_TEST(error_of(gateway_with({"lan_address = \"192.0.2.256/24\""})) ==
             "site.toml:3:15: gateway: lan_address: \"192.0.2.256\" is not an IPv4 address");
}

BOOST_AUTO_TEST_CASE(log_board_and_limits) {
  BOOST_TEST(error_of(gateway_with({"log_ring_size = 0"})) ==
             "site.toml:3:17: gateway: log_ring_size: 0 is out of range 1..999");
  BOOST_TEST(error_of(gateway_with({"board = \"sim\""})) ==
             "site.toml:3:9: gateway: board: \"sim\" is not a board URI (\"sim:\", \"usb:...\")");
  BOOST_TEST(error_of(gateway_with({"max_phase2_negotiations = 0"})) ==
             "site.toml:3:27: gateway: max_phase2_negotiations: 0 is out of range 1..1024");
  BOOST_TEST(error_of(gateway_with({"error_threshold = -1"})) ==
             "site.toml:3:19: gateway: error_threshold: -1 is out of range 1..1000");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ipsec_fpga::host
