#include "usb/ftdi_transport.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "usb/ftdi_protocol.hpp"

namespace ipsec_fpga::driver::usb {
namespace {

// 32 packets per transfer: 16 KiB at high speed, enough to keep a 245 FIFO
// busy between calls, short enough to bound a read at UART rates.
constexpr std::size_t packets_per_transfer = 32;
constexpr std::chrono::milliseconds max_write_call{1000};

std::string hex(unsigned value, int digits) {
  char text[16];
  std::snprintf(text, sizeof text, "%0*x", digits, value);
  return text;
}

std::string request_name(std::uint8_t request) {
  switch (request) {
    case ftdi::request_reset:
      return "reset";
    case ftdi::request_set_modem_ctrl:
      return "set modem control";
    case ftdi::request_set_flow_ctrl:
      return "set flow control";
    case ftdi::request_set_baud_rate:
      return "set baud rate";
    case ftdi::request_set_data:
      return "set data format";
    case ftdi::request_set_latency_timer:
      return "set latency timer";
    case ftdi::request_set_bit_mode:
      return "set bit mode";
    default:
      return "request";
  }
}

}  // namespace

std::string describe_ftdi_link(const FtdiTransportConfig& config) {
  const UsbDeviceInfo& d = config.device;
  const FtdiChannelSettings& s = config.settings;
  std::string text = "usb: " + config.chip_name + " " + hex(d.vid, 4) + ":" + hex(d.pid, 4);
  if (d.serial && !d.serial->empty()) text += " serial " + *d.serial;
  text += " channel ";
  text += ftdi::channel_letter(s.channel);
  text += " (bus " + std::to_string(d.bus) + " address " + std::to_string(d.address) + "), ";
  if (s.mode == FtdiMode::uart) {
    text += "uart " + std::to_string(s.baud.requested) + " baud";
    if (std::lround(s.baud.achieved) != static_cast<long>(s.baud.requested)) {
      char achieved[48];
      std::snprintf(achieved, sizeof achieved, " (achieved %.0f, %+.2f%%)", s.baud.achieved,
                    100.0 * s.baud.error);
      text += achieved;
    }
    text += ", flow " + to_string(s.flow);
  } else {
    text += "245 synchronous fifo";
  }
  text += ", latency " + std::to_string(s.latency_ms) + " ms";
  return text;
}

FtdiTransport::FtdiTransport(std::unique_ptr<UsbDevice> device, FtdiTransportConfig config)
    : device_(std::move(device)),
      config_(std::move(config)),
      description_(describe_ftdi_link(config_)),
      in_endpoint_(ftdi::channel_in_endpoint(config_.settings.channel)),
      out_endpoint_(ftdi::channel_out_endpoint(config_.settings.channel)),
      transfer_bytes_(packets_per_transfer * device_->max_packet_size(in_endpoint_)),
      deframer_(device_->max_packet_size(in_endpoint_)) {
  for (const ControlRequest& r : ftdi_open_requests(config_.settings)) {
    try {
      device_->control_out(r.request, r.value, r.index);
    } catch (const UsbError& error) {
      rethrow_with_context(error, "setting up the channel failed at " + request_name(r.request) +
                                      " (request 0x" + hex(r.request, 2) + " value 0x" +
                                      hex(r.value, 4) + " index 0x" + hex(r.index, 4) + ")");
    }
  }
  // Ends whatever partial frame the board holds (docs/host-link.md).
  const std::uint8_t delimiter[] = {0x00};
  send(delimiter);
}

void FtdiTransport::send(std::span<const std::uint8_t> bytes) {
  using clock = std::chrono::steady_clock;
  const auto call_timeout = std::min(max_write_call, config_.write_stall_timeout);
  std::size_t sent = 0;
  auto last_progress = clock::now();
  while (sent < bytes.size()) {
    const auto chunk = bytes.subspan(sent, std::min(transfer_bytes_, bytes.size() - sent));
    std::size_t taken = 0;
    try {
      taken = device_->bulk_out(out_endpoint_, chunk, call_timeout);
    } catch (const UsbError& error) {
      rethrow_with_context(error, "write failed after " + std::to_string(sent) + " of " +
                                      std::to_string(bytes.size()) + " bytes");
    }
    sent += taken;
    const auto now = clock::now();
    if (taken > 0) {
      last_progress = now;
    } else if (now - last_progress >= config_.write_stall_timeout) {
      throw TransportError(description_ + ": write stalled: sent " + std::to_string(sent) + " of " +
                           std::to_string(bytes.size()) + " bytes, the chip took none for " +
                           std::to_string(config_.write_stall_timeout.count()) +
                           " ms (board not reading, or RTS/CTS holding it)");
    }
  }
}

std::vector<std::uint8_t> FtdiTransport::receive(std::chrono::milliseconds timeout) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    std::vector<std::uint8_t> transfer;
    try {
      transfer = device_->bulk_in(in_endpoint_, transfer_bytes_,
                                  std::max(left, std::chrono::milliseconds{0}));
    } catch (const UsbError& error) {
      rethrow_with_context(error, "read failed");
    }
    std::vector<std::uint8_t> data = deframer_.feed_transfer(transfer);
    // Status-only packets arrive every latency period: keep waiting.
    if (!data.empty() || clock::now() >= deadline) return data;
  }
}

void FtdiTransport::rethrow_with_context(const UsbError& error, const std::string& doing) const {
  throw UsbError(error.kind(), description_ + ": " + doing + ": " + error.what());
}

}  // namespace ipsec_fpga::driver::usb
