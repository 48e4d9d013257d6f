// The Gateway's private state and the members every gateway_*.cpp defines
// (host/gateway/ only; not installed).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "board/board.hpp"
#include "host/datapath/datapath.hpp"
#include "host/gateway/gateway.hpp"
#include "host/gateway/gateway_policy.hpp"
#include "host/log/ipsec_log.hpp"
#include "ike/ike_engine.hpp"

namespace ipsec_fpga::host {

struct Gateway::Impl {
  using Clock = std::chrono::steady_clock;

  // Requests other threads hand to the IKE thread.
  struct NeedsSa {
    int rule = 0;
  };
  struct Reload {
    GatewayConfig config;
  };
  using Request = std::variant<NeedsSa, ike::Datagram, Reload, driver::Event>;

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
  void show_installed_keys(const ike::SaInstall& install, const driver::Suite& suite);
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

}  // namespace ipsec_fpga::host
