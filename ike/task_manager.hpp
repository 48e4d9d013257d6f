#pragma once
// Owns message IDs and retransmission for one ISAKMP SA (the role of
// strongSwan's task_manager_v1): each exchange (message ID) has at most one
// message waiting for an answer, resent with exponential back-off and
// abandoned after a bounded number of tries; and the last reply to each
// received message is kept, so a retransmitted request gets the same reply.

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "ike/engine_output.hpp"
#include "ike/engine_settings.hpp"
#include "ike/random_source.hpp"

namespace ipsec_fpga::ike {

class TaskManager {
 public:
  explicit TaskManager(const EngineSettings& settings) : settings_(&settings) {}

  // A fresh non-zero message ID not used on this SA before.
  std::uint32_t new_message_id(RandomSource& random);

  // `datagram` expects an answer within the exchange `message_id`.
  void sent_request(std::uint32_t message_id, const Datagram& datagram, std::uint64_t now);
  // The answer came: stop resending.
  void answered(std::uint32_t message_id);
  bool waiting(std::uint32_t message_id) const { return pending_.count(message_id) != 0; }

  // Received messages and our replies to them, for duplicate detection.
  void received(std::uint32_t message_id, ByteView raw);
  void replied(std::uint32_t message_id, const Datagram& reply);
  // True if `raw` repeats the last message received in the exchange; then
  // `reply` is what we answered (if anything).
  bool is_duplicate(std::uint32_t message_id, ByteView raw, std::optional<Datagram>& reply) const;

  struct TickResult {
    std::vector<Datagram> resend;
    std::vector<std::uint32_t> exhausted;  // exchanges that ran out of tries
  };
  TickResult tick(std::uint64_t now);
  void forget(std::uint32_t message_id);

 private:
  struct Pending {
    Datagram datagram;
    std::uint64_t deadline = 0;
    int retransmits = 0;
  };
  struct LastReceived {
    Bytes raw;
    std::optional<Datagram> reply;
  };
  std::uint64_t timeout(int retransmits) const;

  const EngineSettings* settings_;
  std::map<std::uint32_t, Pending> pending_;
  std::map<std::uint32_t, LastReceived> last_received_;
  std::deque<std::uint32_t> received_order_;  // oldest first, for eviction
  std::set<std::uint32_t> used_ids_;
  std::deque<std::uint32_t> used_order_;
};

}  // namespace ipsec_fpga::ike
