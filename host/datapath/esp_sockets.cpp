#include "host/datapath/esp_sockets.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "host/datapath/ipv4_header.hpp"
#include "host/datapath/udp_encapsulation.hpp"

namespace ipsec_fpga::host {
namespace {

sockaddr_in to_sockaddr(const ike::IpAddress& address, std::uint16_t port) {
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(port);
  std::memcpy(&sin.sin_addr, address.bytes().data(), 4);
  return sin;
}

ike::Endpoint from_sockaddr(const sockaddr_in& sin) {
  const auto* b = reinterpret_cast<const std::uint8_t*>(&sin.sin_addr);
  return {ike::IpAddress::v4(b[0], b[1], b[2], b[3]), ntohs(sin.sin_port)};
}

int open_bound(int type, int protocol, const ike::IpAddress& address, std::uint16_t port,
               const std::string& what) {
  auto fail = [&](const std::string& step, int error, int fd) {
    if (fd >= 0) ::close(fd);
    throw SocketError("ESP sockets: " + step + " " + what + " on " + address.to_string() +
                      (port ? ":" + std::to_string(port) : std::string()) + ": " +
                      std::strerror(error));
  };
  const int fd = ::socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
  if (fd < 0) fail("opening", errno, fd);
  const int one = 1;
  if (type == SOCK_DGRAM && ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
    fail("SO_REUSEADDR for", errno, fd);
  const sockaddr_in sin = to_sockaddr(address, port);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&sin), sizeof sin) < 0)
    fail("binding", errno, fd);
  return fd;
}

// recvfrom on a non-blocking socket: bytes, 0 for nothing waiting, -1 error.
ssize_t receive(int fd, std::vector<std::uint8_t>& buffer, sockaddr_in& from) {
  for (;;) {
    socklen_t length = sizeof from;
    const ssize_t n = ::recvfrom(fd, buffer.data(), buffer.size(), MSG_TRUNC,
                                 reinterpret_cast<sockaddr*>(&from), &length);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
  }
}

}  // namespace

std::string_view to_string(WanDrop reason) {
  switch (reason) {
    case WanDrop::udp_malformed:
      return "udp_malformed";
    case WanDrop::raw_bad_ipv4:
      return "raw_bad_ipv4";
    case WanDrop::raw_not_esp:
      return "raw_not_esp";
    case WanDrop::raw_short_esp:
      return "raw_short_esp";
    case WanDrop::receive_error:
      return "receive_error";
    case WanDrop::send_failed:
      return "send_failed";
  }
  return "?";
}

EspSockets::EspSockets(const EspSocketsOptions& options) {
  if (!options.wan_address.is_v4())
    throw SocketError("ESP sockets: WAN address " + options.wan_address.to_string() +
                      " is not IPv4");
  if (options.open_udp)
    udp_ = open_bound(SOCK_DGRAM, 0, options.wan_address, options.udp_port, "UDP socket");
  try {
    if (options.open_raw)
      raw_ = open_bound(SOCK_RAW, IPPROTO_ESP, options.wan_address, 0, "raw ESP socket");
  } catch (...) {
    if (udp_ >= 0) ::close(udp_);
    throw;
  }
}

EspSockets::~EspSockets() {
  if (udp_ >= 0) ::close(udp_);
  if (raw_ >= 0) ::close(raw_);
}

void EspSockets::set_ike_handler(IkeHandler handler) { ike_handler_ = std::move(handler); }

void EspSockets::drop(WanDrop reason, const std::string& what) {
  std::lock_guard lock(stats_mutex_);
  ++stats_.dropped[static_cast<std::size_t>(reason)];
  stats_.last_drop = std::string(to_string(reason)) + ": " + what;
}

std::optional<ReceivedEsp> EspSockets::receive_udp() {
  if (udp_ < 0) return std::nullopt;
  sockaddr_in from{};
  const ssize_t n = receive(udp_, buffer_, from);
  if (n < 0) drop(WanDrop::receive_error, std::string("UDP: ") + std::strerror(errno));
  if (n <= 0) return std::nullopt;
  const ike::Endpoint source = from_sockaddr(from);
  const std::size_t size = std::min(static_cast<std::size_t>(n), buffer_.size());
  const UdpPayload p = classify_udp_4500(std::span(buffer_).first(size));
  switch (p.kind) {
    case UdpPayloadKind::keepalive: {
      std::lock_guard lock(stats_mutex_);
      ++stats_.udp_keepalive;
      return std::nullopt;
    }
    case UdpPayloadKind::malformed:
      drop(WanDrop::udp_malformed, p.why + " from " + source.address.to_string());
      return std::nullopt;
    case UdpPayloadKind::ike: {
      {
        std::lock_guard lock(stats_mutex_);
        ++stats_.udp_ike;
      }
      if (ike_handler_) ike_handler_(p.payload, source);
      return std::nullopt;
    }
    case UdpPayloadKind::esp: {
      std::lock_guard lock(stats_mutex_);
      ++stats_.udp_esp;
    }
  }
  return ReceivedEsp{{p.payload.begin(), p.payload.end()}, source, EspTransport::udp_4500};
}

std::optional<ReceivedEsp> EspSockets::receive_raw() {
  if (raw_ < 0) return std::nullopt;
  sockaddr_in from{};
  const ssize_t n = receive(raw_, buffer_, from);
  if (n < 0) drop(WanDrop::receive_error, std::string("raw: ") + std::strerror(errno));
  if (n <= 0) return std::nullopt;
  const auto packet =
      std::span(buffer_).first(std::min(static_cast<std::size_t>(n), buffer_.size()));
  std::string why;
  const auto header = Ipv4Header::parse(packet, &why);
  if (!header) {
    drop(WanDrop::raw_bad_ipv4, why);
    return std::nullopt;
  }
  if (header->protocol != ip_protocol_esp) {
    drop(WanDrop::raw_not_esp,
         "protocol " + std::to_string(header->protocol) + " from " + header->source.to_string());
    return std::nullopt;
  }
  const auto esp = packet.subspan(header->header_bytes, header->total_bytes - header->header_bytes);
  if (esp.size() < esp_header_bytes) {
    drop(WanDrop::raw_short_esp,
         std::to_string(esp.size()) + " bytes of ESP from " + header->source.to_string());
    return std::nullopt;
  }
  {
    std::lock_guard lock(stats_mutex_);
    ++stats_.raw_esp;
  }
  return ReceivedEsp{{esp.begin(), esp.end()}, {header->source, 0}, EspTransport::raw_esp};
}

bool EspSockets::send_to(int fd, const ike::Endpoint& to, std::span<const std::uint8_t> head,
                         std::span<const std::uint8_t> body) {
  sockaddr_in sin = to_sockaddr(to.address, to.port);
  iovec parts[2] = {{const_cast<std::uint8_t*>(head.data()), head.size()},
                    {const_cast<std::uint8_t*>(body.data()), body.size()}};
  msghdr message{};
  message.msg_name = &sin;
  message.msg_namelen = sizeof sin;
  message.msg_iov = parts;
  message.msg_iovlen = 2;
  for (;;) {
    if (::sendmsg(fd, &message, 0) >= 0) return true;
    if (errno == EINTR) continue;
    drop(WanDrop::send_failed, "to " + to.address.to_string() + ": " + std::strerror(errno));
    return false;
  }
}

bool EspSockets::send_esp(EspTransport transport, const ike::IpAddress& peer,
                          std::uint16_t peer_port, std::span<const std::uint8_t> esp) {
  const bool udp = transport == EspTransport::udp_4500;
  const int fd = udp ? udp_ : raw_;
  if (fd < 0) {
    drop(WanDrop::send_failed, std::string(to_string(transport)) + " socket not open");
    return false;
  }
  // A raw socket's port field is the protocol; the kernel ignores it.
  if (!send_to(fd, {peer, udp ? peer_port : std::uint16_t{0}}, {}, esp)) return false;
  std::lock_guard lock(stats_mutex_);
  ++(udp ? stats_.sent_udp : stats_.sent_raw);
  return true;
}

bool EspSockets::send_ike(const ike::Endpoint& to, std::span<const std::uint8_t> message) {
  static constexpr std::uint8_t marker[non_esp_marker_bytes] = {};
  if (udp_ < 0) {
    drop(WanDrop::send_failed, "IKE: UDP socket not open");
    return false;
  }
  if (!send_to(udp_, to, marker, message)) return false;
  std::lock_guard lock(stats_mutex_);
  ++stats_.sent_ike;
  return true;
}

EspSocketStatistics EspSockets::statistics() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

}  // namespace ipsec_fpga::host
