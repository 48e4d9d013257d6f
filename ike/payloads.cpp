#include "ike/payloads.hpp"

#include <type_traits>

namespace ipsec_fpga::ike {

Attribute Attribute::make_basic(std::uint16_t type, std::uint16_t value) {
  return Attribute{type, true,
                   Bytes{static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)}};
}

Attribute Attribute::make_integer(std::uint16_t type, std::uint64_t value) {
  if (value <= 0xffff) return make_basic(type, static_cast<std::uint16_t>(value));
  Bytes bytes;
  int size = value <= 0xffffffffULL ? 4 : 8;
  for (int i = size - 1; i >= 0; --i) bytes.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  return make_variable(type, std::move(bytes));
}

Attribute Attribute::make_variable(std::uint16_t type, Bytes value) {
  return Attribute{type, false, std::move(value)};
}

std::optional<std::uint64_t> Attribute::integer() const {
  if (value.size() > 8) return std::nullopt;
  std::uint64_t v = 0;
  for (std::uint8_t b : value) v = v << 8 | b;
  return v;
}

const Attribute* Transform::find(std::uint16_t type) const {
  for (const auto& a : attributes) {
    if (a.type == type) return &a;
  }
  return nullptr;
}

PayloadType payload_type(const Payload& payload) {
  return std::visit(
      [](const auto& p) -> PayloadType {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, SaPayload>) return PayloadType::sa;
        if constexpr (std::is_same_v<T, KeyExchangePayload>) return PayloadType::key_exchange;
        if constexpr (std::is_same_v<T, IdentificationPayload>) return PayloadType::identification;
        if constexpr (std::is_same_v<T, CertificatePayload>) return PayloadType::certificate;
        if constexpr (std::is_same_v<T, CertificateRequestPayload>)
          return PayloadType::certificate_request;
        if constexpr (std::is_same_v<T, HashPayload>) return PayloadType::hash;
        if constexpr (std::is_same_v<T, SignaturePayload>) return PayloadType::signature;
        if constexpr (std::is_same_v<T, NoncePayload>) return PayloadType::nonce;
        if constexpr (std::is_same_v<T, NotificationPayload>) return PayloadType::notification;
        if constexpr (std::is_same_v<T, DeletePayload>) return PayloadType::del;
        if constexpr (std::is_same_v<T, VendorIdPayload>) return PayloadType::vendor_id;
        if constexpr (std::is_same_v<T, NatDiscoveryPayload>) return PayloadType::nat_d;
        if constexpr (std::is_same_v<T, NatOriginalAddressPayload>) return PayloadType::nat_oa;
      },
      payload);
}

}  // namespace ipsec_fpga::ike
