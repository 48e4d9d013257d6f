#pragma once
// Numbers from RFC 2408 (ISAKMP), RFC 2407 (IPsec DOI), RFC 2409 appendix A
// (Oakley attributes) and RFC 3947 (NAT traversal) that ike/ speaks.

#include <cstdint>

namespace ipsec_fpga::ike {

enum class PayloadType : std::uint8_t {
  none = 0,
  sa = 1,
  proposal = 2,
  transform = 3,
  key_exchange = 4,
  identification = 5,
  certificate = 6,
  certificate_request = 7,
  hash = 8,
  signature = 9,
  nonce = 10,
  notification = 11,
  del = 12,
  vendor_id = 13,
  nat_d = 20,   // RFC 3947
  nat_oa = 21,  // RFC 3947
};

enum class ExchangeType : std::uint8_t {
  identity_protection = 2,  // Main Mode
  aggressive = 4,
  informational = 5,
  quick_mode = 32,
};

namespace header_flags {
inline constexpr std::uint8_t encryption = 0x01;
inline constexpr std::uint8_t commit = 0x02;
inline constexpr std::uint8_t authentication_only = 0x04;
}  // namespace header_flags

inline constexpr std::uint8_t kIsakmpVersion = 0x10;  // major 1, minor 0
inline constexpr std::uint32_t kIpsecDoi = 1;
inline constexpr std::uint32_t kSituationIdentityOnly = 1;

enum class ProtocolId : std::uint8_t { isakmp = 1, ah = 2, esp = 3 };

enum class NotifyType : std::uint16_t {
  invalid_payload_type = 1,
  doi_not_supported = 2,
  situation_not_supported = 3,
  invalid_cookie = 4,
  invalid_major_version = 5,
  invalid_minor_version = 6,
  invalid_exchange_type = 7,
  invalid_flags = 8,
  invalid_message_id = 9,
  invalid_protocol_id = 10,
  invalid_spi = 11,
  invalid_transform_id = 12,
  attributes_not_supported = 13,
  no_proposal_chosen = 14,
  bad_proposal_syntax = 15,
  payload_malformed = 16,
  invalid_key_information = 17,
  invalid_id_information = 18,
  invalid_cert_encoding = 19,
  invalid_certificate = 20,
  cert_type_unsupported = 21,
  invalid_cert_authority = 22,
  invalid_hash_information = 23,
  authentication_failed = 24,
  invalid_signature = 25,
  address_notification = 26,
  notify_sa_lifetime = 27,
  certificate_unavailable = 28,
  unsupported_exchange_type = 29,
  unequal_payload_lengths = 30,
  connected = 16384,
  responder_lifetime = 24576,
  replay_status = 24577,
  initial_contact = 24578,
};

enum class IdType : std::uint8_t {
  ipv4_addr = 1,
  fqdn = 2,
  user_fqdn = 3,
  ipv4_addr_subnet = 4,
  ipv6_addr = 5,
  ipv6_addr_subnet = 6,
  ipv4_addr_range = 7,
  ipv6_addr_range = 8,
  der_asn1_dn = 9,
  der_asn1_gn = 10,
  key_id = 11,
};

// Phase 1 (Oakley) attribute types and values, RFC 2409 appendix A.
namespace oakley {
inline constexpr std::uint8_t kTransformKeyIke = 1;
enum class Attribute : std::uint16_t {
  encryption_algorithm = 1,
  hash_algorithm = 2,
  authentication_method = 3,
  group_description = 4,
  life_type = 11,
  life_duration = 12,
  key_length = 14,
};
inline constexpr std::uint16_t kAuthPreSharedKey = 1;
inline constexpr std::uint16_t kLifeSeconds = 1;
inline constexpr std::uint16_t kLifeKilobytes = 2;
}  // namespace oakley

// Phase 2 (IPsec DOI) transform IDs and attributes, RFC 2407 4.4.4 / 4.5.
namespace ipsec_doi {
enum class EspTransformId : std::uint8_t {
  des = 2,
  triple_des = 3,
  null = 11,
  aes_cbc = 12,
  aes_gcm_16 = 20,  // RFC 4106
};
enum class Attribute : std::uint16_t {
  sa_life_type = 1,
  sa_life_duration = 2,
  group_description = 3,
  encapsulation_mode = 4,
  authentication_algorithm = 5,
  key_length = 6,
};
enum class EncapsulationMode : std::uint16_t {
  tunnel = 1,
  transport = 2,
  udp_tunnel = 3,     // RFC 3947
  udp_transport = 4,  // RFC 3947
};
enum class AuthenticationAlgorithm : std::uint16_t {
  none = 0,
  hmac_md5 = 1,
  hmac_sha1 = 2,
  hmac_sha2_256 = 5,
};
}  // namespace ipsec_doi

}  // namespace ipsec_fpga::ike
