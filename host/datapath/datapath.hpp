// The packet path between the network and the board:
//   TUN -> Spd -> board outbound (bare ESP) -> UDP 4500 or raw ESP socket
//   socket (bare ESP) -> board inbound -> SPD inbound check -> TUN
// Two threads (docs/datapath.md): the reader polls the TUN and the sockets
// and submits to the board; the result thread takes the board's results in
// order and sends or delivers them. Up to max_in_flight packets are on the
// board at once. Every ESP byte goes through the board; no software ESP.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "board/board.hpp"
#include "host/datapath/esp_sockets.hpp"
#include "host/datapath/rule_activity.hpp"
#include "host/datapath/spd.hpp"
#include "host/datapath/tun_device.hpp"
#include "host/log/packet_log_event.hpp"

namespace ipsec_fpga::host {

struct DatapathOptions {
  std::size_t max_in_flight = 16;                        // packets on the board at once
  std::chrono::milliseconds poll_interval{50};           // how soon stop() is noticed
  std::chrono::seconds negotiation_notice_interval{10};  // needs_sa per rule at most this often
  std::function<DatapathClock::time_point()> clock;      // default: steady_clock::now
};

struct DatapathCallbacks {
  // An inbound status with a Table 27-2 line (no_sa, replay, auth_failed,
  // decrypt_failed). Runs on the result thread.
  std::function<void(const PacketLogEvent&)> packet_log;
  // An outbound packet matched a rule without SA: the caller logs "Cannot
  // find outbound SA for rule <#d>" and starts IKE. Reader thread; at most
  // once per rule per negotiation_notice_interval, the packet is dropped.
  std::function<void(int rule)> needs_sa;
  // The board is gone (BoardGoneError): both threads stop after this.
  std::function<void(const std::string& message)> fatal_error;
};

// What happened to packets that did not make it, and why.
struct DatapathStatistics {
  std::uint64_t tun_packets = 0;   // read from the TUN
  std::uint64_t tun_not_ipv4 = 0;  // unparseable or not IPv4
  std::uint64_t no_rule = 0;       // no SPD rule: dropped
  std::uint64_t needs_sa = 0;      // rule without SA: dropped
  std::uint64_t wan_esp = 0;       // ESP read from the sockets
  std::uint64_t outbound_ok = 0, inbound_ok = 0;
  std::uint64_t inbound_unknown_rule = 0;     // board knew the SPI, the SPD no longer does
  std::uint64_t inbound_policy_mismatch = 0;  // inner addresses outside the rule
  std::uint64_t tun_write_failed = 0, wan_send_failed = 0;
  std::uint64_t submit_failed = 0;  // board refused a submit (too long, no credit)
  std::map<driver::PacketStatus, std::uint64_t> outbound_status, inbound_status;  // not ok
  std::string last_error;
};

class Datapath {
 public:
  // All referenced objects must outlive the Datapath. Threads start in start().
  Datapath(driver::Board& board, TunDevice& tun, EspSockets& sockets, Spd& spd,
           DatapathCallbacks callbacks, DatapathOptions options = {});
  ~Datapath();  // stop()
  Datapath(const Datapath&) = delete;
  Datapath& operator=(const Datapath&) = delete;

  void start();
  // Stops both threads; packets still on the board are taken (and sent or
  // delivered) for up to a second first.
  void stop();

  // The rule's outbound SA (in the SPD) and its idle clock started now.
  void set_outbound_sa(int rule, const OutboundSa& sa);
  // No outbound SA any more (its idle clock stops too).
  void clear_outbound_sa(int rule);
  // Rules idle longer than their timeout, each reported once (RuleActivity).
  std::vector<int> check_idle(DatapathClock::time_point now) { return activity_.check_idle(now); }
  std::vector<int> check_idle() { return check_idle(now()); }

  const RuleActivity& activity() const { return activity_; }
  DatapathStatistics statistics() const;

 private:
  // What the result thread needs to finish a packet the reader submitted.
  struct Pending {
    driver::Ticket ticket = 0;
    driver::Direction direction = driver::Direction::outbound;
    int rule = 0;   // outbound
    OutboundSa sa;  // outbound: where the ESP goes
    std::size_t inner_bytes = 0;
    ike::Endpoint from;  // inbound: who sent it
  };

  DatapathClock::time_point now() const;
  void reader_loop();
  void result_loop();
  void on_tun_packet(std::span<const std::uint8_t> packet);
  void on_wan_esp(const ReceivedEsp& esp);
  // Waits for a free slot, submits, files the Pending. False if stopping or refused.
  bool submit(Pending pending, std::span<const std::uint8_t> bytes);
  void on_result(const driver::PacketResult& result, const Pending& pending);
  void on_outbound_result(const driver::PacketResult& result, const Pending& pending);
  void on_inbound_result(const driver::PacketResult& result);
  void board_gone(const std::string& message);
  template <class F>
  void count(F&& update) {
    std::lock_guard lock(stats_mutex_);
    update(stats_);
  }

  driver::Board& board_;
  TunDevice& tun_;
  EspSockets& sockets_;
  Spd& spd_;
  DatapathCallbacks callbacks_;
  DatapathOptions options_;
  RuleActivity activity_;

  std::mutex mutex_;  // in_flight_, pending_, notices_
  std::condition_variable cv_;
  std::size_t in_flight_ = 0;  // submitted (or being submitted), result not taken yet
  std::deque<Pending> pending_;
  std::map<int, DatapathClock::time_point> notices_;  // last needs_sa per rule
  std::atomic<bool> stopping_{false};
  std::atomic<bool> board_gone_{false};
  int wake_fd_ = -1;  // eventfd: stop() wakes the reader's poll

  mutable std::mutex stats_mutex_;
  DatapathStatistics stats_;

  std::thread reader_;
  std::thread results_;
};

}  // namespace ipsec_fpga::host
