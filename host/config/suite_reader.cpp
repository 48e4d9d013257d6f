#include "host/config/suite_reader.hpp"

#include <limits>

namespace ipsec_fpga::host {
namespace {

constexpr std::int64_t max_u32 = std::numeric_limits<std::uint32_t>::max();

// DH groups the router offers ("Key Group") plus group 14 for modern peers.
std::optional<ike::DhGroup> read_dh_group(TomlTableReader& table, std::string_view key) {
  const toml::value* value = table.take(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_integer()) {
    switch (value->as_integer()) {
      case 1:
        return ike::DhGroup::modp768;
      case 2:
        return ike::DhGroup::modp1024;
      case 5:
        return ike::DhGroup::modp1536;
      case 14:
        return ike::DhGroup::modp2048;
      default:
        table.value_error(*value, key,
                          std::to_string(value->as_integer()) + " is not one of 1, 2, 5, 14");
        return std::nullopt;
    }
  }
  table.value_error(*value, key, "expected one of 1, 2, 5, 14, got " + toml_type_name(*value));
  return std::nullopt;
}

bool is_gcm(ike::EspEncryption encryption) { return encryption == ike::EspEncryption::aes_gcm_16; }

}  // namespace

std::optional<ike::Phase1Suite> read_phase1_suite(TomlTableReader& table) {
  ike::Phase1Suite suite;
  suite.group = ike::DhGroup::modp2048;
  if (auto encryption = table.choice("encryption", {"des", "3des", "aes128", "aes192", "aes256"})) {
    if (*encryption == "des") {
      suite.encryption = ike::EncryptionAlgorithm::des_cbc;
    } else if (*encryption == "3des") {
      suite.encryption = ike::EncryptionAlgorithm::triple_des_cbc;
    } else {
      suite.encryption = ike::EncryptionAlgorithm::aes_cbc;
      suite.key_bits = static_cast<std::uint16_t>(std::stoi(encryption->substr(3)));
    }
  }
  if (auto hash = table.choice("hash", {"md5", "sha1", "sha256"})) {
    suite.hash = *hash == "md5"    ? ike::HashAlgorithm::md5
                 : *hash == "sha1" ? ike::HashAlgorithm::sha1
                                   : ike::HashAlgorithm::sha256;
  }
  if (auto group = read_dh_group(table, "dh_group")) suite.group = *group;
  if (auto lifetime = table.integer("lifetime_seconds", 1, max_u32)) {
    suite.lifetime_seconds = static_cast<std::uint32_t>(*lifetime);
  }
  table.report_unknown_keys();
  if (table.failed()) return std::nullopt;
  return suite;
}

std::optional<ike::EspSuite> read_phase2_suite(TomlTableReader& table) {
  ike::EspSuite suite;
  if (const toml::value* protocol = table.take("protocol")) {
    if (!protocol->is_string()) {
      table.value_error(*protocol, "protocol",
                        "expected \"esp\", got " + toml_type_name(*protocol));
    } else if (protocol->as_string().str == "ah") {
      table.value_error(*protocol, "protocol",
                        "AH is not supported: the FPGA engine implements ESP only");
    } else if (protocol->as_string().str != "esp") {
      table.value_error(*protocol, "protocol",
                        "\"" + protocol->as_string().str + "\" is not one of esp");
    }
  }
  std::string encryption_name = "aes128";
  if (auto encryption = table.choice("encryption", {"des", "3des", "aes128", "aes192", "aes256",
                                                    "aes128-gcm", "aes256-gcm", "null"})) {
    encryption_name = *encryption;
    if (*encryption == "des") {
      suite.encryption = ike::EspEncryption::des_cbc;
    } else if (*encryption == "3des") {
      suite.encryption = ike::EspEncryption::triple_des_cbc;
    } else if (*encryption == "null") {
      suite.encryption = ike::EspEncryption::null;
    } else {
      bool gcm = encryption->ends_with("-gcm");
      suite.encryption = gcm ? ike::EspEncryption::aes_gcm_16 : ike::EspEncryption::aes_cbc;
      suite.key_bits = static_cast<std::uint16_t>(std::stoi(encryption->substr(3, 3)));
    }
  }
  // GCM authenticates by itself, so its natural default is "none".
  suite.integrity =
      is_gcm(suite.encryption) ? ike::EspIntegrity::none : ike::EspIntegrity::hmac_sha1_96;
  const toml::value* authentication_value = table.take("authentication");
  std::string authentication_name = is_gcm(suite.encryption) ? "none" : "sha1";
  if (auto authentication = table.choice("authentication", {"md5", "sha1", "sha256", "none"})) {
    authentication_name = *authentication;
    suite.integrity = *authentication == "md5"      ? ike::EspIntegrity::hmac_md5_96
                      : *authentication == "sha1"   ? ike::EspIntegrity::hmac_sha1_96
                      : *authentication == "sha256" ? ike::EspIntegrity::hmac_sha256_128
                                                    : ike::EspIntegrity::none;
  }
  if (const toml::value* pfs = table.take("pfs")) {
    if (pfs->is_string() && pfs->as_string().str == "none") {
      suite.pfs_group.reset();
    } else if (pfs->is_integer()) {
      suite.pfs_group = read_dh_group(table, "pfs");
    } else {
      table.value_error(
          *pfs, "pfs",
          "expected \"none\" or one of 1, 2, 5, 14, got " +
              (pfs->is_string() ? "\"" + pfs->as_string().str + "\"" : toml_type_name(*pfs)));
    }
  }
  if (auto lifetime = table.integer("lifetime_seconds", 1, max_u32)) {
    suite.lifetime_seconds = static_cast<std::uint32_t>(*lifetime);
  }
  if (auto kilobytes = table.integer("lifetime_kilobytes", 0, max_u32)) {
    suite.lifetime_kilobytes = static_cast<std::uint32_t>(*kilobytes);
  }
  table.report_unknown_keys();
  if (table.failed()) return std::nullopt;

  // The combinations the engine cannot run, named after what the user wrote.
  const std::string auth_quoted = "\"" + authentication_name + "\"";
  if (is_gcm(suite.encryption) && suite.integrity != ike::EspIntegrity::none) {
    table.value_error(*authentication_value, "authentication",
                      encryption_name + " authenticates by itself: an HMAC (" + auth_quoted +
                          ") cannot be added, use \"none\"");
    return std::nullopt;
  }
  if (suite.encryption == ike::EspEncryption::null && suite.integrity == ike::EspIntegrity::none) {
    table.value_error(*authentication_value, "authentication",
                      "\"none\" with encryption \"null\" protects nothing");
    return std::nullopt;
  }
  if (!is_gcm(suite.encryption) && suite.integrity == ike::EspIntegrity::none) {
    table.value_error(*authentication_value, "authentication",
                      "\"none\" is only allowed with aes128-gcm and aes256-gcm: " +
                          encryption_name + " needs md5, sha1 or sha256");
    return std::nullopt;
  }
  if (!suite.valid()) {
    table.table_error("the engine cannot run " + suite.describe());
    return std::nullopt;
  }
  return suite;
}

}  // namespace ipsec_fpga::host
