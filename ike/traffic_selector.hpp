#pragma once
// A Phase 2 traffic selector: an address range (first..last) with an
// optional protocol and port, as carried in Quick Mode ID payloads
// (RFC 2407 4.6.2: ID_IPV4_ADDR, _SUBNET, _RANGE and the IPv6 forms).

#include <cstdint>
#include <optional>
#include <string>

#include "ike/ip_address.hpp"
#include "ike/payloads.hpp"
#include "ike/result.hpp"

namespace ipsec_fpga::ike {

struct TrafficSelector {
  IpAddress first;
  IpAddress last;
  std::uint8_t protocol = 0;  // 0: any
  std::uint16_t port = 0;     // 0: any

  static TrafficSelector host(const IpAddress& address);
  static TrafficSelector subnet(const IpAddress& network, unsigned prefix_length);
  static Result<TrafficSelector> from_id(const IdentificationPayload& id);
  // Smallest form: ADDR for one host, SUBNET when the range is a prefix, else RANGE.
  IdentificationPayload to_id() const;

  bool valid() const;  // same family, first <= last
  bool contains(const TrafficSelector& other) const;
  std::optional<TrafficSelector> intersect(const TrafficSelector& other) const;
  std::string to_string() const;  // "first/last"
  friend bool operator==(const TrafficSelector&, const TrafficSelector&) = default;
};

}  // namespace ipsec_fpga::ike
