// The Gateway's public API and the IKE thread's loop and shutdown.
#include <poll.h>
#include <unistd.h>

#include <algorithm>

#include "host/gateway/gateway_impl.hpp"

namespace ipsec_fpga::host {

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

void Gateway::request_reload(GatewayConfig config) {
  impl_->enqueue(Impl::Reload{std::move(config)});
}

std::vector<LogEntry> Gateway::log_entries() const { return impl_->log->entries(); }

}  // namespace ipsec_fpga::host
