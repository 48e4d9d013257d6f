// The WAN side of the data path: a UDP socket on port 4500 (RFC 3948: ESP,
// IKE behind the non-ESP marker, NAT-keepalives) and a raw socket for IP
// protocol 50, both bound to the WAN address, non-blocking. Both hand over
// bare ESP (SPI onwards) and take bare ESP to send: the kernel adds the
// outer IPv4 (and UDP) header. Bad datagrams are counted by reason and
// dropped. One thread may receive while another sends.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "host/datapath/spd.hpp"
#include "ike/ip_address.hpp"

namespace ipsec_fpga::host {

class SocketError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct EspSocketsOptions {
  ike::IpAddress wan_address;  // bound to; 0.0.0.0: any
  std::uint16_t udp_port = nat_t_port;
  bool open_udp = true;
  bool open_raw = true;  // IP protocol 50: needs CAP_NET_RAW
};

enum class WanDrop : std::uint8_t {
  udp_malformed,  // shorter than ESP / IKE headers (classify_udp_4500)
  raw_bad_ipv4,   // the raw socket's IPv4 header does not parse
  raw_not_esp,    // protocol other than 50
  raw_short_esp,  // fewer than 8 bytes after the IPv4 header
  receive_error,  // recvfrom failed
  send_failed,    // sendto refused (errno text in the last message)
};
inline constexpr std::size_t wan_drop_count = 6;
std::string_view to_string(WanDrop reason);

struct EspSocketStatistics {
  std::uint64_t udp_esp = 0, udp_ike = 0, udp_keepalive = 0, raw_esp = 0;
  std::uint64_t sent_udp = 0, sent_raw = 0, sent_ike = 0;
  std::array<std::uint64_t, wan_drop_count> dropped{};  // by WanDrop
  std::string last_drop;                                // "<reason>: <what>"
};

struct ReceivedEsp {
  std::vector<std::uint8_t> esp;  // bare ESP: SPI onwards
  ike::Endpoint from;             // source address and UDP port (0 for raw)
  EspTransport transport = EspTransport::udp_4500;
};

class EspSockets {
 public:
  // An IKE message (marker removed) that came in on port 4500.
  using IkeHandler = std::function<void(std::span<const std::uint8_t>, const ike::Endpoint&)>;

  // Throws SocketError naming the socket, address and errno text.
  explicit EspSockets(const EspSocketsOptions& options);
  ~EspSockets();
  EspSockets(const EspSockets&) = delete;
  EspSockets& operator=(const EspSockets&) = delete;

  int udp_fd() const { return udp_; }  // -1 if not opened
  int raw_fd() const { return raw_; }
  void set_ike_handler(IkeHandler handler);

  // One datagram from the socket if any is waiting. ESP is returned; IKE
  // goes to the handler; keepalives and malformed datagrams are counted.
  std::optional<ReceivedEsp> receive_udp();
  std::optional<ReceivedEsp> receive_raw();

  // Bare ESP to the peer: UDP to peer:peer_port, or raw protocol 50.
  bool send_esp(EspTransport transport, const ike::IpAddress& peer, std::uint16_t peer_port,
                std::span<const std::uint8_t> esp);
  // An IKE message from port 4500, behind the non-ESP marker.
  bool send_ike(const ike::Endpoint& to, std::span<const std::uint8_t> message);

  EspSocketStatistics statistics() const;

 private:
  void drop(WanDrop reason, const std::string& what);
  bool send_to(int fd, const ike::Endpoint& to, std::span<const std::uint8_t> head,
               std::span<const std::uint8_t> body);

  int udp_ = -1;
  int raw_ = -1;
  std::vector<std::uint8_t> buffer_ = std::vector<std::uint8_t>(65536);
  IkeHandler ike_handler_;
  mutable std::mutex stats_mutex_;
  EspSocketStatistics stats_;
};

}  // namespace ipsec_fpga::host
