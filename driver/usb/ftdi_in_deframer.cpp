#include "usb/ftdi_in_deframer.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "usb/ftdi_protocol.hpp"

namespace ipsec_fpga::driver::usb {

FtdiInDeframer::FtdiInDeframer(std::size_t max_packet_size) : packet_size_(max_packet_size) {
  if (packet_size_ <= ftdi::status_bytes)
    throw std::invalid_argument("FTDI de-framer: max packet size " + std::to_string(packet_size_) +
                                " leaves no room for data");
}

void FtdiInDeframer::feed(std::span<const std::uint8_t> chunk, std::vector<std::uint8_t>& out) {
  std::size_t i = 0;
  while (i < chunk.size()) {
    if (position_ < ftdi::status_bytes) {
      if (position_ == 0) ++counters_.packets;
      status_[position_++] = chunk[i++];
      if (position_ == ftdi::status_bytes && (status_[1] & ftdi::line_errors) != 0) {
        ++counters_.line_error_packets;
        out.push_back(0x00);  // ends the frame the lost bytes belonged to
      }
      continue;
    }
    const std::size_t take = std::min(chunk.size() - i, packet_size_ - position_);
    out.insert(out.end(), chunk.begin() + static_cast<std::ptrdiff_t>(i),
               chunk.begin() + static_cast<std::ptrdiff_t>(i + take));
    i += take;
    position_ += take;
    packet_data_ += take;
    counters_.data_bytes += take;
    if (position_ == packet_size_) end_packet();
  }
}

void FtdiInDeframer::end_transfer() {
  if (position_ != 0) end_packet();
}

std::vector<std::uint8_t> FtdiInDeframer::feed_transfer(std::span<const std::uint8_t> transfer) {
  std::vector<std::uint8_t> out;
  out.reserve(transfer.size());
  feed(transfer, out);
  end_transfer();
  return out;
}

void FtdiInDeframer::end_packet() {
  if (packet_data_ == 0) ++counters_.status_only_packets;
  position_ = 0;
  packet_data_ = 0;
}

}  // namespace ipsec_fpga::driver::usb
