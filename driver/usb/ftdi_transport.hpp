// The host link over one channel of an FTDI chip: configures the channel
// (ftdi_open_sequence), sends the opening 0x00, then moves bytes. OUT writes
// go in chunks; IN transfers lose their per-packet status bytes in
// FtdiInDeframer.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "transport/transport.hpp"
#include "usb/ftdi_in_deframer.hpp"
#include "usb/ftdi_open_sequence.hpp"
#include "usb/usb_device.hpp"

namespace ipsec_fpga::driver::usb {

struct FtdiTransportConfig {
  UsbDeviceInfo device;   // for the description
  std::string chip_name;  // "FT2232H", ...
  FtdiChannelSettings settings;
  // A write that makes no progress for this long fails (the board stopped
  // reading, or RTS/CTS holds the chip).
  std::chrono::milliseconds write_stall_timeout{5000};
};

class FtdiTransport : public Transport {
 public:
  // Runs the open sequence on `device` (its channel already claimed) and
  // sends the opening 0x00. Throws UsbError naming the failing request.
  FtdiTransport(std::unique_ptr<UsbDevice> device, FtdiTransportConfig config);

  void send(std::span<const std::uint8_t> bytes) override;
  std::vector<std::uint8_t> receive(std::chrono::milliseconds timeout) override;
  std::string description() const override { return description_; }

  const FtdiInCounters& in_counters() const { return deframer_.counters(); }
  std::size_t transfer_bytes() const { return transfer_bytes_; }

 private:
  [[noreturn]] void rethrow_with_context(const UsbError& error, const std::string& doing) const;

  std::unique_ptr<UsbDevice> device_;
  FtdiTransportConfig config_;
  std::string description_;
  std::uint8_t in_endpoint_;
  std::uint8_t out_endpoint_;
  std::size_t transfer_bytes_;  // per bulk read and write: a whole number of packets
  FtdiInDeframer deframer_;
};

// "usb: FT2232H 0403:6010 serial FT1234 channel B (bus 1 address 5), uart
// 3000000 baud, flow none, latency 1 ms"
std::string describe_ftdi_link(const FtdiTransportConfig& config);

}  // namespace ipsec_fpga::driver::usb
