#pragma once
// A one-rule configuration for the CLI tests (documentation addresses only).
#include <string>

namespace ipsec_fpga::host::test {

inline std::string one_rule_config(const std::string& log_file, const std::string& wan = "eth0",
                                   const std::string& name = "branch") {
  return "[gateway]\n"
         "wan_interface = \"" +
         wan +
         "\"\n"
         "wan_address = \"203.0.113.1\"\n"
         "lan_interface = \"hcli0\"\n"
         "log_file = \"" +
         log_file +
         "\"\n"
         "log_ring_size = 50\n"
         "\n"
         "[[rule]]\n"
         "index = 1\n"
         "name = \"" +
         name +
         "\"\n"
         "secure_gateway = \"203.0.113.2\"\n"
         "local = \"192.0.2.0/24\"\n"
         "remote = \"198.51.100.0/24\"\n"
         "pre_shared_key = \"never-printed-psk\"\n";
}

}  // namespace ipsec_fpga::host::test
