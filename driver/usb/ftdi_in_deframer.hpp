// Strips FTDI's 2 status bytes from the bulk IN stream. The chip starts
// every USB packet (max packet size: 512 bytes at high speed, 64 at full
// speed) with modem and line status; a packet of only those 2 bytes carries
// no data (the chip sends one whenever its latency timer expires). One read
// may hold several packets, and the last one may be short, which ends it.
//
// Line status errors (overrun, framing, parity, break) mean received bytes
// were lost or damaged: the de-framer then puts one 0x00 before that
// packet's data, so the host link decoder ends the damaged frame at once
// (docs/host-link.md, "Writing a new transport") and counts it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ipsec_fpga::driver::usb {

struct FtdiInCounters {
  std::size_t packets = 0;              // packets started
  std::size_t status_only_packets = 0;  // packets that ended with no data
  std::size_t data_bytes = 0;           // bytes delivered, markers excluded
  std::size_t line_error_packets = 0;   // packets whose status reported an error
};

class FtdiInDeframer {
 public:
  explicit FtdiInDeframer(std::size_t max_packet_size);

  // Appends the data bytes in `chunk` to `out`, in order. `chunk` may end
  // anywhere, even inside the status bytes: the next call continues there.
  void feed(std::span<const std::uint8_t> chunk, std::vector<std::uint8_t>& out);

  // The USB transfer ended: a packet shorter than max_packet_size is over,
  // the next byte starts a new one (no effect on a packet boundary).
  void end_transfer();

  // feed() then end_transfer(): one bulk IN transfer as libusb returns it.
  std::vector<std::uint8_t> feed_transfer(std::span<const std::uint8_t> transfer);

  std::uint8_t modem_status() const { return status_[0]; }
  std::uint8_t line_status() const { return status_[1]; }
  const FtdiInCounters& counters() const { return counters_; }

 private:
  void end_packet();

  std::size_t packet_size_;
  std::size_t position_ = 0;  // bytes of the current packet seen, 0 = between packets
  std::uint8_t status_[2] = {0, 0};
  std::size_t packet_data_ = 0;  // data bytes of the current packet so far
  FtdiInCounters counters_;
};

}  // namespace ipsec_fpga::driver::usb
