// The suites the end-to-end tests and the demo run, each spelled the three
// ways it is needed: strongSwan proposals, the gateway's TOML fields and
// tshark's algorithm names (esp_capture.hpp).
#pragma once

#include <string>
#include <vector>

namespace ipsec_fpga::host::lab {

struct LabSuite {
  std::string name;                            // "aes-cbc-sha1", "3des-sha1", "aes-gcm"
  std::string description;                     // "AES-128-CBC + HMAC-SHA1-96"
  std::string swan_ike_proposal;               // "aes128-sha1-modp2048"
  std::string swan_esp_proposal;               // "aes128-sha1"
  std::string phase1_encryption, phase1_hash;  // gateway TOML [rule.phase1]
  int phase1_dh_group = 14;
  std::string phase2_encryption, phase2_authentication;  // [rule.phase2]
  std::string tshark_suite;                              // check_esp_capture() suite name
};

// The known suites; throws std::invalid_argument naming the unknown one.
const LabSuite& lab_suite(const std::string& name);
const std::vector<LabSuite>& lab_suites();

}  // namespace ipsec_fpga::host::lab
