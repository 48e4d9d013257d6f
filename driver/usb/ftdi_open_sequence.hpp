// The control requests that put an FTDI channel into the state the host
// link needs, as a list (so a test can compare it request by request):
//
//   reset; purge both buffers; latency timer; bit mode;
//   UART: baud rate, 8N1, flow control, DTR and RTS high
//   245 synchronous FIFO: bit mode 0x40 after 0x00, RTS/CTS flow control
//     (FTDI AN_130 sets it; the FIFO handshake lines are the flow control)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "usb/ftdi_baud.hpp"
#include "usb/usb_device.hpp"

namespace ipsec_fpga::driver::usb {

enum class FtdiMode { uart, sync_fifo };
enum class FtdiFlow { none, rts_cts };

struct FtdiChannelSettings {
  int channel = 1;  // 0 = A, 1 = B, ...
  FtdiMode mode = FtdiMode::uart;
  ftdi::BaudDivisor baud;  // UART mode only
  FtdiFlow flow = FtdiFlow::none;
  std::uint8_t latency_ms = 1;  // how long the chip holds a part-filled packet (1..255)
};

std::vector<ControlRequest> ftdi_open_requests(const FtdiChannelSettings& settings);

std::string to_string(FtdiMode mode);
std::string to_string(FtdiFlow flow);

}  // namespace ipsec_fpga::driver::usb
