#include "ike/esp_suite.hpp"

namespace ipsec_fpga::ike {

std::size_t EspSuite::encryption_key_size() const {
  switch (encryption) {
    case EspEncryption::des_cbc:
      return 8;
    case EspEncryption::triple_des_cbc:
      return 24;
    case EspEncryption::aes_cbc:
      return key_bits / 8;
    case EspEncryption::aes_gcm_16:
      return key_bits / 8 + 4;
    case EspEncryption::null:
      return 0;
  }
  return 0;
}

std::size_t EspSuite::integrity_key_size() const {
  switch (integrity) {
    case EspIntegrity::none:
      return 0;
    case EspIntegrity::hmac_md5_96:
      return 16;
    case EspIntegrity::hmac_sha1_96:
      return 20;
    case EspIntegrity::hmac_sha256_128:
      return 32;
  }
  return 0;
}

bool EspSuite::valid() const {
  switch (encryption) {
    case EspEncryption::aes_gcm_16:
      return integrity == EspIntegrity::none && (key_bits == 128 || key_bits == 256);
    case EspEncryption::aes_cbc:
      if (key_bits != 128 && key_bits != 192 && key_bits != 256) return false;
      break;
    case EspEncryption::null:
      return integrity != EspIntegrity::none;
    default:
      break;
  }
  return integrity != EspIntegrity::none;
}

bool EspSuite::same_algorithms(const EspSuite& other) const {
  bool keyed = encryption == EspEncryption::aes_cbc || encryption == EspEncryption::aes_gcm_16;
  return encryption == other.encryption && integrity == other.integrity &&
         pfs_group == other.pfs_group && (!keyed || key_bits == other.key_bits);
}

std::string EspSuite::describe() const {
  std::string out;
  switch (encryption) {
    case EspEncryption::des_cbc:
      out = "DES";
      break;
    case EspEncryption::triple_des_cbc:
      out = "3DES";
      break;
    case EspEncryption::aes_cbc:
      out = "AES-CBC-" + std::to_string(key_bits);
      break;
    case EspEncryption::aes_gcm_16:
      out = "AES-GCM-16-" + std::to_string(key_bits);
      break;
    case EspEncryption::null:
      out = "NULL";
      break;
  }
  switch (integrity) {
    case EspIntegrity::none:
      break;
    case EspIntegrity::hmac_md5_96:
      out += "/HMAC-MD5-96";
      break;
    case EspIntegrity::hmac_sha1_96:
      out += "/HMAC-SHA1-96";
      break;
    case EspIntegrity::hmac_sha256_128:
      out += "/HMAC-SHA-256-128";
      break;
  }
  if (pfs_group) out += "/PFS " + name(*pfs_group);
  return out;
}

}  // namespace ipsec_fpga::ike
