// Opening the gateway: the board, the IPSec log, the WAN address, the TUN,
// the sockets, the SPD rules and their routes, the IKE policy and engine.
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "host/gateway/gateway_addresses.hpp"
#include "host/gateway/gateway_impl.hpp"
#include "host/gateway/sa_translation.hpp"
#include "ike/openssl_random_source.hpp"
#include "ike/seeded_random_source.hpp"

namespace ipsec_fpga::host {

using gateway_detail::as_u32;
using gateway_detail::errno_text;
using gateway_detail::interface_addresses;
using gateway_detail::to_sockaddr;

namespace {

// The CIDR blocks that cover an IPv4 range exactly (at most 62 of them).
std::vector<std::pair<ike::IpAddress, unsigned>> ipv4_prefixes(const ike::TrafficSelector& range) {
  std::vector<std::pair<ike::IpAddress, unsigned>> out;
  if (!range.first.is_v4() || !range.last.is_v4()) return out;
  std::uint64_t first = as_u32(range.first);
  const std::uint64_t last = as_u32(range.last);
  while (first <= last) {
    unsigned size_bits = 0;
    while (size_bits < 32 && (first & ((std::uint64_t{1} << (size_bits + 1)) - 1)) == 0 &&
           first + (std::uint64_t{1} << (size_bits + 1)) - 1 <= last)
      ++size_bits;
    const auto v = static_cast<std::uint32_t>(first);
    auto byte = [v](unsigned shift) { return static_cast<std::uint8_t>((v >> shift) & 0xff); };
    out.emplace_back(ike::IpAddress::v4(byte(24), byte(16), byte(8), byte(0)), 32 - size_bits);
    first += std::uint64_t{1} << size_bits;
  }
  return out;
}

}  // namespace

void Gateway::Impl::open(const std::string& uri, driver::Board* given) {
  const GatewaySettings& g = config.gateway;
  board_uri = uri.empty() ? g.board : uri;
  if (given != nullptr) {
    board = given;
  } else {
    try {
      owned_board = driver::open_board(board_uri);
    } catch (const std::exception& e) {
      throw GatewayError("board '" + board_uri + "': " + e.what());
    }
    board = owned_board.get();
  }

  IpsecLogOptions log_options;
  log_options.capacity = g.log_ring_size;
  const std::string log_file = options.log_file.empty() ? g.log_file : options.log_file;
  if (log_file != "-") log_options.file = log_file;
  try {
    log = std::make_unique<IpsecLog>(log_options);
  } catch (const std::exception& e) {
    throw GatewayError("IPSec log file '" + log_file + "': " + e.what());
  }

  wan_interface = options.wan_interface.empty() ? g.wan_interface : options.wan_interface;
  wan_follows_interface = !g.wan_address.has_value();
  if (g.wan_address) {
    set_wan(*g.wan_address);
  } else {
    // Following the interface: the sockets listen on any address, a netlink
    // watcher follows the interface's addresses (docs/gateway.md).
    open_wan_watcher();
    wan_addresses = interface_addresses(wan_interface);
    set_wan(wan_addresses.empty() ? ike::IpAddress::v4(0, 0, 0, 0) : wan_addresses.front());
    if (wan_addresses.empty())
      note("no IPv4 address on WAN interface '" + wan_interface +
           "' yet: listening on 0.0.0.0, rules with my_ip 0.0.0.0 wait for it");
  }
  const ike::IpAddress bind_address = wan_follows_interface ? ike::IpAddress::v4(0, 0, 0, 0) : wan;

  tun_name = options.tun_name.empty() ? g.lan_interface : options.tun_name;
  try {
    tun = std::make_unique<TunDevice>(tun_name);
    if (options.configure_tun && g.lan_address)
      tun->configure(*g.lan_address, g.lan_prefix_length, 1400);
  } catch (const std::exception& e) {
    throw GatewayError(e.what());
  }
  try {
    EspSocketsOptions so;
    so.wan_address = bind_address;
    so.udp_port = g.nat_t_port;
    sockets = std::make_unique<EspSockets>(so);
  } catch (const std::exception& e) {
    throw GatewayError(e.what());
  }
  open_ike_socket(bind_address);
  wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd < 0) throw GatewayError("eventfd: " + errno_text(errno));

  for (const RuleConfig& rule : config.rules) {
    if (!rule.active) continue;
    setup_spd_rule(rule);
    add_routes(rule);
  }

  sockets->set_ike_handler(
      [this](std::span<const std::uint8_t> message, const ike::Endpoint& from) {
        ike::Datagram d;
        d.source = from;
        d.destination = ike::Endpoint{current_wan(), config.gateway.nat_t_port};
        d.payload.assign(message.begin(), message.end());
        enqueue(std::move(d));
      });

  DatapathCallbacks callbacks;
  callbacks.packet_log = [this](const PacketLogEvent& event) {
    log->add(event);
    // An inbound error may have raised the SA's error-threshold event, whose
    // frame follows the result: the IKE thread reads the link a moment more
    // (a simulated board only runs while someone waits on it).
    board_events_due = true;
    wake();
  };
  callbacks.needs_sa = [this](int rule) { enqueue(NeedsSa{rule}); };
  callbacks.fatal_error = [this](const std::string& message) {
    {
      std::lock_guard lock(queue_mutex);
      board_gone_message = message;
    }
    board_gone = true;
    stop_requested = true;
    wake();
  };
  DatapathOptions datapath_options;
  if (options.negotiation_notice_interval)
    datapath_options.negotiation_notice_interval = *options.negotiation_notice_interval;
  datapath = std::make_unique<Datapath>(*board, *tun, *sockets, spd, callbacks, datapath_options);
  // SA events (soft/hard lifetime, error threshold) go to the IKE thread.
  board->set_event_callback([this](const driver::Event& event) { enqueue(event); });

  random = options.random_seed
               ? std::unique_ptr<ike::RandomSource>(std::make_unique<ike::SeededRandomSource>(
                     "gateway-" + std::to_string(*options.random_seed)))
               : std::make_unique<ike::OpensslRandomSource>();
  build_policy({});
  engine = std::make_unique<ike::IkeEngine>(policy, *random, engine_settings());
}

void Gateway::Impl::open_ike_socket(const ike::IpAddress& bind_address) {
  const std::uint16_t port = config.gateway.ike_port;
  ike_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (ike_fd < 0)
    throw GatewayError("IKE socket (UDP " + std::to_string(port) + "): " + errno_text(errno));
  const int on = 1;
  ::setsockopt(ike_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  ::setsockopt(ike_fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on);
  const sockaddr_in local = to_sockaddr(ike::Endpoint{bind_address, port});
  if (::bind(ike_fd, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0) {
    const int error = errno;
    ::close(ike_fd);
    ike_fd = -1;
    throw GatewayError("IKE socket: cannot bind " + bind_address.to_string() + ":" +
                       std::to_string(port) + ": " + errno_text(error));
  }
}

void Gateway::Impl::add_routes(const RuleConfig& rule) {
  if (!options.configure_tun) return;
  try {
    for (const auto& [network, prefix] : ipv4_prefixes(rule.remote))
      tun->add_route(network, prefix);
  } catch (const std::exception& e) {
    note("rule " + std::to_string(rule.index) + ": no route to its remote range: " + e.what());
  }
}

void Gateway::Impl::setup_spd_rule(const RuleConfig& rule) {
  spd.add_rule(SpdRule{rule.index, rule.local, rule.remote,
                       std::chrono::seconds{rule.idle_timeout_seconds}});
}

ike::EngineSettings Gateway::Impl::engine_settings() {
  ike::EngineSettings s;
  s.ike_port = config.gateway.ike_port;
  s.nat_t_port = config.gateway.nat_t_port;
  s.max_errors = config.gateway.error_threshold;
  if (options.retransmit_timeout_ms) s.retransmit_timeout_ms = *options.retransmit_timeout_ms;
  if (options.retransmit_tries) s.retransmit_tries = *options.retransmit_tries;
  const auto hold = std::chrono::duration_cast<std::chrono::milliseconds>(options.spi_reservation);
  // Quick Mode's inbound SPI comes from the board: an entry held for it.
  s.inbound_spi_source = [this, hold](int rule) -> std::uint32_t {
    try {
      return board->reserve_inbound_spi(hold);
    } catch (const std::exception& e) {
      note("rule " + std::to_string(rule) + ": no inbound SPI: " + e.what());
      return 0;
    }
  };
  return s;
}

void Gateway::Impl::build_policy(const std::vector<int>& unchanged) {
  policy.set_rules(to_ike_rules(config, wan), config.gateway.max_phase2_negotiations, unchanged);
}

}  // namespace ipsec_fpga::host
