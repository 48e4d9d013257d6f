// Small address helpers the gateway's files share (gateway_addresses.hpp).
#include "host/gateway/gateway_addresses.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <sys/socket.h>

#include <cstring>

namespace ipsec_fpga::host::gateway_detail {

std::string errno_text(int error) { return std::strerror(error); }

std::vector<ike::IpAddress> interface_addresses(const std::string& interface) {
  ifaddrs* list = nullptr;
  std::vector<ike::IpAddress> found;
  if (interface.empty() || ::getifaddrs(&list) != 0) return found;
  for (ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET || interface != a->ifa_name)
      continue;
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    const auto* b = reinterpret_cast<const std::uint8_t*>(&in->sin_addr.s_addr);
    found.push_back(ike::IpAddress::v4(b[0], b[1], b[2], b[3]));
  }
  ::freeifaddrs(list);
  return found;
}

sockaddr_in to_sockaddr(const ike::Endpoint& endpoint) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(endpoint.port);
  if (endpoint.address.is_v4())
    std::memcpy(&sa.sin_addr.s_addr, endpoint.address.bytes().data(), 4);
  return sa;
}

std::uint32_t as_u32(const ike::IpAddress& a) {
  const auto b = a.bytes();
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         b[3];
}

}  // namespace ipsec_fpga::host::gateway_detail
