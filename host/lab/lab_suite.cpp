#include "host/lab/lab_suite.hpp"

#include <stdexcept>

namespace ipsec_fpga::host::lab {

const std::vector<LabSuite>& lab_suites() {
  static const std::vector<LabSuite> suites = {
      {"aes-cbc-sha1", "AES-128-CBC + HMAC-SHA1-96", "aes128-sha1-modp2048", "aes128-sha1",
       "aes128", "sha1", 14, "aes128", "sha1", "aes-cbc-sha1"},
      {"3des-sha1", "3DES-CBC + HMAC-SHA1-96", "3des-sha1-modp1024", "3des-sha1", "3des", "sha1", 2,
       "3des", "sha1", "3des-sha1"},
      {"aes-gcm", "AES-128-GCM-16", "aes128-sha256-modp2048", "aes128gcm16", "aes128", "sha256", 14,
       "aes128-gcm", "none", "aes-gcm"},
  };
  return suites;
}

const LabSuite& lab_suite(const std::string& name) {
  for (const LabSuite& s : lab_suites())
    if (s.name == name) return s;
  std::string known;
  for (const LabSuite& s : lab_suites()) known += (known.empty() ? "" : ", ") + s.name;
  throw std::invalid_argument("unknown suite '" + name + "' (known: " + known + ")");
}

}  // namespace ipsec_fpga::host::lab
