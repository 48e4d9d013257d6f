// Packet credits as docs/host-link.md "Flow control: credits" defines them:
// the board reports ABSOLUTE free slots and bytes, counting every
// packet_submit up to and including `credit_tag`; the host subtracts what it
// sent after that tag. A lost report is repaired by the next one; a lost
// packet_submit stops counting once a later one is reported, or once the
// board answers a credit_request sent after it (the board handles frames in
// order, so a submit sent before the request and not covered by the
// answer's credit_tag never arrived).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

namespace ipsec_fpga::driver {

class CreditAccount {
 public:
  // The board stores packets word-aligned: n bytes take round_up(n, 4).
  static std::uint64_t packet_cost(std::size_t bytes) { return (bytes + 3) / 4 * 4; }

  // Whether a packet of `bytes` may be sent now.
  bool can_send(std::size_t bytes) const;
  // Records a packet_submit just sent (call in sending order).
  void on_submit(std::uint8_t tag, std::size_t bytes);
  // Applies a report (from a packet_result or a credit frame). Reports arrive
  // in the board's order, so a tag not among the unreported submits is one
  // already reported: all of them still count.
  void on_report(std::uint8_t credit_tag, std::uint32_t packets, std::uint32_t bytes);
  // Records a credit_request just sent with `tag` (call in sending order,
  // like on_submit).
  void on_credit_request(std::uint8_t tag);
  // Applies the credit frame answering the request sent with `request_tag`:
  // as on_report, and every submit sent before that request stops counting.
  void on_request_answer(std::uint8_t request_tag, std::uint8_t credit_tag, std::uint32_t packets,
                         std::uint32_t bytes);
  // The board was reset: nothing sent before counts any more, and no credit
  // is held until its next report.
  void reset();

  bool has_report() const { return has_report_; }
  std::uint32_t packets_available() const;
  std::uint64_t bytes_available() const;
  // packet_submits sent after the last reported credit_tag.
  std::size_t unreported() const { return unreported_.size(); }
  // Whether `tag` is among them (the driver does not reuse such a tag).
  bool holds(std::uint8_t tag) const;

 private:
  struct Sent {
    std::uint8_t tag;
    std::uint64_t cost;
    std::uint64_t serial;  // sending order
  };
  struct Request {
    std::uint8_t tag;
    std::uint64_t submits_before;  // serial of the next submit when it was sent
  };
  void forget_before(std::uint64_t serial);

  std::deque<Sent> unreported_;
  std::deque<Request> requests_;  // credit_requests not answered yet (bounded)
  std::uint64_t next_serial_ = 0;
  std::uint64_t unreported_bytes_ = 0;
  std::uint32_t reported_packets_ = 0;
  std::uint64_t reported_bytes_ = 0;
  bool has_report_ = false;
};

}  // namespace ipsec_fpga::driver
