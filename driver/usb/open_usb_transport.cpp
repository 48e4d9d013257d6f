#include "usb/open_usb_transport.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "usb/ftdi_baud.hpp"
#include "usb/ftdi_protocol.hpp"
#include "usb/ftdi_transport.hpp"
#include "usb/libusb_bus.hpp"
#include "usb/usb_uri.hpp"

namespace ipsec_fpga::driver {
namespace usb {
namespace {

// What "usb:" finds without VID:PID: the iCEBreaker's FT2232H, or an FT232H.
constexpr std::uint16_t default_pids[] = {0x6010, 0x6014};

std::string id_text(std::uint16_t vid, std::uint16_t pid) {
  char text[16];
  std::snprintf(text, sizeof text, "%04x:%04x", vid, pid);
  return text;
}

std::string device_text(const UsbDeviceInfo& d) {
  std::string text = id_text(d.vid, d.pid);
  if (d.serial && !d.serial->empty())
    text += " serial " + *d.serial;
  else if (d.serial)
    text += " (no serial)";
  else if (!d.serial_problem.empty())
    text += " serial unreadable (" + d.serial_problem + ")";
  return text + " (bus " + std::to_string(d.bus) + " address " + std::to_string(d.address) + ")";
}

std::string looked_for(const UsbUri& uri) {
  std::string text = uri.vid ? id_text(*uri.vid, *uri.pid)
                             : id_text(ftdi::vendor_id, default_pids[0]) + " or " +
                                   id_text(ftdi::vendor_id, default_pids[1]);
  if (uri.serial) text += " serial=" + *uri.serial;
  return text;
}

bool id_matches(const UsbUri& uri, const UsbDeviceInfo& d) {
  if (uri.vid) return d.vid == *uri.vid && d.pid == *uri.pid;
  if (d.vid != ftdi::vendor_id) return false;
  for (std::uint16_t pid : default_pids)
    if (d.pid == pid) return true;
  return false;
}

std::string join(const std::vector<UsbDeviceInfo>& devices) {
  std::string text;
  for (const UsbDeviceInfo& d : devices) text += (text.empty() ? "" : ", ") + device_text(d);
  return text;
}

[[noreturn]] void no_match(const UsbUri& uri, UsbBus& bus, std::vector<UsbDeviceInfo> all) {
  const std::uint16_t vendor = uri.vid.value_or(ftdi::vendor_id);
  std::vector<UsbDeviceInfo> same_vendor;
  for (UsbDeviceInfo& d : all)
    if (d.vid == vendor) {
      if (!d.serial && d.serial_problem.empty()) bus.read_serial(d);
      same_vendor.push_back(d);
    }
  std::string seen;
  if (all.empty()) {
    seen = "no USB devices seen";
  } else if (same_vendor.empty()) {
    char text[96];
    std::snprintf(text, sizeof text, "no USB devices of vendor %04x seen (%zu other USB devices)",
                  vendor, all.size());
    seen = text;
  } else {
    char text[48];
    std::snprintf(text, sizeof text, "USB devices of vendor %04x seen: ", vendor);
    seen = text + join(same_vendor);
  }
  std::string hint;
  for (const UsbDeviceInfo& d : same_vendor)
    if (d.serial_problem == "permission denied")
      hint =
          " (serial numbers unreadable without permission: check the udev rules, "
          "docs/usb-transport.md)";
  throw TransportError("usb: no device matches " + looked_for(uri) + "; " + seen + hint);
}

UsbDeviceInfo find_device(const UsbUri& uri, UsbBus& bus) {
  const std::vector<UsbDeviceInfo> all = bus.list();
  std::vector<UsbDeviceInfo> matches;
  for (UsbDeviceInfo d : all) {
    if (!id_matches(uri, d)) continue;
    bus.read_serial(d);
    if (uri.serial && d.serial != uri.serial) continue;
    matches.push_back(d);
  }
  if (matches.empty()) no_match(uri, bus, all);
  if (matches.size() > 1)
    throw TransportError("usb: " + std::to_string(matches.size()) + " devices match " +
                         looked_for(uri) + ": " + join(matches) +
                         "; choose one with serial=<serial number>");
  return matches.front();
}

FtdiChannelSettings channel_settings(const UsbUri& uri, const UsbDeviceInfo& device,
                                     const ftdi::Chip& chip) {
  FtdiChannelSettings s;
  s.channel = uri.channel.value_or(chip.channels == 2 ? 1 : 0);
  const std::string where = chip.name + " " + device_text(device);
  if (s.channel >= chip.channels) {
    std::string letters;
    for (int c = 0; c < chip.channels; ++c)
      letters += std::string(c ? ", " : "") + ftdi::channel_letter(c);
    throw std::invalid_argument("usb: " + where + " has channel" +
                                (chip.channels > 1 ? "s " : " ") + letters + " only, not " +
                                ftdi::channel_letter(s.channel));
  }
  s.mode = uri.mode;
  s.latency_ms = uri.latency_ms;
  if (s.mode == FtdiMode::sync_fifo) {
    if (!chip.sync_fifo || s.channel != 0)
      throw std::invalid_argument(
          std::string(
              "usb: 245 synchronous FIFO mode needs channel A of an FT2232H or FT232H, not ") +
          "channel " + ftdi::channel_letter(s.channel) + " of " + where);
    s.flow = FtdiFlow::rts_cts;
    return s;
  }
  s.flow = uri.flow.value_or(FtdiFlow::none);
  try {
    s.baud = ftdi::ftdi_baud_divisor(uri.baud.value_or(default_baud), chip.high_speed);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument("usb: " + where + ": " + error.what());
  }
  return s;
}

std::unique_ptr<UsbDevice> open_channel(UsbBus& bus, const UsbDeviceInfo& device,
                                        const ftdi::Chip& chip, int channel) {
  const std::string where = chip.name + " " + device_text(device);
  try {
    return bus.open(device, ftdi::channel_interface(channel));
  } catch (const UsbError& error) {
    switch (error.kind()) {
      case UsbErrorKind::access_denied:
        throw UsbError(error.kind(), "usb: permission denied opening " + where +
                                         ": check the udev rules (docs/usb-transport.md has "
                                         "one) and that your user is in their group; " +
                                         error.what());
      case UsbErrorKind::busy:
        throw UsbError(error.kind(), std::string("usb: channel ") + ftdi::channel_letter(channel) +
                                         " of " + where + " is in use by another program; " +
                                         error.what());
      default:
        throw UsbError(error.kind(), "usb: opening " + where + " failed: " + error.what());
    }
  }
}

}  // namespace

std::unique_ptr<Transport> open_usb_transport(std::string_view rest, UsbBus& bus) {
  const UsbUri uri = parse_usb_uri(rest);
  const UsbDeviceInfo device = find_device(uri, bus);
  const std::optional<ftdi::Chip> chip = ftdi::identify_chip(device.pid, device.bcd_device);
  if (!chip) {
    char bcd[8];
    std::snprintf(bcd, sizeof bcd, "%04x", device.bcd_device);
    throw std::invalid_argument("usb: " + device_text(device) + " (bcdDevice " + bcd +
                                ") is not an FTDI chip this transport drives (FT2232C/D, " +
                                "FT2232H, FT4232H, FT232H)");
  }
  FtdiTransportConfig config;
  config.device = device;
  config.chip_name = chip->name;
  config.settings = channel_settings(uri, device, *chip);
  std::unique_ptr<UsbDevice> channel = open_channel(bus, device, *chip, config.settings.channel);
  return std::make_unique<FtdiTransport>(std::move(channel), std::move(config));
}

}  // namespace usb

std::unique_ptr<Transport> open_usb_transport(std::string_view rest) {
  // Parse first: a malformed URI is reported even where libusb cannot start.
  usb::parse_usb_uri(rest);
  std::unique_ptr<usb::UsbBus> bus;
  try {
    bus = usb::make_libusb_bus();
  } catch (const usb::UsbError& error) {
    throw usb::UsbError(error.kind(), std::string("usb: ") + error.what());
  }
  return usb::open_usb_transport(rest, *bus);
}

}  // namespace ipsec_fpga::driver
