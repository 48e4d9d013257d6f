#include "host/datapath/datapath.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include "host/datapath/inbound_status_log.hpp"
#include "host/datapath/ipv4_header.hpp"

namespace ipsec_fpga::host {
namespace {

// Packets taken from one ready descriptor before looking at the others,
// so that neither direction starves the other.
constexpr int batch_per_descriptor = 8;
// How long the result thread waits for the board per call; it only waits
// while packets are on the board.
constexpr std::chrono::milliseconds result_wait{100};
// How long a result may wait for its submitter to file the packet's Pending
// (the submit call returns after the board may already have answered).
constexpr std::chrono::seconds pending_wait{1};
constexpr std::chrono::seconds drain_on_stop{1};

}  // namespace

Datapath::Datapath(driver::Board& board, TunDevice& tun, EspSockets& sockets, Spd& spd,
                   DatapathCallbacks callbacks, DatapathOptions options)
    : board_(board),
      tun_(tun),
      sockets_(sockets),
      spd_(spd),
      callbacks_(std::move(callbacks)),
      options_(std::move(options)) {
  if (options_.max_in_flight == 0) options_.max_in_flight = 1;
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0)
    throw std::runtime_error(std::string("datapath: eventfd: ") + std::strerror(errno));
}

Datapath::~Datapath() {
  stop();
  ::close(wake_fd_);
}

DatapathClock::time_point Datapath::now() const {
  return options_.clock ? options_.clock() : DatapathClock::now();
}

void Datapath::start() {
  if (reader_.joinable()) return;
  stopping_ = false;
  results_ = std::thread([this] { result_loop(); });
  reader_ = std::thread([this] { reader_loop(); });
}

void Datapath::stop() {
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
  cv_.notify_all();
  if (reader_.joinable()) reader_.join();
  cv_.notify_all();
  if (results_.joinable()) results_.join();
}

void Datapath::set_outbound_sa(int rule, const OutboundSa& sa) {
  spd_.set_outbound_sa(rule, sa);
  const auto r = spd_.rule(rule);
  activity_.arm(rule, r ? r->idle_timeout : std::chrono::seconds{0}, now());
  std::lock_guard lock(mutex_);
  notices_.erase(rule);
}

void Datapath::clear_outbound_sa(int rule) {
  spd_.clear_outbound_sa(rule);
  activity_.disarm(rule);
}

DatapathStatistics Datapath::statistics() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

void Datapath::board_gone(const std::string& message) {
  if (board_gone_.exchange(true)) return;
  count([&](DatapathStatistics& s) { s.last_error = message; });
  const std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
  cv_.notify_all();
  if (callbacks_.fatal_error) callbacks_.fatal_error(message);
}

void Datapath::reader_loop() {
  std::vector<std::uint8_t> buffer(65536);
  std::array<pollfd, 4> fds{{{tun_.fd(), POLLIN, 0},
                             {sockets_.udp_fd(), POLLIN, 0},
                             {sockets_.raw_fd(), POLLIN, 0},
                             {wake_fd_, POLLIN, 0}}};
  while (!stopping_ && !board_gone_) {
    const int ready =
        ::poll(fds.data(), fds.size(), static_cast<int>(options_.poll_interval.count()));
    if (ready <= 0) continue;  // timeout or EINTR: look at stopping_ again
    if (fds[0].revents & (POLLIN | POLLERR)) {
      for (int i = 0; i < batch_per_descriptor && !stopping_; ++i) {
        try {
          const auto size = tun_.read(buffer);
          if (!size) break;
          on_tun_packet(std::span(buffer).first(*size));
        } catch (const TunError& e) {
          count([&](DatapathStatistics& s) { s.last_error = e.what(); });
          break;
        }
      }
    }
    if (fds[1].revents & POLLIN) {
      for (int i = 0; i < batch_per_descriptor && !stopping_; ++i)
        if (auto esp = sockets_.receive_udp()) on_wan_esp(*esp);
    }
    if (fds[2].revents & POLLIN) {
      for (int i = 0; i < batch_per_descriptor && !stopping_; ++i)
        if (auto esp = sockets_.receive_raw()) on_wan_esp(*esp);
    }
  }
}

void Datapath::on_tun_packet(std::span<const std::uint8_t> packet) {
  count([](DatapathStatistics& s) { ++s.tun_packets; });
  const auto header = Ipv4Header::parse(packet);
  if (!header) {
    count([](DatapathStatistics& s) { ++s.tun_not_ipv4; });
    return;
  }
  const SpdMatch match = spd_.lookup_outbound(*header);
  switch (match.verdict) {
    case SpdVerdict::no_rule:
      count([](DatapathStatistics& s) { ++s.no_rule; });
      return;
    case SpdVerdict::needs_negotiation: {
      count([](DatapathStatistics& s) { ++s.needs_sa; });
      bool notify = false;
      {
        const auto t = now();
        std::lock_guard lock(mutex_);
        auto it = notices_.find(match.rule);
        if (it == notices_.end() || t - it->second >= options_.negotiation_notice_interval) {
          notices_[match.rule] = t;
          notify = true;
        }
      }
      if (notify && callbacks_.needs_sa) callbacks_.needs_sa(match.rule);
      return;
    }
    case SpdVerdict::protect: {
      Pending p;
      p.direction = driver::Direction::outbound;
      p.rule = match.rule;
      p.sa = match.sa;
      p.inner_bytes = packet.size();
      submit(std::move(p), packet);
      return;
    }
  }
}

void Datapath::on_wan_esp(const ReceivedEsp& esp) {
  count([](DatapathStatistics& s) { ++s.wan_esp; });
  Pending p;
  p.direction = driver::Direction::inbound;
  p.from = esp.from;
  submit(std::move(p), esp.esp);
}

bool Datapath::submit(Pending pending, std::span<const std::uint8_t> bytes) {
  {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return in_flight_ < options_.max_in_flight || stopping_ || board_gone_; });
    if (stopping_ || board_gone_) return false;
    ++in_flight_;
  }
  auto undo = [&] {
    std::lock_guard lock(mutex_);
    --in_flight_;
    cv_.notify_all();
  };
  try {
    pending.ticket = pending.direction == driver::Direction::outbound
                         ? board_.submit_outbound(pending.sa.sa, bytes)
                         : board_.submit_inbound(driver::Encapsulation::bare_esp, bytes);
  } catch (const driver::BoardGoneError& e) {
    undo();
    board_gone(e.what());
    return false;
  } catch (const std::exception& e) {
    undo();
    count([&](DatapathStatistics& s) {
      ++s.submit_failed;
      s.last_error = std::string("submit ") + std::string(driver::to_string(pending.direction)) +
                     ": " + e.what();
    });
    return false;
  }
  std::lock_guard lock(mutex_);
  pending_.push_back(std::move(pending));
  cv_.notify_all();
  return true;
}

void Datapath::result_loop() {
  std::optional<std::chrono::steady_clock::time_point> drain_until;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return in_flight_ > 0 || stopping_ || board_gone_; });
      if (board_gone_ || (stopping_ && in_flight_ == 0)) return;
      if (stopping_) {
        if (!drain_until) drain_until = std::chrono::steady_clock::now() + drain_on_stop;
        if (std::chrono::steady_clock::now() > *drain_until) return;
      }
    }
    std::optional<driver::PacketResult> result;
    try {
      result = board_.next_result(result_wait);
    } catch (const driver::BoardGoneError& e) {
      board_gone(e.what());
      return;
    } catch (const std::exception& e) {
      count([&](DatapathStatistics& s) { s.last_error = std::string("next_result: ") + e.what(); });
      continue;
    }
    if (!result) continue;
    Pending pending;
    bool found = false;
    {
      std::unique_lock lock(mutex_);
      auto filed = [&] {
        for (const Pending& p : pending_)
          if (p.ticket == result->ticket) return true;
        return false;
      };
      cv_.wait_for(lock, pending_wait, filed);
      // Results come in submission order: anything older is gone for good.
      while (!pending_.empty() && pending_.front().ticket <= result->ticket) {
        found = pending_.front().ticket == result->ticket;
        if (found) pending = std::move(pending_.front());
        pending_.pop_front();
        --in_flight_;
        if (found) break;
      }
      cv_.notify_all();
    }
    if (found) on_result(*result, pending);
  }
}

void Datapath::on_result(const driver::PacketResult& result, const Pending& pending) {
  if (pending.direction == driver::Direction::outbound)
    on_outbound_result(result, pending);
  else
    on_inbound_result(result);
}

void Datapath::on_outbound_result(const driver::PacketResult& result, const Pending& pending) {
  if (result.status != driver::PacketStatus::ok) {
    count([&](DatapathStatistics& s) {
      ++s.outbound_status[result.status];
      s.last_error = "outbound rule " + std::to_string(pending.rule) + ": " +
                     std::string(driver::to_string(result.status)) +
                     (result.message.empty() ? "" : " (" + result.message + ")");
    });
    return;
  }
  if (!sockets_.send_esp(pending.sa.transport, pending.sa.peer, pending.sa.peer_port,
                         result.bytes)) {
    count([](DatapathStatistics& s) { ++s.wan_send_failed; });
    return;
  }
  activity_.record_outbound(pending.rule, pending.inner_bytes, now());
  count([](DatapathStatistics& s) { ++s.outbound_ok; });
}

void Datapath::on_inbound_result(const driver::PacketResult& result) {
  if (result.status != driver::PacketStatus::ok) {
    count([&](DatapathStatistics& s) { ++s.inbound_status[result.status]; });
    if (const auto message = inbound_log_message(result.status); message && callbacks_.packet_log)
      callbacks_.packet_log(PacketLogEvent{*message, 0, {}});
    return;
  }
  const auto rule = spd_.rule_for_inbound_spi(result.spi);
  if (!rule) {
    count([](DatapathStatistics& s) { ++s.inbound_unknown_rule; });
    return;
  }
  const auto inner = Ipv4Header::parse(result.bytes);
  if (!inner || !spd_.inbound_allowed(*rule, *inner)) {
    count([](DatapathStatistics& s) { ++s.inbound_policy_mismatch; });
    return;
  }
  std::string why;
  if (!tun_.write(result.bytes, &why)) {
    count([&](DatapathStatistics& s) {
      ++s.tun_write_failed;
      s.last_error = "writing to " + tun_.name() + ": " + why;
    });
    return;
  }
  activity_.record_inbound(*rule, result.bytes.size(), now());
  count([](DatapathStatistics& s) { ++s.inbound_ok; });
}

}  // namespace ipsec_fpga::host
