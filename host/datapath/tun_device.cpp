#include "host/datapath/tun_device.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <net/route.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ipsec_fpga::host {
namespace {

sockaddr_in to_sockaddr(const ike::IpAddress& address) {
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  std::memcpy(&sin.sin_addr, address.bytes().data(), 4);
  return sin;
}

sockaddr_in netmask(unsigned prefix_length) {
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(prefix_length == 0 ? 0u : ~0u << (32 - prefix_length));
  return sin;
}

void require_v4(const ike::IpAddress& address, unsigned prefix_length, const std::string& name) {
  if (!address.is_v4() || prefix_length > 32)
    throw TunError("TUN device '" + name + "': " + address.to_string() + "/" +
                   std::to_string(prefix_length) + " is not an IPv4 prefix");
}

}  // namespace

void TunDevice::fail(const std::string& what, int error) const {
  std::string text = "TUN device '" + name_ + "': " + what + ": " + std::strerror(error);
  if (error == ENOENT || error == ENODEV) text += " (is the tun module loaded?)";
  if (error == EPERM || error == EACCES) text += " (needs root or CAP_NET_ADMIN)";
  throw TunError(text);
}

TunDevice::TunDevice(const std::string& name) : name_(name) {
  if (name.empty() || name.size() >= IFNAMSIZ)
    throw TunError("TUN device '" + name + "': name must have 1.." + std::to_string(IFNAMSIZ - 1) +
                   " characters");
  fd_ = ::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) fail("cannot open /dev/net/tun", errno);
  ifreq ifr{};
  ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
  std::memcpy(ifr.ifr_name, name.data(), name.size());
  if (::ioctl(fd_, TUNSETIFF, &ifr) < 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    fail("TUNSETIFF", error);
  }
  name_ = ifr.ifr_name;  // the kernel's spelling (a "%d" pattern is filled in)
  control_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (control_ < 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    fail("control socket", error);
  }
}

TunDevice::~TunDevice() {
  if (control_ >= 0) ::close(control_);
  if (fd_ >= 0) ::close(fd_);
}

void TunDevice::configure(const ike::IpAddress& address, unsigned prefix_length, unsigned mtu) {
  require_v4(address, prefix_length, name_);
  auto request = [&] {
    ifreq ifr{};
    std::memcpy(ifr.ifr_name, name_.data(), name_.size());
    return ifr;
  };
  ifreq ifr = request();
  sockaddr_in sin = to_sockaddr(address);
  std::memcpy(&ifr.ifr_addr, &sin, sizeof sin);
  if (::ioctl(control_, SIOCSIFADDR, &ifr) < 0)
    fail("setting address " + address.to_string(), errno);
  ifr = request();
  sin = netmask(prefix_length);
  std::memcpy(&ifr.ifr_netmask, &sin, sizeof sin);
  if (::ioctl(control_, SIOCSIFNETMASK, &ifr) < 0)
    fail("setting prefix length " + std::to_string(prefix_length), errno);
  ifr = request();
  ifr.ifr_mtu = static_cast<int>(mtu);
  if (::ioctl(control_, SIOCSIFMTU, &ifr) < 0) fail("setting MTU " + std::to_string(mtu), errno);
  ifr = request();
  if (::ioctl(control_, SIOCGIFFLAGS, &ifr) < 0) fail("reading flags", errno);
  ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP | IFF_RUNNING);
  if (::ioctl(control_, SIOCSIFFLAGS, &ifr) < 0) fail("setting it up", errno);
}

void TunDevice::add_route(const ike::IpAddress& network, unsigned prefix_length) {
  require_v4(network, prefix_length, name_);
  rtentry route{};
  sockaddr_in dst = to_sockaddr(network);
  sockaddr_in mask = netmask(prefix_length);
  dst.sin_addr.s_addr &= mask.sin_addr.s_addr;
  std::memcpy(&route.rt_dst, &dst, sizeof dst);
  std::memcpy(&route.rt_genmask, &mask, sizeof mask);
  route.rt_flags = RTF_UP;
  std::string device = name_;  // rt_dev is a non-const char*
  route.rt_dev = device.data();
  if (::ioctl(control_, SIOCADDRT, &route) < 0 && errno != EEXIST)
    fail("adding route " + network.to_string() + "/" + std::to_string(prefix_length), errno);
}

std::optional<std::size_t> TunDevice::read(std::span<std::uint8_t> buffer) {
  for (;;) {
    const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return std::nullopt;
    fail("read", errno);
  }
}

bool TunDevice::write(std::span<const std::uint8_t> packet, std::string* why) {
  for (;;) {
    const ssize_t n = ::write(fd_, packet.data(), packet.size());
    if (n == static_cast<ssize_t>(packet.size())) return true;
    if (n < 0 && errno == EINTR) continue;
    if (why)
      *why = n < 0 ? std::string(std::strerror(errno))
                   : "short write " + std::to_string(n) + " of " + std::to_string(packet.size());
    return false;
  }
}

}  // namespace ipsec_fpga::host
