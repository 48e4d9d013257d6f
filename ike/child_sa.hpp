#pragma once
// What an ISAKMP SA remembers of the IPsec SA pairs it negotiated, so they
// can be deleted (sent or honoured) later.

#include <cstdint>

#include "ike/traffic_selector.hpp"

namespace ipsec_fpga::ike {

struct ChildSa {
  std::uint32_t inbound_spi = 0;   // ours: the peer sends with it
  std::uint32_t outbound_spi = 0;  // the peer's
  TrafficSelector local;
  TrafficSelector remote;
};

}  // namespace ipsec_fpga::ike
