#include "board/credit_account.hpp"

#include <algorithm>

namespace ipsec_fpga::driver {

namespace {
// Tags 1..255 are reused, so at most 254 unreported submits keep each tag
// unique among them.
constexpr std::size_t max_unreported = 254;
// Unanswered credit_requests remembered; older ones are answered or lost.
constexpr std::size_t max_requests = 16;
}  // namespace

std::uint32_t CreditAccount::packets_available() const {
  return reported_packets_ > unreported_.size()
             ? reported_packets_ - static_cast<std::uint32_t>(unreported_.size())
             : 0;
}

std::uint64_t CreditAccount::bytes_available() const {
  return reported_bytes_ > unreported_bytes_ ? reported_bytes_ - unreported_bytes_ : 0;
}

bool CreditAccount::can_send(std::size_t bytes) const {
  return unreported_.size() < max_unreported && packets_available() >= 1 &&
         bytes_available() >= packet_cost(bytes);
}

void CreditAccount::on_submit(std::uint8_t tag, std::size_t bytes) {
  unreported_.push_back({tag, packet_cost(bytes), next_serial_++});
  unreported_bytes_ += packet_cost(bytes);
}

void CreditAccount::on_report(std::uint8_t credit_tag, std::uint32_t packets, std::uint32_t bytes) {
  reported_packets_ = packets;
  reported_bytes_ = bytes;
  has_report_ = true;
  if (credit_tag == 0) return;  // none received since reset: every unreported one counts
  const auto it = std::find_if(unreported_.begin(), unreported_.end(),
                               [&](const Sent& s) { return s.tag == credit_tag; });
  if (it == unreported_.end()) return;
  for (auto p = unreported_.begin(); p != it + 1; ++p) unreported_bytes_ -= p->cost;
  unreported_.erase(unreported_.begin(), it + 1);
}

void CreditAccount::on_credit_request(std::uint8_t tag) {
  requests_.push_back({tag, next_serial_});
  if (requests_.size() > max_requests) requests_.pop_front();
}

void CreditAccount::on_request_answer(std::uint8_t request_tag, std::uint8_t credit_tag,
                                      std::uint32_t packets, std::uint32_t bytes) {
  on_report(credit_tag, packets, bytes);
  // Answers come in sending order: earlier requests were answered or lost.
  const auto it = std::find_if(requests_.begin(), requests_.end(),
                               [&](const Request& r) { return r.tag == request_tag; });
  if (it == requests_.end()) return;
  const std::uint64_t submits_before = it->submits_before;
  requests_.erase(requests_.begin(), it + 1);
  forget_before(submits_before);
}

void CreditAccount::forget_before(std::uint64_t serial) {
  while (!unreported_.empty() && unreported_.front().serial < serial) {
    unreported_bytes_ -= unreported_.front().cost;
    unreported_.pop_front();
  }
}

bool CreditAccount::holds(std::uint8_t tag) const {
  return std::any_of(unreported_.begin(), unreported_.end(),
                     [&](const Sent& s) { return s.tag == tag; });
}

void CreditAccount::reset() {
  unreported_.clear();
  requests_.clear();
  unreported_bytes_ = 0;
  reported_packets_ = 0;
  reported_bytes_ = 0;
  has_report_ = false;
}

}  // namespace ipsec_fpga::driver
