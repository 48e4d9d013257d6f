// The Gateway (docs/gateway.md): the IKE thread (run()) and what it does
// with each engine output; status and SA table snapshots for the CLI.
#include "host/gateway/gateway.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <iostream>
#include <map>
#include <variant>

#include "board/board.hpp"
#include "host/config/config_diff.hpp"
#include "host/datapath/datapath.hpp"
#include "host/gateway/gateway_policy.hpp"
#include "host/gateway/sa_translation.hpp"
#include "host/log/ipsec_log.hpp"
#include "ike/ike_engine.hpp"
#include "ike/openssl_random_source.hpp"
#include "ike/seeded_random_source.hpp"

namespace ipsec_fpga::host {

namespace {

using Clock = std::chrono::steady_clock;

std::string errno_text(int error) { return std::strerror(error); }

// The IPv4 addresses of `interface` in the calling thread's namespace, the
// primary (first) one first.
std::vector<ike::IpAddress> interface_addresses(const std::string& interface) {
  ifaddrs* list = nullptr;
  std::vector<ike::IpAddress> found;
  if (interface.empty() || ::getifaddrs(&list) != 0) return found;
  for (ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET || interface != a->ifa_name)
      continue;
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    const auto* b = reinterpret_cast<const std::uint8_t*>(&in->sin_addr.s_addr);
    found.push_back(ike::IpAddress::v4(b[0], b[1], b[2], b[3]));
  }
  ::freeifaddrs(list);
  return found;
}

sockaddr_in to_sockaddr(const ike::Endpoint& endpoint) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(endpoint.port);
  if (endpoint.address.is_v4())
    std::memcpy(&sa.sin_addr.s_addr, endpoint.address.bytes().data(), 4);
  return sa;
}

ike::IpAddress from_in_addr(const in_addr& address) {
  const auto* b = reinterpret_cast<const std::uint8_t*>(&address.s_addr);
  return ike::IpAddress::v4(b[0], b[1], b[2], b[3]);
}

std::string ike_state_text(ike::IkeSa::State state) {
  using S = ike::IkeSa::State;
  switch (state) {
    case S::main_i1_sent:
      return "main mode 1/3";
    case S::main_i2_sent:
      return "main mode 2/3";
    case S::main_i3_sent:
      return "main mode 3/3";
    case S::main_r1_sent:
      return "main mode 1/3 (responder)";
    case S::main_r2_sent:
      return "main mode 2/3 (responder)";
    case S::aggressive_i1_sent:
      return "aggressive mode 1/2";
    case S::aggressive_r1_sent:
      return "aggressive mode 1/2 (responder)";
    case S::established:
      return "established";
    case S::dead:
      return "deleting";
  }
  return "unknown";
}

std::uint32_t as_u32(const ike::IpAddress& a) {
  const auto b = a.bytes();
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         b[3];
}

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

std::string selector_text(const ike::TrafficSelector& selector) { return selector.to_string(); }

// Requests other threads hand to the IKE thread.
struct NeedsSa {
  int rule = 0;
};
struct Reload {
  GatewayConfig config;
};
using Request = std::variant<NeedsSa, ike::Datagram, Reload, driver::Event>;

}  // namespace

struct Gateway::Impl {
  // One installed pair of SAs (one Child SA) on the board.
  struct SaPair {
    int rule = 0;
    bool manual = false;
    driver::SaHandle inbound;
    driver::SaHandle outbound;
    OutboundSa route;
    driver::Suite suite{driver::Cipher::null, driver::Integrity::none};
    bool tunnel_mode = true;
    bool rekeyed = false;  // a new Quick Mode was started for its soft lifetime
    std::optional<Clock::time_point> retire_at;  // a newer pair replaced it: removed then
    std::uint32_t lifetime_seconds = 0;
    std::uint32_t lifetime_kilobytes = 0;
    Clock::time_point installed;
  };
  // What status() shows of a rule's IKE side, refreshed by the IKE thread.
  struct IkeSnapshot {
    std::string state;
    std::string peer;
    bool negotiating = false;
  };

  Impl(GatewayConfig c, GatewayOptions o) : config(std::move(c)), options(std::move(o)) {}

  GatewayConfig config;
  GatewayOptions options;
  std::string board_uri;
  std::unique_ptr<driver::Board> owned_board;
  driver::Board* board = nullptr;
  std::unique_ptr<IpsecLog> log;
  ike::IpAddress wan;                         // the IKE thread's copy
  std::atomic<std::uint32_t> wan_v4{0};       // the same, for the data path threads
  bool wan_follows_interface = false;         // no fixed [gateway] wan_address
  std::vector<ike::IpAddress> wan_addresses;  // of the WAN interface, primary first
  unsigned wan_ifindex = 0;
  int netlink_fd = -1;  // RTM_NEWADDR / RTM_DELADDR of the WAN interface
  std::string wan_interface;
  std::string tun_name;
  std::unique_ptr<TunDevice> tun;
  std::unique_ptr<EspSockets> sockets;
  int ike_fd = -1;
  int wake_fd = -1;
  Spd spd;
  std::unique_ptr<Datapath> datapath;
  GatewayPolicy policy;
  std::unique_ptr<ike::RandomSource> random;
  std::unique_ptr<ike::IkeEngine> engine;
  Clock::time_point started = Clock::now();
  Clock::time_point last_log_tick = Clock::now();

  std::mutex queue_mutex;
  std::deque<Request> queue;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> board_gone{false};
  std::atomic<bool> board_events_due{false};
  std::string board_gone_message;  // queue_mutex

  mutable std::mutex state_mutex;  // pairs, snapshots, reloads, config copy for status
  std::vector<SaPair> pairs;
  std::map<int, IkeSnapshot> snapshots;
  std::uint64_t reloads = 0;

  // --- set-up ---
  void open(const std::string& uri, driver::Board* given);
  void open_ike_socket(const ike::IpAddress& bind_address);
  void setup_spd_rule(const RuleConfig& rule);
  void add_routes(const RuleConfig& rule);  // the remote range through the TUN
  ike::EngineSettings engine_settings();
  void build_policy(const std::vector<int>& unchanged);

  // --- the IKE thread ---
  void wake();
  void enqueue(Request request);
  void loop();
  void receive_ike_500();
  void handle(Request& request);
  void drain();
  void on_datagram(const ike::Datagram& datagram);
  void on_install(const ike::SaInstall& install);
  void on_delete(const ike::SaDelete& removal);
  void on_board_event(const driver::Event& event);
  void check_lifetimes();
  void rekey(std::size_t index);
  void expire(std::size_t index, const std::string& why);
  void retire(std::size_t index, const std::string& why);
  bool rekeying() const { return options.rekey_fraction > 0 && options.rekey_fraction < 1; }
  void install_manual(const RuleConfig& rule);
  void remove_pair(std::size_t index, bool keep_route);
  void drop_rule(int rule);  // IKE delete (Delete payloads) and every remaining SA of the rule
  void apply_reload(GatewayConfig next);
  void check_idle();
  // The WAN address watcher (netlink).
  void open_wan_watcher();
  void receive_netlink();
  void set_wan(const ike::IpAddress& address);
  void on_wan_change(const ike::IpAddress& address);
  ike::IpAddress current_wan() const {
    const std::uint32_t v = wan_v4.load();
    return ike::IpAddress::v4(static_cast<std::uint8_t>(v >> 24),
                              static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
                              static_cast<std::uint8_t>(v));
  }
  void refresh_snapshots();
  void shutdown();
  void note(const std::string& text) { std::cerr << "ipsec-fpga: " << text << std::endl; }
  const RuleConfig* ike_rule(int index) const {
    const RuleConfig* r = config.rule(index);
    return r != nullptr && r->active && r->key_management == KeyManagement::ike ? r : nullptr;
  }
};

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

void Gateway::Impl::on_install(const ike::SaInstall& install) {
  SaPair pair;
  pair.rule = install.rule;
  pair.tunnel_mode = install.tunnel_mode;
  pair.lifetime_seconds = install.suite.lifetime_seconds;
  pair.lifetime_kilobytes = install.suite.lifetime_kilobytes;
  pair.installed = Clock::now();
  try {
    pair.suite = board_suite(install.suite);
    driver::SaParameters in =
        sa_parameters(driver::Direction::inbound, install.suite, install.tunnel_mode,
                      install.inbound.encryption_key, install.inbound.integrity_key,
                      install.inbound.spi, install.local, install.remote);
    // The board counts auth/replay/decrypt failures and raises an event at
    // the configured threshold ("!! Too many errors! Deleting SA").
    in.error_threshold = static_cast<std::uint32_t>(config.gateway.error_threshold);
    pair.inbound = board->install_sa(std::move(in));
    if (pair.inbound.spi != install.inbound.spi) {
      // Not a reserved SPI (the reservation lapsed): the peer would send to
      // an SPI the board does not know.
      board->remove_sa(pair.inbound);
      throw std::runtime_error("inbound SPI " + std::to_string(install.inbound.spi) +
                               " was no longer reserved on the board");
    }
    driver::SaParameters out =
        sa_parameters(driver::Direction::outbound, install.suite, install.tunnel_mode,
                      install.outbound.encryption_key, install.outbound.integrity_key,
                      install.outbound.spi, install.local, install.remote);
    // The kilobyte lifetime's soft limit (time to rekey) is the board's.
    if (out.lifetime.hard_bytes != 0 && rekeying())
      out.lifetime.soft_bytes = static_cast<std::uint64_t>(
          static_cast<double>(out.lifetime.hard_bytes) * options.rekey_fraction);
    try {
      pair.outbound = board->install_sa(std::move(out));
    } catch (...) {
      board->remove_sa(pair.inbound);
      throw;
    }
  } catch (const std::exception& e) {
    board->release_inbound_spi(install.inbound.spi);
    ike::LogEvent event{ike::LogMessage::sa_deleted, install.rule, install.remote.address};
    event.detail = std::string("the board refused the SA: ") + e.what();
    log->add(event);
    engine->delete_rule(install.rule);
    return;
  }
  pair.route.sa = pair.outbound;
  pair.route.peer = install.remote.address;
  pair.route.peer_port = install.remote.port;
  pair.route.transport = install.udp_encapsulated ? EspTransport::udp_4500 : EspTransport::raw_esp;
  try {
    spd.add_inbound_sa(install.rule, pair.inbound.spi);
    datapath->set_outbound_sa(install.rule, pair.route);
  } catch (const std::exception& e) {
    note("rule " + std::to_string(install.rule) +
         ": SA installed for a rule the SPD lacks: " + e.what());
  }
  std::lock_guard lock(state_mutex);
  // A rekey: the rule's older pairs carry no more outbound traffic; they
  // stay a moment for packets the peer sent before it switched.
  for (SaPair& older : pairs)
    if (older.rule == pair.rule && !older.manual && !older.retire_at)
      older.retire_at = pair.installed + options.rekey_overlap;
  pairs.push_back(pair);
}

void Gateway::Impl::remove_pair(std::size_t index, bool keep_route) {
  SaPair pair;
  {
    std::lock_guard lock(state_mutex);
    pair = pairs[index];
    pairs.erase(pairs.begin() + static_cast<std::ptrdiff_t>(index));
  }
  spd.remove_inbound_sa(pair.inbound.spi);
  if (!keep_route) {
    const auto current = spd.outbound_sa(pair.rule);
    if (current && current->sa.entry == pair.outbound.entry) {
      // Another pair of the same rule (a newer Quick Mode) takes over, if any.
      std::optional<OutboundSa> next;
      {
        std::lock_guard lock(state_mutex);
        for (const SaPair& p : pairs)
          if (p.rule == pair.rule) next = p.route;
      }
      if (next)
        datapath->set_outbound_sa(pair.rule, *next);
      else
        datapath->clear_outbound_sa(pair.rule);
    }
  }
  for (const driver::SaHandle& h : {pair.inbound, pair.outbound}) {
    try {
      board->remove_sa(h);  // erased and read back as zero
    } catch (const std::exception& e) {
      note("removing SA entry " + std::to_string(h.entry) + ": " + e.what());
    }
  }
}

void Gateway::Impl::on_delete(const ike::SaDelete& removal) {
  std::optional<std::size_t> found;
  {
    std::lock_guard lock(state_mutex);
    for (std::size_t i = 0; i < pairs.size(); ++i)
      if (pairs[i].rule == removal.rule && pairs[i].inbound.spi == removal.inbound_spi &&
          pairs[i].outbound.spi == removal.outbound_spi)
        found = i;
  }
  if (found) remove_pair(*found, false);
}

void Gateway::Impl::install_manual(const RuleConfig& rule) {
  if (!rule.manual_keys || rule.phase2.empty() || !rule.secure_gateway) return;
  const ManualKeys& keys = *rule.manual_keys;
  const ike::EspSuite& suite = rule.phase2.front();
  const ike::Endpoint local{rule.follows_wan_address() ? wan : rule.my_ip, nat_t_port};
  const ike::Endpoint remote{*rule.secure_gateway, nat_t_port};
  SaPair pair;
  pair.rule = rule.index;
  pair.manual = true;
  pair.tunnel_mode = rule.tunnel_mode;
  pair.installed = Clock::now();
  try {
    pair.suite = board_suite(suite);
    board->reserve_inbound_spi(std::chrono::seconds{10}, keys.inbound.spi);
    pair.inbound = board->install_sa(sa_parameters(
        driver::Direction::inbound, suite, rule.tunnel_mode, keys.inbound.encryption_key,
        keys.inbound.authentication_key, keys.inbound.spi, local, remote));
    try {
      pair.outbound = board->install_sa(sa_parameters(
          driver::Direction::outbound, suite, rule.tunnel_mode, keys.outbound.encryption_key,
          keys.outbound.authentication_key, keys.outbound.spi, local, remote));
    } catch (...) {
      board->remove_sa(pair.inbound);
      throw;
    }
  } catch (const std::exception& e) {
    board->release_inbound_spi(keys.inbound.spi);
    note("rule " + std::to_string(rule.index) + " (manual keys): not installed: " + e.what());
    return;
  }
  // Manual SAs travel as raw ESP (no NAT-T negotiation to agree on UDP).
  pair.route = OutboundSa{pair.outbound, remote.address, nat_t_port, EspTransport::raw_esp};
  spd.add_inbound_sa(rule.index, pair.inbound.spi);
  datapath->set_outbound_sa(rule.index, pair.route);
  std::lock_guard lock(state_mutex);
  pairs.push_back(pair);
}

void Gateway::Impl::drop_rule(int rule) {
  engine->delete_rule(rule);  // Delete payloads; SaDelete outputs
  drain();
  for (;;) {
    std::optional<std::size_t> left;
    {
      std::lock_guard lock(state_mutex);
      for (std::size_t i = 0; i < pairs.size(); ++i)
        if (pairs[i].rule == rule) left = i;
    }
    if (!left) break;
    remove_pair(*left, false);
  }
}

void Gateway::Impl::apply_reload(GatewayConfig next) {
  const ConfigDiff diff = diff_configs(config, next);
  if (!diff.gateway_fields.empty()) {
    std::string fields;
    for (const std::string& f : diff.gateway_fields) fields += " " + f;
    note("reload: [gateway] changes other than the limits need a restart:" + fields);
  }
  std::vector<int> gone = diff.removed;
  for (const RuleChange& c : diff.changed) gone.push_back(c.index);
  for (int index : gone) {
    drop_rule(index);
    if (spd.rule(index)) {
      datapath->clear_outbound_sa(index);
      spd.remove_rule(index);
    }
  }
  // The limits apply at once; the rest of [gateway] keeps its running value.
  GatewaySettings keep = config.gateway;
  keep.max_phase2_negotiations = next.gateway.max_phase2_negotiations;
  keep.error_threshold = next.gateway.error_threshold;
  keep.log_ring_size = config.gateway.log_ring_size;
  next.gateway = keep;
  {
    std::lock_guard lock(state_mutex);
    config = std::move(next);
    ++reloads;
  }
  build_policy(diff.unchanged);
  std::vector<int> fresh = diff.added;
  for (const RuleChange& c : diff.changed) fresh.push_back(c.index);
  for (int index : fresh) {
    const RuleConfig* rule = config.rule(index);
    if (rule == nullptr || !rule->active) continue;
    try {
      setup_spd_rule(*rule);
    } catch (const std::exception& e) {
      note("reload: rule " + std::to_string(index) + ": " + e.what());
      continue;
    }
    add_routes(*rule);
    if (rule->key_management == KeyManagement::manual) install_manual(*rule);
  }
}

// --- the WAN address watcher ---

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

// --- SA lifetimes and the board's events ---

void Gateway::Impl::rekey(std::size_t index) {
  int rule = 0;
  {
    std::lock_guard lock(state_mutex);
    SaPair& pair = pairs[index];
    if (pair.rekeyed || pair.manual) return;
    // Only the rule's newest pair is rekeyed.
    for (std::size_t i = index + 1; i < pairs.size(); ++i)
      if (pairs[i].rule == pair.rule) return;
    pair.rekeyed = true;
    rule = pair.rule;
  }
  if (ike_rule(rule) == nullptr) return;
  note("rule " + std::to_string(rule) + ": SA soft lifetime reached, rekeying");
  engine->initiate(rule);  // "Start Phase 2: Quick Mode" on the ISAKMP SA (or Main Mode first)
  drain();
}

void Gateway::Impl::retire(std::size_t index, const std::string& why) {
  SaPair pair;
  {
    std::lock_guard lock(state_mutex);
    pair = pairs[index];
  }
  ike::LogEvent event{ike::LogMessage::sa_deleted, pair.rule, pair.route.peer};
  event.detail = why;
  log->add(event);
  // The peer is told (a Delete for that SPI only); the ISAKMP SA stays.
  if (!pair.manual && engine->delete_child(pair.rule, pair.inbound.spi)) {
    drain();  // the SaDelete removes the pair
    std::lock_guard lock(state_mutex);
    const bool left = std::any_of(pairs.begin(), pairs.end(), [&](const SaPair& p) {
      return p.inbound.entry == pair.inbound.entry && p.inbound.spi == pair.inbound.spi;
    });
    if (!left) return;
  }
  std::optional<std::size_t> at;
  {
    std::lock_guard lock(state_mutex);
    for (std::size_t i = 0; i < pairs.size(); ++i)
      if (pairs[i].inbound.entry == pair.inbound.entry && pairs[i].inbound.spi == pair.inbound.spi)
        at = i;
  }
  if (at) remove_pair(*at, false);
}

void Gateway::Impl::expire(std::size_t index, const std::string& why) {
  SaPair pair;
  bool newer = false;
  {
    std::lock_guard lock(state_mutex);
    pair = pairs[index];
    for (std::size_t i = index + 1; i < pairs.size(); ++i)
      newer = newer || pairs[i].rule == pair.rule;
  }
  if (newer || pair.rekeyed || pair.manual || ike_rule(pair.rule) == nullptr) {
    // A newer pair (the rekey) carries the traffic, or soon will: only this
    // pair goes (a rekey under way keeps its ISAKMP SA and Quick Mode).
    retire(index, why);
    return;
  }
  ike::LogEvent event{ike::LogMessage::sa_deleted, pair.rule, pair.route.peer};
  event.detail = why;
  log->add(event);
  drop_rule(pair.rule);  // the peer hears it; the next packet negotiates again
}

void Gateway::Impl::on_board_event(const driver::Event& event) {
  std::optional<std::size_t> found;
  {
    std::lock_guard lock(state_mutex);
    for (std::size_t i = 0; i < pairs.size(); ++i)
      for (const driver::SaHandle* h : {&pairs[i].inbound, &pairs[i].outbound})
        if (h->entry == event.sa && h->spi == event.spi) found = i;
  }
  if (!found) return;  // already removed
  if (event.events & driver::event_bits::error_threshold) {
    int rule = 0;
    ike::IpAddress peer;
    bool manual = false;
    {
      std::lock_guard lock(state_mutex);
      rule = pairs[*found].rule;
      peer = pairs[*found].route.peer;
      manual = pairs[*found].manual;
    }
    log->add(ike::LogEvent{ike::LogMessage::too_many_errors_deleting_sa, rule, peer});
    if (!manual && ike_rule(rule) != nullptr) {
      drop_rule(rule);  // renegotiated when traffic needs it
    } else {
      note("rule " + std::to_string(rule) +
           " (manual keys): too many errors on its inbound SA; kept (no IKE to replace it)");
    }
    return;
  }
  if (event.events & (driver::event_bits::hard_lifetime | driver::event_bits::sequence_overflow)) {
    expire(*found, event.events & driver::event_bits::hard_lifetime ? "hard lifetime reached"
                                                                    : "sequence numbers exhausted");
    return;
  }
  if (event.events & driver::event_bits::soft_lifetime) rekey(*found);
}

void Gateway::Impl::check_lifetimes() {
  const auto now = Clock::now();
  for (std::size_t i = 0; i < pairs.size(); ++i) {  // pairs only change on this thread
    SaPair p;
    {
      std::lock_guard lock(state_mutex);
      if (i >= pairs.size()) break;
      p = pairs[i];
    }
    if (p.retire_at && now >= *p.retire_at) {
      retire(i, "replaced by a newer SA");
      return;  // indices moved; the next tick looks again
    }
    if (p.lifetime_seconds == 0 || p.manual) continue;
    const double used = std::chrono::duration<double>(now - p.installed).count();
    if (used >= p.lifetime_seconds) {
      expire(i, "hard lifetime reached");
      return;  // indices moved; the next tick looks again
    }
    // The side that started Phase 1 rekeys first; the other one waits half
    // of what is left, so both do not start a Quick Mode at once (it sees
    // the initiator's new pair arrive and leaves the old one to expire).
    const ike::IkeSa* ike_sa = engine->ike_sa(p.rule);
    const double fraction = ike_sa == nullptr || ike_sa->initiator()
                                ? options.rekey_fraction
                                : (1.0 + options.rekey_fraction) / 2;
    if (rekeying() && !p.rekeyed && used >= fraction * p.lifetime_seconds) rekey(i);
  }
}

void Gateway::Impl::check_idle() {
  for (int rule : datapath->check_idle()) {
    PacketLogEvent event;
    event.message = PacketLogMessage::rule_idle_timeout;  // "Rule <#d> idle time out, disconnect"
    event.rule = rule;
    log->add(event);
    if (ike_rule(rule) != nullptr) drop_rule(rule);
  }
}

void Gateway::Impl::refresh_snapshots() {
  std::map<int, IkeSnapshot> next;
  for (const RuleConfig& rule : config.rules) {
    IkeSnapshot s;
    if (const ike::IkeSa* sa = engine->ike_sa(rule.index)) {
      s.state = ike_state_text(sa->state);
      s.peer = sa->peer.address.to_string();
      s.negotiating = !sa->established() || !sa->quick_modes.empty();
    }
    next[rule.index] = s;
  }
  std::lock_guard lock(state_mutex);
  snapshots = std::move(next);
}

void Gateway::Impl::loop() {
  auto next_tick = Clock::now();
  while (!stop_requested) {
    const auto now = Clock::now();
    if (now >= next_tick) {
      engine->tick(static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::milliseconds>(now - started).count()));
      drain();
      check_idle();
      check_lifetimes();
      if (now - last_log_tick >= std::chrono::seconds{1}) {
        log->tick();
        last_log_tick = now;
      }
      refresh_snapshots();
      next_tick = now + options.tick;
    }
    pollfd fds[3] = {{ike_fd, POLLIN, 0}, {wake_fd, POLLIN, 0}, {netlink_fd, POLLIN, 0}};
    const auto wait =
        std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - Clock::now()).count();
    const int ready =
        ::poll(fds, netlink_fd >= 0 ? 3 : 2, static_cast<int>(std::max<long long>(0, wait)));
    if (ready <= 0) continue;
    if (fds[1].revents & POLLIN) {
      std::uint64_t count = 0;
      [[maybe_unused]] ssize_t n = ::read(wake_fd, &count, sizeof count);
    }
    if (fds[0].revents & POLLIN) receive_ike_500();
    if (netlink_fd >= 0 && (fds[2].revents & POLLIN)) receive_netlink();
    std::deque<Request> requests;
    {
      std::lock_guard lock(queue_mutex);
      requests.swap(queue);
    }
    for (Request& r : requests) handle(r);
    if (board_events_due.exchange(false)) {
      board->next_event(std::chrono::milliseconds{2});  // pumps; the callback queues events
      std::deque<Request> events;
      {
        std::lock_guard lock(queue_mutex);
        events.swap(queue);
      }
      for (Request& r : events) handle(r);
    }
  }
}

void Gateway::Impl::shutdown() {
  // Delete payloads to every peer and the SAs they covered.
  if (!board_gone) {
    for (const RuleConfig& rule : config.rules)
      if (rule.key_management == KeyManagement::ike) {
        engine->delete_rule(rule.index);
        drain();
      }
  }
  datapath->stop();
  if (!board_gone) {
    for (;;) {
      {
        std::lock_guard lock(state_mutex);
        if (pairs.empty()) break;
      }
      remove_pair(0, true);
    }
    try {
      // Anything still valid (a reservation installed late, a failed
      // erase) goes too; every entry reads back zero afterwards.
      board->clear_sa_table();
    } catch (const std::exception& e) {
      note(std::string("clearing the board's SA table at stop: ") + e.what());
    }
  }
  {
    std::lock_guard lock(state_mutex);
    pairs.clear();
    snapshots.clear();
  }
  engine.reset();  // its ISAKMP SAs' keying material is zeroed (SecureBytes)
  policy.cleanse();
  for (RuleConfig& rule : config.rules) {
    rule.pre_shared_key.clear();
    if (rule.manual_keys) {
      rule.manual_keys->inbound.encryption_key.clear();
      rule.manual_keys->inbound.authentication_key.clear();
      rule.manual_keys->outbound.encryption_key.clear();
      rule.manual_keys->outbound.authentication_key.clear();
    }
  }
  tun.reset();
  sockets.reset();
  if (ike_fd >= 0) ::close(ike_fd);
  ike_fd = -1;
  if (netlink_fd >= 0) ::close(netlink_fd);
  netlink_fd = -1;
}

// --- Gateway ---

Gateway::Gateway(GatewayConfig config, const std::string& board_uri, GatewayOptions options)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(options))) {
  impl_->open(board_uri, nullptr);
}

Gateway::Gateway(GatewayConfig config, driver::Board& board, GatewayOptions options)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(options))) {
  impl_->open("", &board);
}

Gateway::~Gateway() {
  if (impl_) {
    if (impl_->datapath) impl_->datapath->stop();
    if (impl_->ike_fd >= 0) ::close(impl_->ike_fd);
    if (impl_->wake_fd >= 0) ::close(impl_->wake_fd);
    if (impl_->netlink_fd >= 0) ::close(impl_->netlink_fd);
    if (impl_->board) impl_->board->set_event_callback(nullptr);
  }
}

int Gateway::run() {
  Impl& g = *impl_;
  running_ = true;
  try {
    const unsigned stale = g.board->clear_sa_table();
    if (stale > 0)
      g.note("erased " + std::to_string(stale) +
             " SA entries an earlier run left in the board's table");
    for (const RuleConfig& rule : g.config.rules)
      if (rule.active && rule.key_management == KeyManagement::manual) g.install_manual(rule);
    g.datapath->start();
    g.refresh_snapshots();
    g.loop();
  } catch (const std::exception& e) {
    g.note(std::string("stopping: ") + e.what());
    g.board_gone = g.board_gone || dynamic_cast<const driver::BoardGoneError*>(&e) != nullptr;
    g.stop_requested = true;
  }
  try {
    g.shutdown();
  } catch (const std::exception& e) {
    g.note(std::string("stopping: ") + e.what());
  }
  running_ = false;
  if (g.board_gone) {
    std::lock_guard lock(g.queue_mutex);
    g.note("the board is gone: " + g.board_gone_message);
    return 1;
  }
  return 0;
}

void Gateway::request_stop() {
  impl_->stop_requested = true;
  impl_->wake();
}

void Gateway::request_reload(GatewayConfig config) { impl_->enqueue(Reload{std::move(config)}); }

std::vector<LogEntry> Gateway::log_entries() const { return impl_->log->entries(); }

GatewayStatus Gateway::status() const {
  const Impl& g = *impl_;
  GatewayStatus s;
  s.version = g.options.version;
  s.config_file = g.options.config_file.empty() ? g.config.source_name : g.options.config_file;
  s.tun_name = g.tun_name;
  const ike::IpAddress wan = g.current_wan();
  s.wan_address = wan.is_unspecified() ? "" : wan.to_string();
  s.pid = ::getpid();
  s.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - g.started).count();
  const driver::Capabilities& c = g.board->capabilities();
  s.board.description = g.board->description();
  s.board.uri = g.board_uri;
  s.board.build_id = c.build_id;
  s.board.protocol_version = c.protocol_version;
  s.board.clock_hz = c.clock_hz;
  s.board.sa_entries = c.sa_entries;
  s.board.replay_window = c.replay_window;
  for (const driver::Suite& suite : c.suites()) s.board.suites.push_back(suite_name(suite));
  s.board.link_summary = g.board->link_statistics().summary();

  std::lock_guard lock(g.state_mutex);
  s.reloads = g.reloads;
  s.board.sa_entries_used = static_cast<unsigned>(2 * g.pairs.size());
  const auto counters = g.datapath->activity().all_counters();
  for (const RuleConfig& rule : g.config.rules) {
    RuleStatus r;
    r.index = rule.index;
    r.name = rule.name;
    r.active = rule.active;
    r.local_address = rule.my_ip.to_string();
    r.peer_address = rule.secure_gateway ? rule.secure_gateway->to_string() : "0.0.0.0";
    r.local_network = selector_text(rule.local);
    r.remote_network = selector_text(rule.remote);
    r.key_management = rule.key_management == KeyManagement::ike ? "ike" : "manual";
    r.encapsulation = rule.tunnel_mode ? "tunnel" : "transport";
    bool up = false;
    for (const Impl::SaPair& p : g.pairs) {
      if (p.rule != rule.index) continue;
      up = true;
      r.peer_address = p.route.peer.to_string();
      if (p.lifetime_seconds != 0) {
        const auto used =
            std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - p.installed).count();
        r.ipsec_lifetime_left_s = std::max<std::int64_t>(0, p.lifetime_seconds - used);
      }
    }
    bool negotiating = false;
    if (auto it = g.snapshots.find(rule.index); it != g.snapshots.end()) {
      r.ike_sa_state = it->second.state;
      negotiating = it->second.negotiating;
      if (!up && !it->second.peer.empty()) r.peer_address = it->second.peer;
    }
    r.state = up ? RuleState::up : negotiating ? RuleState::negotiating : RuleState::idle;
    if (auto it = counters.find(rule.index); it != counters.end()) {
      r.packets_out = it->second.packets_out;
      r.bytes_out = it->second.bytes_out;
      r.packets_in = it->second.packets_in;
      r.bytes_in = it->second.bytes_in;
    }
    s.rules.push_back(r);
  }
  const DatapathStatistics d = g.datapath->statistics();
  s.datapath.tun_packets = d.tun_packets;
  s.datapath.tun_not_ipv4 = d.tun_not_ipv4;
  s.datapath.no_rule = d.no_rule;
  s.datapath.needs_sa = d.needs_sa;
  s.datapath.wan_esp = d.wan_esp;
  s.datapath.outbound_ok = d.outbound_ok;
  s.datapath.inbound_ok = d.inbound_ok;
  s.datapath.inbound_unknown_rule = d.inbound_unknown_rule;
  s.datapath.inbound_policy_mismatch = d.inbound_policy_mismatch;
  s.datapath.tun_write_failed = d.tun_write_failed;
  s.datapath.wan_send_failed = d.wan_send_failed;
  s.datapath.submit_failed = d.submit_failed;
  for (const auto& [status, n] : d.outbound_status) s.datapath.outbound_errors += n;
  for (const auto& [status, n] : d.inbound_status) s.datapath.inbound_errors += n;
  s.datapath.last_error = d.last_error;
  return s;
}

std::vector<SaRow> Gateway::sa_table() {
  Impl& g = *impl_;
  std::vector<Impl::SaPair> pairs;
  {
    std::lock_guard lock(g.state_mutex);
    pairs = g.pairs;
  }
  std::vector<SaRow> rows;
  for (const Impl::SaPair& p : pairs) {
    for (const driver::SaHandle& h : {p.inbound, p.outbound}) {
      SaRow row;
      row.entry = h.entry;
      row.direction = std::string(driver::to_string(h.direction));
      row.spi = h.spi;
      row.rule = p.rule;
      row.suite = suite_name(p.suite);
      row.encapsulation = p.route.transport == EspTransport::udp_4500 ? "udp" : "esp";
      row.mode = p.tunnel_mode ? "tunnel" : "transport";
      row.lifetime_used_s = static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - p.installed).count());
      row.lifetime_limit_s = p.lifetime_seconds;
      row.lifetime_limit_kb = p.lifetime_kilobytes;
      try {
        const driver::SaStatus st = g.board->sa_status(h);
        row.enabled = st.enabled;
        row.expired = st.expired;
        row.sequence = st.sequence;
        row.packets = st.packets;
        row.bytes = st.bytes;
        row.auth_errors = st.auth_errors;
        row.replay_errors = st.replay_errors;
        row.decrypt_errors = st.decrypt_errors;
        row.lifetime_used_kb = st.bytes / 1024;
      } catch (const std::exception&) {
        // Removed meanwhile or the board is gone: the row shows what we know.
      }
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace ipsec_fpga::host
