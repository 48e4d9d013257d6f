#include "ike/task_manager.hpp"

#include <algorithm>
#include <cmath>

namespace ipsec_fpga::ike {

std::uint32_t TaskManager::new_message_id(RandomSource& random) {
  for (;;) {
    std::uint8_t b[4];
    random.fill(b);
    std::uint32_t id = static_cast<std::uint32_t>(b[0]) << 24 |
                       static_cast<std::uint32_t>(b[1]) << 16 |
                       static_cast<std::uint32_t>(b[2]) << 8 | b[3];
    if (id == 0 || !used_ids_.insert(id).second) continue;
    used_order_.push_back(id);
    // Only recent IDs can still collide with an exchange in flight.
    if (used_order_.size() > 64 * settings_->remembered_exchanges) {
      used_ids_.erase(used_order_.front());
      used_order_.pop_front();
    }
    return id;
  }
}

std::uint64_t TaskManager::timeout(int retransmits) const {
  return static_cast<std::uint64_t>(static_cast<double>(settings_->retransmit_timeout_ms) *
                                    std::pow(settings_->retransmit_base, retransmits));
}

void TaskManager::sent_request(std::uint32_t message_id, const Datagram& datagram,
                               std::uint64_t now) {
  pending_[message_id] = Pending{datagram, now + timeout(0), 0};
}

void TaskManager::answered(std::uint32_t message_id) { pending_.erase(message_id); }

void TaskManager::received(std::uint32_t message_id, ByteView raw) {
  if (last_received_.count(message_id) == 0) received_order_.push_back(message_id);
  last_received_[message_id] = LastReceived{Bytes(raw.begin(), raw.end()), std::nullopt};
  // Forget the replies of the oldest exchanges; a peer retransmits only recent ones.
  while (received_order_.size() > settings_->remembered_exchanges) {
    last_received_.erase(received_order_.front());
    received_order_.pop_front();
  }
}

void TaskManager::replied(std::uint32_t message_id, const Datagram& reply) {
  auto it = last_received_.find(message_id);
  if (it != last_received_.end()) it->second.reply = reply;
}

bool TaskManager::is_duplicate(std::uint32_t message_id, ByteView raw,
                               std::optional<Datagram>& reply) const {
  auto it = last_received_.find(message_id);
  if (it == last_received_.end() || it->second.raw.size() != raw.size() ||
      !std::equal(raw.begin(), raw.end(), it->second.raw.begin())) {
    return false;
  }
  reply = it->second.reply;
  return true;
}

TaskManager::TickResult TaskManager::tick(std::uint64_t now) {
  TickResult result;
  for (auto it = pending_.begin(); it != pending_.end();) {
    Pending& p = it->second;
    if (now < p.deadline) {
      ++it;
    } else if (p.retransmits >= settings_->retransmit_tries) {
      result.exhausted.push_back(it->first);
      it = pending_.erase(it);
    } else {
      ++p.retransmits;
      p.deadline = now + timeout(p.retransmits);
      result.resend.push_back(p.datagram);
      ++it;
    }
  }
  return result;
}

void TaskManager::forget(std::uint32_t message_id) {
  pending_.erase(message_id);
  last_received_.erase(message_id);
}

}  // namespace ipsec_fpga::ike
