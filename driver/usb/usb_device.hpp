// The seam below libusb: what the FTDI logic needs from a USB device and a
// bus, and nothing more, so all of it runs against fakes in the unit tests.
// libusb_bus.cpp is the only implementation that talks to real hardware.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "transport/transport.hpp"

namespace ipsec_fpga::driver::usb {

// Why a USB operation failed, so the layer above can say what to do about it.
enum class UsbErrorKind {
  init_failed,    // the USB library could not start
  access_denied,  // no permission to open the device (udev rules)
  busy,           // the interface is claimed by another program or driver
  no_device,      // the device went away
  io,             // any other transfer or library error
};

class UsbError : public TransportError {
 public:
  UsbError(UsbErrorKind kind, const std::string& message) : TransportError(message), kind_(kind) {}
  UsbErrorKind kind() const { return kind_; }

 private:
  UsbErrorKind kind_;
};

// A vendor request without a data stage, host to device (bmRequestType 0x40).
struct ControlRequest {
  std::uint8_t request = 0;
  std::uint16_t value = 0;
  std::uint16_t index = 0;
  bool operator==(const ControlRequest&) const = default;
};

// One claimed interface of an opened device.
class UsbDevice {
 public:
  virtual ~UsbDevice() = default;

  virtual void control_out(std::uint8_t request, std::uint16_t value, std::uint16_t index) = 0;

  // Writes to a bulk OUT endpoint; returns how many bytes the device took
  // before `timeout` expired (all of them unless it did).
  virtual std::size_t bulk_out(std::uint8_t endpoint, std::span<const std::uint8_t> bytes,
                               std::chrono::milliseconds timeout) = 0;

  // One bulk IN transfer of at most `max_bytes` (a multiple of the max packet
  // size): whatever arrived before a short packet ended the transfer or
  // `timeout` expired, possibly nothing. A timeout of 0 polls (it does not
  // mean "forever").
  virtual std::vector<std::uint8_t> bulk_in(std::uint8_t endpoint, std::size_t max_bytes,
                                            std::chrono::milliseconds timeout) = 0;

  // wMaxPacketSize of the endpoint: 512 at high speed, 64 at full speed.
  virtual std::size_t max_packet_size(std::uint8_t endpoint) const = 0;
};

struct UsbDeviceInfo {
  std::uint16_t vid = 0;
  std::uint16_t pid = 0;
  std::uint16_t bcd_device = 0;  // the chip revision (FTDI: 0x0700 FT2232H, ...)
  // Filled in by UsbBus::read_serial (reading it means opening the device).
  std::optional<std::string> serial;  // nullopt: not read, or could not be
  std::string serial_problem;         // why it could not be read
  std::uint8_t bus = 0;
  std::uint8_t address = 0;
};

class UsbBus {
 public:
  virtual ~UsbBus() = default;

  // Every USB device the library sees, serial numbers not read yet.
  virtual std::vector<UsbDeviceInfo> list() = 0;

  // Reads the serial number string ("" if the device has none); on failure
  // leaves it unset and says why in serial_problem.
  virtual void read_serial(UsbDeviceInfo& device) = 0;

  // Opens the device and claims `interface_number`, detaching a kernel
  // driver (ftdi_sio) that holds it. Throws UsbError.
  virtual std::unique_ptr<UsbDevice> open(const UsbDeviceInfo& device, int interface_number) = 0;
};

}  // namespace ipsec_fpga::driver::usb
