// The part of a transport URI after "usb:". Forms (parts separated by ','):
//
//   usb:                                    the default board (below)
//   usb:0403:6010                           VID:PID in hex
//   usb:0403:6010:B                         ... and the channel
//   usb:serial=FT4ABCDE                     by serial number
//   usb:0403:6014,serial=XYZ,baud=3000000,channel=A
//
// Options: serial=, baud= (decimal), channel= (A-D), mode= (uart | fifo),
// flow= (none | rtscts), latency= (1-255 ms). Without VID:PID any FT2232H
// (0403:6010) or FT232H (0403:6014) matches; the channel defaults to B on
// two-channel chips (the iCEBreaker's UART) and A otherwise; the baud rate
// to 3,000,000.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "usb/ftdi_open_sequence.hpp"

namespace ipsec_fpga::driver::usb {

inline constexpr std::uint32_t default_baud = 3'000'000;
inline constexpr std::uint8_t default_latency_ms = 1;

struct UsbUri {
  std::optional<std::uint16_t> vid;  // set together with pid
  std::optional<std::uint16_t> pid;
  std::optional<int> channel;  // 0 = A
  std::optional<std::string> serial;
  std::optional<std::uint32_t> baud;
  FtdiMode mode = FtdiMode::uart;
  std::optional<FtdiFlow> flow;
  std::uint8_t latency_ms = default_latency_ms;
};

// Throws std::invalid_argument naming the part that is wrong.
UsbUri parse_usb_uri(std::string_view rest);

}  // namespace ipsec_fpga::driver::usb
