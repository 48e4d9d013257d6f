// The FTDI vendor requests and values this transport uses (FT2232H,
// FT4232H, FT232H and the older FT2232C/D), as documented in FTDI's
// application notes and the Linux ftdi_sio / libftdi headers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ipsec_fpga::driver::usb::ftdi {

inline constexpr std::uint16_t vendor_id = 0x0403;

// bRequest values.
inline constexpr std::uint8_t request_reset = 0x00;
inline constexpr std::uint8_t request_set_modem_ctrl = 0x01;
inline constexpr std::uint8_t request_set_flow_ctrl = 0x02;
inline constexpr std::uint8_t request_set_baud_rate = 0x03;
inline constexpr std::uint8_t request_set_data = 0x04;
inline constexpr std::uint8_t request_set_latency_timer = 0x09;
inline constexpr std::uint8_t request_set_bit_mode = 0x0B;

// wValue of request_reset.
inline constexpr std::uint16_t reset_sio = 0;
inline constexpr std::uint16_t reset_purge_rx = 1;  // the chip's buffer of host-to-chip data
inline constexpr std::uint16_t reset_purge_tx = 2;  // the chip's buffer of chip-to-host data

// request_set_modem_ctrl: high byte = lines to change, low byte = new levels.
inline constexpr std::uint16_t modem_dtr = 0x01;
inline constexpr std::uint16_t modem_rts = 0x02;
inline constexpr std::uint16_t modem_set_dtr_rts_high =
    static_cast<std::uint16_t>(((modem_dtr | modem_rts) << 8) | modem_dtr | modem_rts);

// request_set_flow_ctrl: the protocol goes in the HIGH byte of wIndex (the
// port in the low byte), wValue is 0 (it carries XON/XOFF characters).
inline constexpr std::uint16_t flow_none = 0x0000;
inline constexpr std::uint16_t flow_rts_cts = 0x0100;

// request_set_data: bits 0-7 data bits, 8-10 parity (0 none), 11-12 stop bits
// (0 = one), 14 break.
inline constexpr std::uint16_t data_8n1 = 0x0008;

// request_set_bit_mode: wValue = mode << 8 | pin mask.
inline constexpr std::uint8_t bit_mode_reset = 0x00;      // back to what the EEPROM says (UART)
inline constexpr std::uint8_t bit_mode_sync_fifo = 0x40;  // FT245-style synchronous FIFO

// The 2 status bytes at the start of every bulk IN packet. Byte 0: modem
// status (CTS 0x10, DSR 0x20, RI 0x40, DCD 0x80). Byte 1: line status.
inline constexpr std::size_t status_bytes = 2;
inline constexpr std::uint8_t line_data_ready = 0x01;
inline constexpr std::uint8_t line_overrun = 0x02;
inline constexpr std::uint8_t line_parity_error = 0x04;
inline constexpr std::uint8_t line_framing_error = 0x08;
inline constexpr std::uint8_t line_break = 0x10;
// Bits that mean received bytes were lost or damaged.
inline constexpr std::uint8_t line_errors =
    line_overrun | line_parity_error | line_framing_error | line_break;

// A chip generation: what its baud generator and channels can do.
struct Chip {
  std::string name;
  int channels = 1;        // A, B, ...
  bool high_speed = true;  // H series: 120 MHz clock, 12 MHz baud base, 12 Mbaud max
  bool sync_fifo = false;  // 245 synchronous FIFO on channel A
};

// The chip behind a device: by bcdDevice first (the same PID 0x6010 is
// FT2232C/D or FT2232H), else by PID; nothing for chips this transport does
// not drive.
std::optional<Chip> identify_chip(std::uint16_t pid, std::uint16_t bcd_device);

// Channel 0 = A, 1 = B, ...: its USB interface, wIndex port and endpoints.
inline int channel_interface(int channel) { return channel; }
inline std::uint16_t channel_port(int channel) { return static_cast<std::uint16_t>(channel + 1); }
inline std::uint8_t channel_in_endpoint(int channel) {
  return static_cast<std::uint8_t>(0x81 + 2 * channel);
}
inline std::uint8_t channel_out_endpoint(int channel) {
  return static_cast<std::uint8_t>(0x02 + 2 * channel);
}
inline char channel_letter(int channel) { return static_cast<char>('A' + channel); }

}  // namespace ipsec_fpga::driver::usb::ftdi
