// The Board's packets: credit-gated submission, results in submission order,
// lost packets (never resent: an outbound packet sent again would take a new
// sequence number).
#include <algorithm>
#include <sstream>

#include "board/board.hpp"
#include "board/payload.hpp"

namespace ipsec_fpga::driver {

namespace layout = host_link::layout;
using host_link::Frame;

Ticket Board::submit(Direction direction, std::uint16_t selector,
                     std::span<const std::uint8_t> packet) {
  const std::size_t size = packet.size();
  if (size > capabilities_.max_packet_bytes)
    throw UnsupportedError("packet of " + std::to_string(size) + " bytes is longer than " +
                           transport_->description() + "'s max_packet_bytes " +
                           std::to_string(capabilities_.max_packet_bytes));
  std::vector<std::uint8_t> request;
  request.reserve(3 + size);
  payload::put(request, static_cast<std::uint8_t>(direction), 1);
  payload::put(request, selector, 2);
  request.insert(request.end(), packet.begin(), packet.end());

  Lock lk(mutex_);
  const auto has_credit = [&] { return credits_.can_send(size); };
  for (unsigned attempt = 0; !has_credit(); ++attempt) {
    if (wait_until(lk, has_credit, now() + options_.credit_timeout)) break;
    if (attempt >= options_.retries) {
      ++stats_.timeouts;
      std::ostringstream m;
      m << "timeout: no credit for a packet_submit of " << size << " bytes within "
        << options_.credit_timeout.count() << " ms on " << transport_->description() << " after "
        << attempt << " credit requests: the board's last report leaves "
        << credits_.packets_available() << " slots / " << credits_.bytes_available() << " bytes, "
        << credits_.unreported() << " packets sent since it" << link_note();
      throw TimeoutError(m.str());
    }
    send_credit_request(lk);  // the report may have been lost
  }
  const Ticket ticket = next_ticket_++;
  send_request(lk, FrameType::packet_submit, request, [&](std::uint8_t tag) {
    credits_.on_submit(tag, size);
    outstanding_.push_back({ticket, tag, direction, size, now() + options_.packet_timeout});
  });
  return ticket;
}

Ticket Board::submit_outbound(const SaHandle& sa, std::span<const std::uint8_t> inner) {
  if (sa.direction != Direction::outbound)
    throw std::invalid_argument("submit_outbound: SA entry " + std::to_string(sa.entry) +
                                " is inbound");
  return submit(Direction::outbound, static_cast<std::uint16_t>(sa.entry), inner);
}

Ticket Board::submit_inbound(Encapsulation received_as, std::span<const std::uint8_t> esp_packet) {
  return submit(Direction::inbound, static_cast<std::uint16_t>(received_as), esp_packet);
}

void Board::mark_lost(const OutstandingPacket& packet, const std::string& why) {
  PacketResult r;
  r.ticket = packet.ticket;
  r.tag = packet.tag;
  r.direction = packet.direction;
  r.status = PacketStatus::lost;
  r.message = "packet_submit tag " + std::to_string(packet.tag) + " (ticket " +
              std::to_string(packet.ticket) + ", " + std::string(to_string(packet.direction)) +
              ", " + std::to_string(packet.bytes) + " bytes) lost: " + why +
              "; not resent (an outbound packet sent again would take a new sequence number)" +
              link_note();
  ++stats_.packets_lost;
  results_.push_back(std::move(r));
}

void Board::expire_packets(Lock& lk) {
  bool expired = false;
  const Nanos t = now();
  // Deadlines grow in submission order, like the board's answers.
  while (!outstanding_.empty() && outstanding_.front().deadline <= t) {
    ++stats_.timeouts;
    mark_lost(outstanding_.front(), "no packet_result within " +
                                        std::to_string(options_.packet_timeout.count()) +
                                        " ms on " + transport_->description());
    outstanding_.pop_front();
    expired = true;
  }
  if (expired) {
    send_credit_request(lk);  // its credit report may have been lost with it
    cv_.notify_all();
  }
}

void Board::on_packet_result(const Frame& frame) {
  namespace f = layout::fields::packet_result;
  credits_.on_report(static_cast<std::uint8_t>(payload::get(frame.payload, f::credit_tag)),
                     static_cast<std::uint32_t>(payload::get(frame.payload, f::credit_packets)),
                     static_cast<std::uint32_t>(payload::get(frame.payload, f::credit_bytes)));
  const auto it = std::find_if(outstanding_.begin(), outstanding_.end(),
                               [&](const OutstandingPacket& p) { return p.tag == frame.tag; });
  if (it == outstanding_.end()) {
    ++stats_.unexpected_frames;  // a packet already reported lost
    return;
  }
  // The board answers in order: anything sent before this one is gone.
  for (auto p = outstanding_.begin(); p != it; ++p)
    mark_lost(*p, "the board answered tag " + std::to_string(frame.tag) +
                      ", sent later, first (the packet or its result was lost on the link)");
  PacketResult r;
  r.ticket = it->ticket;
  r.tag = frame.tag;
  r.direction = static_cast<Direction>(payload::get(frame.payload, f::direction) & 1u);
  r.status = static_cast<PacketStatus>(payload::get(frame.payload, f::code));
  r.sa = static_cast<unsigned>(payload::get(frame.payload, f::sa));
  r.spi = static_cast<std::uint32_t>(payload::get(frame.payload, f::spi));
  r.sequence = payload::get(frame.payload, f::sequence);
  r.events = static_cast<std::uint8_t>(payload::get(frame.payload, f::events));
  r.bytes.assign(frame.payload.begin() + f::bytes.offset, frame.payload.end());
  results_.push_back(std::move(r));
  outstanding_.erase(outstanding_.begin(), it + 1);
}

std::optional<PacketResult> Board::next_result(std::chrono::milliseconds timeout) {
  Lock lk(mutex_);
  wait_until(
      lk, [&] { return !results_.empty(); }, now() + timeout);
  if (results_.empty()) return std::nullopt;
  PacketResult r = std::move(results_.front());
  results_.pop_front();
  return r;
}

PacketResult Board::wait_for_ticket(Ticket ticket) {
  Lock lk(mutex_);
  const auto find = [&] {
    return std::find_if(results_.begin(), results_.end(),
                        [&](const PacketResult& r) { return r.ticket == ticket; });
  };
  // The packet's own deadline turns it into a `lost` result first.
  const Nanos until = now() + options_.packet_timeout + options_.request_timeout;
  if (!wait_until(
          lk, [&] { return find() != results_.end(); }, until))
    throw TimeoutError("timeout: no result for ticket " + std::to_string(ticket) + " on " +
                       transport_->description() + link_note());
  const auto it = find();
  PacketResult r = std::move(*it);
  results_.erase(it);
  if (r.status == PacketStatus::lost) throw TimeoutError("timeout: " + r.message);
  return r;
}

PacketResult Board::process_outbound(const SaHandle& sa, std::span<const std::uint8_t> inner) {
  return wait_for_ticket(submit_outbound(sa, inner));
}

PacketResult Board::process_inbound(Encapsulation received_as,
                                    std::span<const std::uint8_t> esp_packet) {
  return wait_for_ticket(submit_inbound(received_as, esp_packet));
}

std::size_t Board::packets_outstanding() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return outstanding_.size();
}

}  // namespace ipsec_fpga::driver
