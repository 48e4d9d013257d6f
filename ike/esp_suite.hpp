#pragma once
// The ESP transforms the FPGA engine implements, as negotiated in Quick Mode
// (RFC 2407 4.4.4 and 4.5, RFC 3602, RFC 4106, RFC 4868).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "ike/algorithms.hpp"

namespace ipsec_fpga::ike {

enum class EspEncryption : std::uint8_t { des_cbc, triple_des_cbc, aes_cbc, aes_gcm_16, null };
enum class EspIntegrity : std::uint8_t { none, hmac_md5_96, hmac_sha1_96, hmac_sha256_128 };

struct EspSuite {
  EspEncryption encryption = EspEncryption::aes_cbc;
  std::uint16_t key_bits = 128;  // AES-CBC and AES-GCM
  EspIntegrity integrity = EspIntegrity::hmac_sha1_96;
  std::optional<DhGroup> pfs_group;
  std::uint32_t lifetime_seconds = 3600;
  std::uint32_t lifetime_kilobytes = 0;  // 0: no volume limit

  // Key bytes for the cipher, including the 4-byte salt of AES-GCM (RFC 4106 8.1).
  std::size_t encryption_key_size() const;
  std::size_t integrity_key_size() const;
  // Whether this is a combination the engine can run (GCM carries no HMAC,
  // NULL needs one, AES needs 128/192/256, GCM 128/256).
  bool valid() const;
  bool same_algorithms(const EspSuite& other) const;
  std::string describe() const;
  friend bool operator==(const EspSuite&, const EspSuite&) = default;
};

}  // namespace ipsec_fpga::ike
