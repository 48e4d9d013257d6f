#pragma once
// An IPv4 or IPv6 address as raw network-order bytes (no sockets involved).

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ike/bytes.hpp"

namespace ipsec_fpga::ike {

class IpAddress {
 public:
  IpAddress() = default;
  static IpAddress v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d);
  static std::optional<IpAddress> from_bytes(ByteView bytes);  // 4 or 16 bytes
  static std::optional<IpAddress> parse(std::string_view text);

  bool is_v4() const { return size_ == 4; }
  ByteView bytes() const { return {bytes_.data(), size_}; }
  std::string to_string() const;
  bool is_unspecified() const;

  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
  std::size_t size_ = 4;
};

struct Endpoint {
  IpAddress address;
  std::uint16_t port = 500;
  friend auto operator<=>(const Endpoint&, const Endpoint&) = default;
};

}  // namespace ipsec_fpga::ike
