// The suites `ipsec-fpga bench` measures: every one the ESP engine offers,
// named as the engine's figures name them ("aes128-cbc+hmac-sha1-96",
// "aes128-gcm16").
#pragma once

#include <string>
#include <vector>

namespace ipsec_fpga::host::bench {

struct SuiteSpec {
  std::string cipher;     // "null", "des-cbc", "3des-cbc", "aes128-cbc", ..., "aes256-gcm16"
  std::string integrity;  // "none" (GCM), "hmac-md5-96", "hmac-sha1-96", "hmac-sha256-128"
  std::string name() const;
};

std::vector<SuiteSpec> engine_suite_specs();
// A suite by name ("aes128-cbc+hmac-sha1-96", spaces ignored, case-insensitive).
// Throws std::invalid_argument naming it and listing the valid names.
SuiteSpec parse_suite(const std::string& name);
// The default --quick pair: AES-128-CBC + HMAC-SHA1-96 and AES-128-GCM.
std::vector<SuiteSpec> quick_suite_specs();

}  // namespace ipsec_fpga::host::bench
