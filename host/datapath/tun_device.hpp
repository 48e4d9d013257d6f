// A TUN interface (IFF_TUN | IFF_NO_PI): whole IPv4 packets in and out,
// no packet-information prefix. Created in the network namespace of the
// calling thread; configured with ioctl(2) through a socket opened at the
// same time (so later calls act in that namespace, whichever thread makes
// them). The interface goes away when the object is destroyed.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

#include "ike/ip_address.hpp"

namespace ipsec_fpga::host {

// Names the device and carries the errno text, e.g. "TUN device 'ipsec0':
// cannot open /dev/net/tun: No such file or directory (is the tun module
// loaded?)".
class TunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TunDevice {
 public:
  // Creates (or attaches to an existing persistent) interface `name`
  // (at most 15 characters), non-blocking. Throws TunError.
  explicit TunDevice(const std::string& name);
  ~TunDevice();
  TunDevice(const TunDevice&) = delete;
  TunDevice& operator=(const TunDevice&) = delete;

  const std::string& name() const { return name_; }
  int fd() const { return fd_; }

  // Address and prefix (a connected route to that subnet), MTU, and up.
  void configure(const ike::IpAddress& address, unsigned prefix_length, unsigned mtu);
  // A route to network/prefix through this interface (already there: fine).
  void add_route(const ike::IpAddress& network, unsigned prefix_length);

  // One packet into `buffer` (its size), nullopt when none is waiting.
  // Throws TunError on a read error.
  std::optional<std::size_t> read(std::span<std::uint8_t> buffer);
  // One packet to the kernel; false (with errno text in *why) if refused.
  bool write(std::span<const std::uint8_t> packet, std::string* why = nullptr);

 private:
  [[noreturn]] void fail(const std::string& what, int error) const;
  std::string name_;
  int fd_ = -1;
  int control_ = -1;  // AF_INET datagram socket for the interface ioctls
};

}  // namespace ipsec_fpga::host
