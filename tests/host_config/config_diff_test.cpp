// diff_configs for SIGHUP reload: rules added, removed, changed (with the
// changed fields named), unchanged even when moved in the file.
#include "host/config/config_diff.hpp"

#include <boost/test/unit_test.hpp>

#include "config_text.hpp"

namespace ipsec_fpga::host {
namespace {

using test::lines;

std::string rule(int index, const char* remote, const char* psk = "12345678",
                 const char* extra = "") {
  return std::string("[[rule]]\nindex = ") + std::to_string(index) +
         "\nsecure_gateway = \"203.0.113.2\"\nlocal = \"192.0.2." + std::to_string(index) +
         "\"\nremote = \"" + remote + "\"\npre_shared_key = \"" + psk + "\"\n" + extra;
}

GatewayConfig config_of(const std::string& rules, const char* board = "sim:") {
  return parse_config_string(
      lines({"[gateway]", "wan_interface = \"eth0\"", std::string("board = \"") + board + "\""}) +
          rules,
      "site.toml");
}

}  // namespace

BOOST_AUTO_TEST_CASE(identical_configs_have_no_changes) {
  GatewayConfig a = config_of(rule(1, "198.51.100.1") + rule(2, "198.51.100.2"));
  ConfigDiff diff = diff_configs(a, a);
  BOOST_TEST(diff.empty());
  BOOST_TEST(diff.unchanged == (std::vector<int>{1, 2}));
}

BOOST_AUTO_TEST_CASE(added_removed_changed_unchanged) {
  GatewayConfig before = config_of(rule(1, "198.51.100.1") + rule(2, "198.51.100.2") +
                                   rule(3, "198.51.100.3") + rule(4, "198.51.100.4"));
  // Rule 4 moves to the top (same contents), 1 changes its remote range,
  // 3 its key, 2 goes away, 5 is new.
  GatewayConfig after = config_of(rule(4, "198.51.100.4") + rule(1, "198.51.100.0/24") +
                                  rule(3, "198.51.100.3", "another key") + rule(5, "198.51.100.5"));
  ConfigDiff diff = diff_configs(before, after);
  BOOST_TEST(diff.added == (std::vector<int>{5}));
  BOOST_TEST(diff.removed == (std::vector<int>{2}));
  BOOST_TEST(diff.unchanged == (std::vector<int>{4}));
  BOOST_REQUIRE(diff.changed.size() == 2u);
  BOOST_TEST(diff.changed[0].index == 1);
  BOOST_TEST(diff.changed[0].fields == (std::vector<std::string>{"remote"}));
  BOOST_TEST(diff.changed[1].index == 3);
  BOOST_TEST(diff.changed[1].fields == (std::vector<std::string>{"pre_shared_key"}));
  BOOST_TEST(diff.rules_changed());
  BOOST_TEST(diff.gateway_fields.empty());
}

BOOST_AUTO_TEST_CASE(every_rule_field_is_compared) {
  GatewayConfig before = config_of(rule(1, "198.51.100.1"));
  GatewayConfig after = config_of(rule(1, "198.51.100.1", "12345678",
                                       "name = \"renamed\"\nactive = false\n"
                                       "negotiation_mode = \"aggressive\"\n"
                                       "idle_timeout_seconds = 60\nnat_traversal = false\n"
                                       "[rule.phase1]\ndh_group = 2\n"
                                       "[rule.phase2]\nlifetime_seconds = 600\n"));
  ConfigDiff diff = diff_configs(before, after);
  BOOST_REQUIRE(diff.changed.size() == 1u);
  BOOST_TEST(diff.changed[0].fields ==
             (std::vector<std::string>{"name", "active", "negotiation_mode", "phase1", "phase2",
                                       "idle_timeout_seconds", "nat_traversal"}));
}

BOOST_AUTO_TEST_CASE(gateway_changes_are_listed_apart) {
  GatewayConfig before = config_of(rule(1, "198.51.100.1"));
  GatewayConfig after = config_of(rule(1, "198.51.100.1"), "usb:serial=FT1234");
  ConfigDiff diff = diff_configs(before, after);
  BOOST_TEST(!diff.rules_changed());
  BOOST_TEST(!diff.empty());
  BOOST_TEST(diff.gateway_fields == (std::vector<std::string>{"board"}));
}

}  // namespace ipsec_fpga::host
