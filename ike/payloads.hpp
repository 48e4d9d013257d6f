#pragma once
// The data model of ISAKMP payloads (RFC 2408 3.4-3.16, RFC 3947 3.2/5.2):
// plain aggregates, one per payload type, and the Payload variant that holds
// any of them. Encoding and decoding live in payload_codec.

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "ike/bytes.hpp"
#include "ike/isakmp_constants.hpp"

namespace ipsec_fpga::ike {

// A data attribute: TV (basic, 16-bit value) or TLV (variable length).
struct Attribute {
  std::uint16_t type = 0;
  bool basic = true;
  Bytes value;  // 2 bytes when basic

  static Attribute make_basic(std::uint16_t type, std::uint16_t value);
  // Smallest encoding of `value`: basic when it fits in 16 bits.
  static Attribute make_integer(std::uint16_t type, std::uint64_t value);
  static Attribute make_variable(std::uint16_t type, Bytes value);
  // The value as an integer, or nullopt when it is longer than 8 bytes.
  std::optional<std::uint64_t> integer() const;
  friend bool operator==(const Attribute&, const Attribute&) = default;
};

struct Transform {
  std::uint8_t number = 1;
  std::uint8_t id = 0;
  std::vector<Attribute> attributes;
  const Attribute* find(std::uint16_t type) const;
  friend bool operator==(const Transform&, const Transform&) = default;
};

struct Proposal {
  std::uint8_t number = 1;
  ProtocolId protocol = ProtocolId::isakmp;
  Bytes spi;
  std::vector<Transform> transforms;
  friend bool operator==(const Proposal&, const Proposal&) = default;
};

struct SaPayload {
  std::uint32_t doi = kIpsecDoi;
  std::uint32_t situation = kSituationIdentityOnly;
  std::vector<Proposal> proposals;
  friend bool operator==(const SaPayload&, const SaPayload&) = default;
};

struct KeyExchangePayload {
  Bytes data;
  friend bool operator==(const KeyExchangePayload&, const KeyExchangePayload&) = default;
};

struct IdentificationPayload {
  IdType type = IdType::ipv4_addr;
  std::uint8_t protocol = 0;
  std::uint16_t port = 0;
  Bytes data;
  friend bool operator==(const IdentificationPayload&, const IdentificationPayload&) = default;
};

struct CertificatePayload {
  std::uint8_t encoding = 0;
  Bytes data;
  friend bool operator==(const CertificatePayload&, const CertificatePayload&) = default;
};

struct CertificateRequestPayload {
  std::uint8_t type = 0;
  Bytes authority;
  friend bool operator==(const CertificateRequestPayload&,
                         const CertificateRequestPayload&) = default;
};

struct HashPayload {
  Bytes data;
  friend bool operator==(const HashPayload&, const HashPayload&) = default;
};

struct SignaturePayload {
  Bytes data;
  friend bool operator==(const SignaturePayload&, const SignaturePayload&) = default;
};

struct NoncePayload {
  Bytes data;
  friend bool operator==(const NoncePayload&, const NoncePayload&) = default;
};

struct NotificationPayload {
  std::uint32_t doi = kIpsecDoi;
  ProtocolId protocol = ProtocolId::isakmp;
  NotifyType type = NotifyType::no_proposal_chosen;
  Bytes spi;
  Bytes data;
  friend bool operator==(const NotificationPayload&, const NotificationPayload&) = default;
};

struct DeletePayload {
  std::uint32_t doi = kIpsecDoi;
  ProtocolId protocol = ProtocolId::isakmp;
  std::uint8_t spi_size = 16;
  std::vector<Bytes> spis;
  friend bool operator==(const DeletePayload&, const DeletePayload&) = default;
};

struct VendorIdPayload {
  Bytes data;
  friend bool operator==(const VendorIdPayload&, const VendorIdPayload&) = default;
};

struct NatDiscoveryPayload {
  Bytes hash;
  friend bool operator==(const NatDiscoveryPayload&, const NatDiscoveryPayload&) = default;
};

struct NatOriginalAddressPayload {
  IdType type = IdType::ipv4_addr;  // ipv4_addr or ipv6_addr
  Bytes address;
  friend bool operator==(const NatOriginalAddressPayload&,
                         const NatOriginalAddressPayload&) = default;
};

using Payload = std::variant<SaPayload, KeyExchangePayload, IdentificationPayload,
                             CertificatePayload, CertificateRequestPayload, HashPayload,
                             SignaturePayload, NoncePayload, NotificationPayload, DeletePayload,
                             VendorIdPayload, NatDiscoveryPayload, NatOriginalAddressPayload>;

PayloadType payload_type(const Payload& payload);

}  // namespace ipsec_fpga::ike
