// The IKE thread's queue and datagrams: requests from other threads, UDP 500
// in, the engine's outputs handed out, IKE datagrams sent.
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "host/gateway/gateway_addresses.hpp"
#include "host/gateway/gateway_impl.hpp"

namespace ipsec_fpga::host {

using gateway_detail::to_sockaddr;

namespace {

ike::IpAddress from_in_addr(const in_addr& address) {
  const auto* b = reinterpret_cast<const std::uint8_t*>(&address.s_addr);
  return ike::IpAddress::v4(b[0], b[1], b[2], b[3]);
}

}  // namespace

void Gateway::Impl::wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_fd, &one, sizeof one);
}

void Gateway::Impl::enqueue(Request request) {
  {
    std::lock_guard lock(queue_mutex);
    if (queue.size() >= 1024) return;  // a flood: the engine retransmits anyway
    queue.push_back(std::move(request));
  }
  wake();
}

void Gateway::Impl::receive_ike_500() {
  std::vector<std::uint8_t> buffer(65536);
  for (int n = 0; n < 64; ++n) {
    sockaddr_in from{};
    iovec iov{buffer.data(), buffer.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(in_pktinfo))];
    msghdr msg{};
    msg.msg_name = &from;
    msg.msg_namelen = sizeof from;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    const ssize_t got = ::recvmsg(ike_fd, &msg, 0);
    if (got < 0) return;  // EAGAIN or an ICMP error: nothing to hand over
    ike::Datagram d;
    d.source = ike::Endpoint{from_in_addr(from.sin_addr), ntohs(from.sin_port)};
    d.destination = ike::Endpoint{wan, config.gateway.ike_port};
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
        in_pktinfo info{};
        std::memcpy(&info, CMSG_DATA(c), sizeof info);
        d.destination.address = from_in_addr(info.ipi_addr);
      }
    }
    d.payload.assign(buffer.begin(), buffer.begin() + got);
    engine->receive(d);
    drain();
  }
}

void Gateway::Impl::handle(Request& request) {
  if (auto* needs = std::get_if<NeedsSa>(&request)) {
    if (ike_rule(needs->rule) != nullptr) engine->acquire(needs->rule);
  } else if (auto* d = std::get_if<ike::Datagram>(&request)) {
    engine->receive(*d);
  } else if (auto* reload = std::get_if<Reload>(&request)) {
    apply_reload(std::move(reload->config));
  } else if (auto* event = std::get_if<driver::Event>(&request)) {
    on_board_event(*event);
  }
  drain();
}

void Gateway::Impl::drain() {
  while (auto output = engine->poll()) {
    if (auto* d = std::get_if<ike::Datagram>(&*output)) {
      on_datagram(*d);
    } else if (auto* install = std::get_if<ike::SaInstall>(&*output)) {
      on_install(*install);
    } else if (auto* removal = std::get_if<ike::SaDelete>(&*output)) {
      on_delete(*removal);
    } else if (auto* event = std::get_if<ike::LogEvent>(&*output)) {
      log->add(*event);
    }
  }
}

void Gateway::Impl::on_datagram(const ike::Datagram& datagram) {
  bool sent = false;
  if (datagram.source.port == config.gateway.nat_t_port ||
      datagram.destination.port == config.gateway.nat_t_port) {
    sent = sockets->send_ike(datagram.destination, datagram.payload);
  } else {
    sockaddr_in to = to_sockaddr(datagram.destination);
    iovec iov{const_cast<std::uint8_t*>(datagram.payload.data()), datagram.payload.size()};
    msghdr msg{};
    msg.msg_name = &to;
    msg.msg_namelen = sizeof to;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(in_pktinfo))] = {};
    if (wan_follows_interface && datagram.source.address.is_v4() &&
        !datagram.source.address.is_unspecified()) {
      // Listening on any address: send from the rule's own (my_ip or WAN).
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      cmsghdr* c = CMSG_FIRSTHDR(&msg);
      c->cmsg_level = IPPROTO_IP;
      c->cmsg_type = IP_PKTINFO;
      c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
      in_pktinfo info{};
      std::memcpy(&info.ipi_spec_dst.s_addr, datagram.source.address.bytes().data(), 4);
      std::memcpy(CMSG_DATA(c), &info, sizeof info);
    }
    ssize_t n = ::sendmsg(ike_fd, &msg, 0);
    if (n < 0 && msg.msg_control != nullptr) {
      // That address is gone (the WAN address changed): the message (a
      // Delete for an SA of the old address) goes from the current one.
      msg.msg_control = nullptr;
      msg.msg_controllen = 0;
      n = ::sendmsg(ike_fd, &msg, 0);
    }
    sent = n == static_cast<ssize_t>(datagram.payload.size());
  }
  if (!sent) engine->send_failed(datagram);  // "!! Failed to send IKE Packet"
}

}  // namespace ipsec_fpga::host
