// The SA's choices as the board encodes them: every enumerator's value is
// the sa_layout value of the same name (rtl/sa/sa_layout.def), checked below.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sa_layout.hpp"

namespace ipsec_fpga::driver {

enum class Direction : std::uint8_t {
  outbound = sa_layout::values::direction::outbound,  // inner packet in, ESP out
  inbound = sa_layout::values::direction::inbound,    // ESP in, verified inner packet out
};

enum class Mode : std::uint8_t {
  tunnel = sa_layout::values::mode::tunnel,
  transport = sa_layout::values::mode::transport,
};

enum class Encapsulation : std::uint8_t {
  bare_esp =
      sa_layout::values::encapsulation::bare_esp,  // SPI onwards, the host owns the IP header
  ipv4 = sa_layout::values::encapsulation::ipv4,   // IPv4 header, protocol 50
  ipv4_udp = sa_layout::values::encapsulation::ipv4_udp,  // IPv4 + UDP 4500 (RFC 3948)
};

enum class Cipher : std::uint8_t {
  null = sa_layout::values::cipher::null,
  des_cbc = sa_layout::values::cipher::des_cbc,
  tdes_cbc = sa_layout::values::cipher::tdes_cbc,
  aes128_cbc = sa_layout::values::cipher::aes128_cbc,
  aes192_cbc = sa_layout::values::cipher::aes192_cbc,
  aes256_cbc = sa_layout::values::cipher::aes256_cbc,
  aes128_gcm = sa_layout::values::cipher::aes128_gcm,
  aes256_gcm = sa_layout::values::cipher::aes256_gcm,
};

enum class Integrity : std::uint8_t {
  none = sa_layout::values::integrity::none,  // AES-GCM only
  hmac_md5_96 = sa_layout::values::integrity::hmac_md5_96,
  hmac_sha1_96 = sa_layout::values::integrity::hmac_sha1_96,
  hmac_sha256_128 = sa_layout::values::integrity::hmac_sha256_128,
};

inline constexpr Cipher all_ciphers[] = {Cipher::null,       Cipher::des_cbc,    Cipher::tdes_cbc,
                                         Cipher::aes128_cbc, Cipher::aes192_cbc, Cipher::aes256_cbc,
                                         Cipher::aes128_gcm, Cipher::aes256_gcm};
inline constexpr Integrity all_integrities[] = {
    Integrity::none, Integrity::hmac_md5_96, Integrity::hmac_sha1_96, Integrity::hmac_sha256_128};

struct Suite {
  Cipher cipher;
  Integrity integrity;
  friend bool operator==(const Suite&, const Suite&) = default;
};

std::string_view to_string(Direction direction);
std::string_view to_string(Mode mode);
std::string_view to_string(Encapsulation encapsulation);
std::string_view to_string(Cipher cipher);
std::string_view to_string(Integrity integrity);

bool is_gcm(Cipher cipher);
// Key bytes the cipher takes (without the GCM salt), and the HMAC key bytes
// IKE negotiates for the integrity algorithm (RFC 2403, 2404, 4868).
std::size_t cipher_key_bytes(Cipher cipher);
std::size_t integrity_key_bytes(Integrity integrity);
// The combinations the ESP engine offers: CBC/NULL with an HMAC, GCM alone.
bool is_engine_suite(Suite suite);

}  // namespace ipsec_fpga::driver
