// One side of the end-to-end tests: a simulated board, a TUN device and the
// ESP sockets opened inside a network namespace, an SPD with one rule, and
// a running Datapath whose log events are collected.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "board/board.hpp"
#include "host/datapath/datapath.hpp"
#include "netns_fixture.hpp"
#include "packet_builder.hpp"

namespace ipsec_fpga::host::test {

struct GatewaySide {
  std::string netns;
  std::string tun_name;
  std::string wan;         // our WAN address
  std::string inner;       // our TUN address (in `local`/24)
  std::string local_net;   // x.y.z.0 of our protected /24
  std::string remote_net;  // the peer's protected /24
};

class TestGateway {
 public:
  explicit TestGateway(const GatewaySide& side) : side_(side) {
    board = driver::open_board("sim:");
    {
      NetnsEntry in(side.netns);
      tun = std::make_unique<TunDevice>(side.tun_name);
      tun->configure(address_of(side.inner), 24, 1400);
      tun->add_route(address_of(side.remote_net), 24);
      sockets = std::make_unique<EspSockets>(EspSocketsOptions{address_of(side.wan)});
    }
    spd.add_rule(SpdRule{1, ike::TrafficSelector::subnet(address_of(side.local_net), 24),
                         ike::TrafficSelector::subnet(address_of(side.remote_net), 24),
                         std::chrono::seconds{300}});
    DatapathCallbacks callbacks;
    callbacks.packet_log = [this](const PacketLogEvent& e) {
      std::lock_guard lock(mutex_);
      events_.push_back(e.message);
      cv_.notify_all();
    };
    callbacks.needs_sa = [this](int rule) {
      std::lock_guard lock(mutex_);
      needs_sa_.push_back(rule);
    };
    callbacks.fatal_error = [this](const std::string& message) {
      std::lock_guard lock(mutex_);
      fatal_ = message;
    };
    datapath = std::make_unique<Datapath>(*board, *tun, *sockets, spd, callbacks);
  }
  ~TestGateway() {
    if (datapath) datapath->stop();
  }

  // Waits (bounded) until `message` was reported `count` times in all.
  bool wait_for_event(PacketLogMessage message, std::size_t count,
                      std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] {
      return static_cast<std::size_t>(std::count(events_.begin(), events_.end(), message)) >= count;
    });
  }
  std::vector<PacketLogMessage> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }
  std::vector<int> needs_sa() {
    std::lock_guard lock(mutex_);
    return needs_sa_;
  }
  std::string fatal() {
    std::lock_guard lock(mutex_);
    return fatal_;
  }

  std::unique_ptr<driver::Board> board;
  std::unique_ptr<TunDevice> tun;
  std::unique_ptr<EspSockets> sockets;
  Spd spd;
  std::unique_ptr<Datapath> datapath;

 private:
  GatewaySide side_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<PacketLogMessage> events_;
  std::vector<int> needs_sa_;
  std::string fatal_;
};

}  // namespace ipsec_fpga::host::test
