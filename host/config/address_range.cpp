#include "host/config/address_range.hpp"

#include <arpa/inet.h>

#include <array>
#include <charconv>

namespace ipsec_fpga::host {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";  // appended, not "+": GCC 12 -Wrestrict false positive
  out.append(text).append("\"");
  return out;
}

std::uint32_t to_u32(const ike::IpAddress& address) {
  ike::ByteView b = address.bytes();
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         b[3];
}

std::optional<unsigned> prefix_length_of(const ike::TrafficSelector& range) {
  std::uint32_t first = to_u32(range.first), last = to_u32(range.last);
  for (unsigned prefix = 0; prefix <= 32; ++prefix) {
    std::uint32_t host_mask = prefix == 0 ? 0xffffffffu : (0xffffffffu >> prefix);
    if ((first & host_mask) == 0 && (last & host_mask) == host_mask &&
        (first & ~host_mask) == (last & ~host_mask)) {
      return prefix;
    }
  }
  return std::nullopt;
}

}  // namespace

ike::Result<ike::IpAddress> parse_ipv4_address(std::string_view text) {
  text = trim(text);
  std::array<std::uint8_t, 4> bytes{};
  if (::inet_pton(AF_INET, std::string(text).c_str(), bytes.data()) != 1) {
    return ike::Error{quoted(text) + " is not an IPv4 address"};
  }
  return ike::IpAddress::v4(bytes[0], bytes[1], bytes[2], bytes[3]);
}

ike::Result<ike::TrafficSelector> parse_address_range(std::string_view text) {
  if (auto dash = text.find('-'); dash != std::string_view::npos) {
    auto first = parse_ipv4_address(text.substr(0, dash));
    if (!first) return ike::Error{first.reason()};
    auto last = parse_ipv4_address(text.substr(dash + 1));
    if (!last) return ike::Error{last.reason()};
    if (*last < *first) {
      return ike::Error{"range " + quoted(text) + " starts after it ends (" + first->to_string() +
                        " > " + last->to_string() + ")"};
    }
    return ike::TrafficSelector{*first, *last};
  }
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    auto network = parse_ipv4_address(text.substr(0, slash));
    if (!network) return ike::Error{network.reason()};
    std::string_view digits = trim(text.substr(slash + 1));
    unsigned prefix = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty() ||
        prefix > 32) {
      return ike::Error{quoted(text) + ": the prefix length must be a number from 0 to 32"};
    }
    ike::TrafficSelector subnet = ike::TrafficSelector::subnet(*network, prefix);
    if (subnet.first != *network) {
      return ike::Error{quoted(text) + " has host bits set (the subnet is " +
                        subnet.first.to_string() + "/" + std::to_string(prefix) + ")"};
    }
    return subnet;
  }
  auto address = parse_ipv4_address(text);
  if (!address) return ike::Error{address.reason()};
  return ike::TrafficSelector::host(*address);
}

std::string describe_range(const ike::TrafficSelector& range) {
  if (range.first == range.last) return range.first.to_string();
  if (auto prefix = prefix_length_of(range)) {
    return range.first.to_string() + "/" + std::to_string(*prefix);
  }
  return range.first.to_string() + "-" + range.last.to_string();
}

}  // namespace ipsec_fpga::host
