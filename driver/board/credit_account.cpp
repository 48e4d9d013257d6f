#include "board/credit_account.hpp"

#include <algorithm>

namespace ipsec_fpga::driver {

namespace {
// Tags 1..255 are reused, so at most 254 unreported submits keep each tag
// unique among them.
constexpr std::size_t max_unreported = 254;
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
  unreported_.push_back({tag, packet_cost(bytes)});
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

bool CreditAccount::holds(std::uint8_t tag) const {
  return std::any_of(unreported_.begin(), unreported_.end(),
                     [&](const Sent& s) { return s.tag == tag; });
}

void CreditAccount::reset() {
  unreported_.clear();
  unreported_bytes_ = 0;
  reported_packets_ = 0;
  reported_bytes_ = 0;
  has_report_ = false;
}

}  // namespace ipsec_fpga::driver
