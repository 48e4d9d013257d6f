// Small IPv4 packets for the data path tests (addresses, protocol, ports).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "ike/ip_address.hpp"

namespace ipsec_fpga::host::test {

inline ike::IpAddress address_of(std::string_view text) { return *ike::IpAddress::parse(text); }

// A header of 20 bytes (checksum left zero: nothing here checks it), then
// for TCP/UDP the two ports, then `payload` zero bytes.
inline std::vector<std::uint8_t> ipv4_packet(std::string_view source, std::string_view destination,
                                             std::uint8_t protocol = 1,
                                             std::uint16_t source_port = 0,
                                             std::uint16_t destination_port = 0,
                                             std::size_t payload = 8) {
  std::vector<std::uint8_t> p(20 + payload, 0);
  p[0] = 0x45;
  p[2] = static_cast<std::uint8_t>(p.size() >> 8);
  p[3] = static_cast<std::uint8_t>(p.size());
  p[8] = 64;
  p[9] = protocol;
  const ike::IpAddress s = address_of(source),
                       d = address_of(destination);  // bytes() views into these
  std::copy(s.bytes().begin(), s.bytes().end(), p.begin() + 12);
  std::copy(d.bytes().begin(), d.bytes().end(), p.begin() + 16);
  if (payload >= 4) {
    p[20] = static_cast<std::uint8_t>(source_port >> 8);
    p[21] = static_cast<std::uint8_t>(source_port);
    p[22] = static_cast<std::uint8_t>(destination_port >> 8);
    p[23] = static_cast<std::uint8_t>(destination_port);
  }
  return p;
}

}  // namespace ipsec_fpga::host::test
