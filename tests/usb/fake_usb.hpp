// A scripted UsbDevice and UsbBus for the unit tests: the device records
// control requests and OUT writes and plays back queued IN transfers; the
// bus lists given devices and fails opens as told. The log is shared so a
// test can read it after the transport took ownership of the device.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "usb/usb_device.hpp"

namespace ipsec_fpga::driver::usb::test {

struct FakeUsbLog {
  std::vector<ControlRequest> control;
  std::vector<std::pair<std::uint8_t, std::vector<std::uint8_t>>> writes;  // endpoint, bytes
  std::vector<std::uint8_t> read_endpoints;
  std::deque<std::vector<std::uint8_t>> transfers_in;  // returned by bulk_in, in order
  std::size_t max_packet = 512;
  std::optional<std::size_t> accept_per_write;  // bulk_out takes at most this much
  std::optional<std::size_t> fail_control_at;   // throws on this control request (0-based)
  int opened_interface = -1;

  std::vector<std::uint8_t> written(std::uint8_t endpoint) const {
    std::vector<std::uint8_t> all;
    for (const auto& [ep, bytes] : writes)
      if (ep == endpoint) all.insert(all.end(), bytes.begin(), bytes.end());
    return all;
  }
};

class FakeUsbDevice : public UsbDevice {
 public:
  explicit FakeUsbDevice(std::shared_ptr<FakeUsbLog> log) : log_(std::move(log)) {}

  void control_out(std::uint8_t request, std::uint16_t value, std::uint16_t index) override {
    if (log_->fail_control_at && *log_->fail_control_at == log_->control.size())
      throw UsbError(UsbErrorKind::no_device, "LIBUSB_ERROR_NO_DEVICE (fake)");
    log_->control.push_back({request, value, index});
  }

  std::size_t bulk_out(std::uint8_t endpoint, std::span<const std::uint8_t> bytes,
                       std::chrono::milliseconds) override {
    const std::size_t taken = std::min(bytes.size(), log_->accept_per_write.value_or(bytes.size()));
    log_->writes.push_back({endpoint, {bytes.begin(), bytes.begin() + static_cast<long>(taken)}});
    return taken;
  }

  std::vector<std::uint8_t> bulk_in(std::uint8_t endpoint, std::size_t,
                                    std::chrono::milliseconds) override {
    log_->read_endpoints.push_back(endpoint);
    if (log_->transfers_in.empty()) return {};
    std::vector<std::uint8_t> transfer = std::move(log_->transfers_in.front());
    log_->transfers_in.pop_front();
    return transfer;
  }

  std::size_t max_packet_size(std::uint8_t) const override { return log_->max_packet; }

 private:
  std::shared_ptr<FakeUsbLog> log_;
};

struct FakeUsbDeviceEntry {
  UsbDeviceInfo info;
  std::optional<std::string> serial;  // nullopt: unreadable
  std::string serial_problem = "permission denied";
  std::optional<UsbErrorKind> open_error;
};

class FakeUsbBus : public UsbBus {
 public:
  std::vector<FakeUsbDeviceEntry> devices;
  std::shared_ptr<FakeUsbLog> log = std::make_shared<FakeUsbLog>();

  std::vector<UsbDeviceInfo> list() override {
    std::vector<UsbDeviceInfo> infos;
    for (const auto& d : devices) infos.push_back(d.info);
    return infos;
  }

  void read_serial(UsbDeviceInfo& device) override {
    for (const auto& d : devices)
      if (d.info.bus == device.bus && d.info.address == device.address) {
        device.serial = d.serial;
        if (!d.serial) device.serial_problem = d.serial_problem;
      }
  }

  std::unique_ptr<UsbDevice> open(const UsbDeviceInfo& device, int interface_number) override {
    for (const auto& d : devices)
      if (d.info.bus == device.bus && d.info.address == device.address && d.open_error)
        throw UsbError(*d.open_error, "LIBUSB_ERROR (fake)");
    log->opened_interface = interface_number;
    return std::make_unique<FakeUsbDevice>(log);
  }
};

inline FakeUsbDeviceEntry ftdi_device(std::uint16_t pid, std::uint16_t bcd, std::string serial,
                                      std::uint8_t address) {
  FakeUsbDeviceEntry entry;
  entry.info.vid = 0x0403;
  entry.info.pid = pid;
  entry.info.bcd_device = bcd;
  entry.info.bus = 1;
  entry.info.address = address;
  entry.serial = std::move(serial);
  return entry;
}

}  // namespace ipsec_fpga::driver::usb::test
