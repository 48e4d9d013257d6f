#pragma once
// The fixed 28-byte ISAKMP header (RFC 2408 3.1).

#include <array>
#include <cstdint>

#include "ike/bytes.hpp"
#include "ike/isakmp_constants.hpp"
#include "ike/result.hpp"

namespace ipsec_fpga::ike {

using Cookie = std::array<std::uint8_t, 8>;

struct IsakmpHeader {
  static constexpr std::size_t kSize = 28;

  Cookie initiator_cookie{};
  Cookie responder_cookie{};
  PayloadType next_payload = PayloadType::none;
  std::uint8_t version = kIsakmpVersion;
  ExchangeType exchange = ExchangeType::identity_protection;
  std::uint8_t flags = 0;
  std::uint32_t message_id = 0;
  std::uint32_t length = kSize;

  bool encrypted() const { return (flags & header_flags::encryption) != 0; }

  void encode_to(Bytes& out) const;
  // Decodes the header of `datagram` and checks it against the datagram: the
  // length field must equal the datagram size, the major version must be 1.
  static Result<IsakmpHeader> decode(ByteView datagram);
};

bool is_zero(const Cookie& cookie);

}  // namespace ipsec_fpga::ike
