// Small address helpers the gateway's files share: errno text, an
// interface's IPv4 addresses, sockaddr_in of an endpoint, IPv4 as a number.
#pragma once

#include <netinet/in.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ike/ip_address.hpp"

namespace ipsec_fpga::host::gateway_detail {

std::string errno_text(int error);

// The IPv4 addresses of `interface` in the calling thread's namespace, the
// primary (first) one first.
std::vector<ike::IpAddress> interface_addresses(const std::string& interface);

sockaddr_in to_sockaddr(const ike::Endpoint& endpoint);

std::uint32_t as_u32(const ike::IpAddress& a);

}  // namespace ipsec_fpga::host::gateway_detail
