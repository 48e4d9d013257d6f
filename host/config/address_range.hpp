#pragma once
// The address forms of the manual's "Local Addr" / "Remote Addr" fields:
// a single address, a range "first-last" or a subnet "network/prefix"
// (IPv4, as on the router).

#include <string>
#include <string_view>

#include "ike/ip_address.hpp"
#include "ike/result.hpp"
#include "ike/traffic_selector.hpp"

namespace ipsec_fpga::host {

// Reasons quote the text: addresses are not secret.
ike::Result<ike::IpAddress> parse_ipv4_address(std::string_view text);
ike::Result<ike::TrafficSelector> parse_address_range(std::string_view text);
// Back to the shortest of the three forms, for messages and docs.
std::string describe_range(const ike::TrafficSelector& range);

}  // namespace ipsec_fpga::host
