// The WAN address watcher: netlink address events of the WAN interface.
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "host/gateway/gateway_addresses.hpp"
#include "host/gateway/gateway_impl.hpp"

namespace ipsec_fpga::host {

using gateway_detail::as_u32;
using gateway_detail::errno_text;
using gateway_detail::interface_addresses;

void Gateway::Impl::set_wan(const ike::IpAddress& address) {
  wan = address;
  wan_v4 = address.is_v4() ? as_u32(address) : 0;
}

void Gateway::Impl::open_wan_watcher() {
  wan_ifindex = ::if_nametoindex(wan_interface.c_str());
  if (wan_ifindex == 0) {
    note("WAN interface '" + wan_interface + "' not found: its address is not followed");
    return;
  }
  netlink_fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (netlink_fd < 0) throw GatewayError("netlink socket (WAN watcher): " + errno_text(errno));
  sockaddr_nl local{};
  local.nl_family = AF_NETLINK;
  local.nl_groups = RTMGRP_IPV4_IFADDR;
  if (::bind(netlink_fd, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0) {
    const int error = errno;
    ::close(netlink_fd);
    netlink_fd = -1;
    throw GatewayError("netlink socket (WAN watcher): bind: " + errno_text(error));
  }
}

void Gateway::Impl::receive_netlink() {
  alignas(nlmsghdr) char buffer[16384];
  bool changed = false;
  for (;;) {
    const ssize_t got = ::recv(netlink_fd, buffer, sizeof buffer, 0);
    if (got < 0) {
      if (errno == ENOBUFS) {  // events lost: read the interface again
        wan_addresses = interface_addresses(wan_interface);
        changed = true;
        continue;
      }
      break;
    }
    auto remaining = static_cast<std::size_t>(got);
    for (auto* h = reinterpret_cast<nlmsghdr*>(buffer); NLMSG_OK(h, remaining);
         h = NLMSG_NEXT(h, remaining)) {
      if (h->nlmsg_type != RTM_NEWADDR && h->nlmsg_type != RTM_DELADDR) continue;
      const auto* ifa = static_cast<const ifaddrmsg*>(NLMSG_DATA(h));
      if (ifa->ifa_family != AF_INET || ifa->ifa_index != wan_ifindex) continue;
      std::optional<ike::IpAddress> address;
      auto length = static_cast<unsigned>(IFA_PAYLOAD(h));
      for (auto* a = IFA_RTA(ifa); RTA_OK(a, length); a = RTA_NEXT(a, length)) {
        if ((a->rta_type == IFA_LOCAL || (a->rta_type == IFA_ADDRESS && !address)) &&
            RTA_PAYLOAD(a) == 4) {
          const auto* b = static_cast<const std::uint8_t*>(RTA_DATA(a));
          address = ike::IpAddress::v4(b[0], b[1], b[2], b[3]);
        }
      }
      if (!address) continue;
      auto it = std::find(wan_addresses.begin(), wan_addresses.end(), *address);
      if (h->nlmsg_type == RTM_NEWADDR && it == wan_addresses.end())
        wan_addresses.push_back(*address);
      if (h->nlmsg_type == RTM_DELADDR && it != wan_addresses.end()) wan_addresses.erase(it);
      changed = true;
    }
  }
  if (!changed) return;
  const ike::IpAddress next =
      wan_addresses.empty() ? ike::IpAddress::v4(0, 0, 0, 0) : wan_addresses.front();
  if (next != wan) on_wan_change(next);
}

void Gateway::Impl::on_wan_change(const ike::IpAddress& address) {
  const ike::IpAddress old = wan;
  set_wan(address);
  if (address.is_unspecified()) {
    note("WAN interface '" + wan_interface + "' lost its address " + old.to_string() +
         ": rules with my_ip 0.0.0.0 wait for a new one");
    return;
  }
  PacketLogEvent event;
  event.message = PacketLogMessage::wan_ip_changed;  // "!! WAN IP changed to <IP>"
  event.address = address;
  log->add(event);
  // IKE SAs of the rules that follow the WAN address were bound to the old
  // one: deleted (the peer is told, from the new address), renegotiated
  // when traffic needs them; their rule objects get the new address.
  std::vector<int> unchanged;
  for (const RuleConfig& rule : config.rules) {
    if (rule.active && rule.follows_wan_address()) {
      if (rule.key_management == KeyManagement::ike) drop_rule(rule.index);
    } else {
      unchanged.push_back(rule.index);
    }
  }
  build_policy(unchanged);
}

}  // namespace ipsec_fpga::host
