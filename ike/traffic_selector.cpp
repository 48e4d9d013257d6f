#include "ike/traffic_selector.hpp"

#include <algorithm>

namespace ipsec_fpga::ike {
namespace {

Bytes mask_bytes(std::size_t size, unsigned prefix) {
  Bytes mask(size, 0);
  for (std::size_t i = 0; i < size; ++i) {
    unsigned bits = prefix > 8 * i ? std::min(8u, prefix - static_cast<unsigned>(8 * i)) : 0u;
    mask[i] = static_cast<std::uint8_t>(0xff00 >> bits);
  }
  return mask;
}

// The prefix length if [first, last] is exactly one prefix, else nullopt.
std::optional<unsigned> prefix_of(const IpAddress& first, const IpAddress& last) {
  ByteView a = first.bytes(), b = last.bytes();
  for (unsigned prefix = 0; prefix <= 8 * a.size(); ++prefix) {
    Bytes mask = mask_bytes(a.size(), prefix);
    bool matches = true;
    for (std::size_t i = 0; i < a.size() && matches; ++i) {
      matches = (a[i] & ~mask[i]) == 0 && (b[i] | mask[i]) == 0xff &&
                (a[i] & mask[i]) == (b[i] & mask[i]);
    }
    if (matches) return prefix;
  }
  return std::nullopt;
}

bool ports_match(std::uint8_t p1, std::uint16_t port1, std::uint8_t p2, std::uint16_t port2) {
  return (p1 == 0 || p1 == p2) && (port1 == 0 || port1 == port2);
}

}  // namespace

TrafficSelector TrafficSelector::host(const IpAddress& address) { return {address, address}; }

TrafficSelector TrafficSelector::subnet(const IpAddress& network, unsigned prefix_length) {
  ByteView n = network.bytes();
  Bytes mask = mask_bytes(n.size(), prefix_length);
  Bytes first(n.size()), last(n.size());
  for (std::size_t i = 0; i < n.size(); ++i) {
    first[i] = n[i] & mask[i];
    last[i] = static_cast<std::uint8_t>(n[i] | ~mask[i]);
  }
  return {*IpAddress::from_bytes(first), *IpAddress::from_bytes(last)};
}

Result<TrafficSelector> TrafficSelector::from_id(const IdentificationPayload& id) {
  ByteView data = id.data;
  TrafficSelector ts;
  ts.protocol = id.protocol;
  ts.port = id.port;
  auto address = [&](std::size_t offset, std::size_t size) {
    return *IpAddress::from_bytes(data.subspan(offset, size));
  };
  switch (id.type) {
    case IdType::ipv4_addr:
    case IdType::ipv6_addr:
      ts.first = ts.last = address(0, data.size());
      return ts;
    case IdType::ipv4_addr_subnet:
    case IdType::ipv6_addr_subnet: {
      std::size_t half = data.size() / 2;
      ByteView mask = data.subspan(half);
      unsigned prefix = 0;
      bool ended = false;
      for (std::uint8_t byte : mask) {
        for (int bit = 7; bit >= 0; --bit) {
          bool set = (byte >> bit) & 1;
          if (set && ended) return Error{"ID subnet mask is not contiguous"};
          if (set)
            ++prefix;
          else
            ended = true;
        }
      }
      TrafficSelector s = subnet(address(0, half), prefix);
      s.protocol = id.protocol;
      s.port = id.port;
      return s;
    }
    case IdType::ipv4_addr_range:
    case IdType::ipv6_addr_range: {
      std::size_t half = data.size() / 2;
      ts.first = address(0, half);
      ts.last = address(half, half);
      if (ts.last < ts.first) return Error{"ID range ends before it starts"};
      return ts;
    }
    default:
      return Error{"ID type " + std::to_string(static_cast<unsigned>(id.type)) +
                   " is not an address"};
  }
}

IdentificationPayload TrafficSelector::to_id() const {
  IdentificationPayload id;
  id.protocol = protocol;
  id.port = port;
  bool v4 = first.is_v4();
  if (first == last) {
    id.type = v4 ? IdType::ipv4_addr : IdType::ipv6_addr;
    append(id.data, first.bytes());
  } else if (auto prefix = prefix_of(first, last)) {
    id.type = v4 ? IdType::ipv4_addr_subnet : IdType::ipv6_addr_subnet;
    append(id.data, first.bytes());
    append(id.data, mask_bytes(first.bytes().size(), *prefix));
  } else {
    id.type = v4 ? IdType::ipv4_addr_range : IdType::ipv6_addr_range;
    append(id.data, first.bytes());
    append(id.data, last.bytes());
  }
  return id;
}

bool TrafficSelector::valid() const { return first.is_v4() == last.is_v4() && !(last < first); }

bool TrafficSelector::contains(const TrafficSelector& other) const {
  return first.is_v4() == other.first.is_v4() && !(other.first < first) && !(last < other.last) &&
         ports_match(protocol, port, other.protocol, other.port);
}

std::optional<TrafficSelector> TrafficSelector::intersect(const TrafficSelector& other) const {
  if (first.is_v4() != other.first.is_v4()) return std::nullopt;
  if ((protocol != 0 && other.protocol != 0 && protocol != other.protocol) ||
      (port != 0 && other.port != 0 && port != other.port)) {
    return std::nullopt;
  }
  TrafficSelector out{std::max(first, other.first), std::min(last, other.last),
                      protocol != 0 ? protocol : other.protocol, port != 0 ? port : other.port};
  if (out.last < out.first) return std::nullopt;
  return out;
}

std::string TrafficSelector::to_string() const {
  return first.to_string() + "/" + last.to_string();
}

}  // namespace ipsec_fpga::ike
