#include "suite_names.hpp"

#include <sstream>
#include <vector>

namespace ipsec_fpga::ike::interop {
namespace {

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, '-');) parts.push_back(part);
  return parts;
}

std::optional<DhGroup> group(const std::string& s) {
  if (s == "modp768") return DhGroup::modp768;
  if (s == "modp1024") return DhGroup::modp1024;
  if (s == "modp1536") return DhGroup::modp1536;
  if (s == "modp2048") return DhGroup::modp2048;
  if (s == "modp3072") return DhGroup::modp3072;
  if (s == "modp4096") return DhGroup::modp4096;
  if (s == "ecp256") return DhGroup::ecp256;
  if (s == "ecp384") return DhGroup::ecp384;
  return std::nullopt;
}

std::optional<HashAlgorithm> hash(const std::string& s) {
  if (s == "md5") return HashAlgorithm::md5;
  if (s == "sha1") return HashAlgorithm::sha1;
  if (s == "sha256") return HashAlgorithm::sha256;
  if (s == "sha384") return HashAlgorithm::sha384;
  if (s == "sha512") return HashAlgorithm::sha512;
  return std::nullopt;
}

}  // namespace

std::optional<Phase1Suite> parse_ike_proposal(const std::string& text) {
  auto parts = split(text);
  if (parts.size() != 3) return std::nullopt;
  Phase1Suite s;
  if (parts[0] == "des") {
    s.encryption = EncryptionAlgorithm::des_cbc;
    s.key_bits = 0;
  } else if (parts[0] == "3des") {
    s.encryption = EncryptionAlgorithm::triple_des_cbc;
    s.key_bits = 0;
  } else if (parts[0] == "aes128" || parts[0] == "aes192" || parts[0] == "aes256") {
    s.encryption = EncryptionAlgorithm::aes_cbc;
    s.key_bits = static_cast<std::uint16_t>(std::stoi(parts[0].substr(3)));
  } else {
    return std::nullopt;
  }
  auto h = hash(parts[1]);
  auto g = group(parts[2]);
  if (!h || !g) return std::nullopt;
  s.hash = *h;
  s.group = *g;
  return s;
}

std::optional<EspSuite> parse_esp_proposal(const std::string& text) {
  auto parts = split(text);
  if (parts.empty()) return std::nullopt;
  EspSuite s;
  std::size_t next = 1;
  const std::string& enc = parts[0];
  if (enc == "aes128gcm16" || enc == "aes256gcm16") {
    s.encryption = EspEncryption::aes_gcm_16;
    s.key_bits = static_cast<std::uint16_t>(std::stoi(enc.substr(3, 3)));
    s.integrity = EspIntegrity::none;
  } else {
    if (enc == "des") {
      s.encryption = EspEncryption::des_cbc;
    } else if (enc == "3des") {
      s.encryption = EspEncryption::triple_des_cbc;
    } else if (enc == "null") {
      s.encryption = EspEncryption::null;
    } else if (enc == "aes128" || enc == "aes192" || enc == "aes256") {
      s.encryption = EspEncryption::aes_cbc;
      s.key_bits = static_cast<std::uint16_t>(std::stoi(enc.substr(3)));
    } else {
      return std::nullopt;
    }
    if (parts.size() < 2) return std::nullopt;
    if (parts[1] == "md5")
      s.integrity = EspIntegrity::hmac_md5_96;
    else if (parts[1] == "sha1")
      s.integrity = EspIntegrity::hmac_sha1_96;
    else if (parts[1] == "sha256")
      s.integrity = EspIntegrity::hmac_sha256_128;
    else
      return std::nullopt;
    next = 2;
  }
  if (parts.size() > next) {
    auto g = group(parts[next]);
    if (!g || parts.size() > next + 1) return std::nullopt;
    s.pfs_group = *g;
  }
  return s.valid() ? std::optional<EspSuite>(s) : std::nullopt;
}

}  // namespace ipsec_fpga::ike::interop
