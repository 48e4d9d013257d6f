#include "usb/libusb_bus.hpp"

#include <libusb.h>

#include <algorithm>
#include <string>

namespace ipsec_fpga::driver::usb {
namespace {

constexpr unsigned control_timeout_ms = 1000;
constexpr auto vendor_out_request_type =
    static_cast<std::uint8_t>(unsigned{LIBUSB_ENDPOINT_OUT} | unsigned{LIBUSB_REQUEST_TYPE_VENDOR} |
                              unsigned{LIBUSB_RECIPIENT_DEVICE});

UsbErrorKind kind_of(int code) {
  switch (code) {
    case LIBUSB_ERROR_ACCESS:
      return UsbErrorKind::access_denied;
    case LIBUSB_ERROR_BUSY:
      return UsbErrorKind::busy;
    case LIBUSB_ERROR_NO_DEVICE:
    case LIBUSB_ERROR_NOT_FOUND:
      return UsbErrorKind::no_device;
    default:
      return UsbErrorKind::io;
  }
}

std::string describe(int code) {
  return std::string(libusb_error_name(code)) + " (" + libusb_strerror(code) + ")";
}

[[noreturn]] void fail(int code, const std::string& doing) {
  throw UsbError(kind_of(code), doing + ": " + describe(code));
}

unsigned timeout_ms(std::chrono::milliseconds timeout) {
  // libusb reads 0 as "no timeout"; the seam means "poll".
  return static_cast<unsigned>(std::max<std::chrono::milliseconds::rep>(timeout.count(), 1));
}

class Context {
 public:
  Context() {
    if (const int code = libusb_init(&context_); code != 0)
      throw UsbError(UsbErrorKind::init_failed, "libusb could not start: " + describe(code));
  }
  ~Context() { libusb_exit(context_); }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  libusb_context* get() const { return context_; }

 private:
  libusb_context* context_ = nullptr;
};

// The device list, freed (with its references) on scope exit.
class DeviceList {
 public:
  explicit DeviceList(libusb_context* context) {
    const ssize_t count = libusb_get_device_list(context, &list_);
    if (count < 0) fail(static_cast<int>(count), "listing USB devices");
    size_ = static_cast<std::size_t>(count);
  }
  ~DeviceList() { libusb_free_device_list(list_, 1); }
  DeviceList(const DeviceList&) = delete;
  DeviceList& operator=(const DeviceList&) = delete;
  libusb_device* operator[](std::size_t i) const { return list_[i]; }
  std::size_t size() const { return size_; }

 private:
  libusb_device** list_ = nullptr;
  std::size_t size_ = 0;
};

class LibusbDevice : public UsbDevice {
 public:
  LibusbDevice(std::shared_ptr<Context> context, libusb_device_handle* handle, int interface)
      : context_(std::move(context)), handle_(handle), interface_(interface) {}
  ~LibusbDevice() override {
    libusb_release_interface(handle_, interface_);  // re-attaches a detached kernel driver
    libusb_close(handle_);
  }
  LibusbDevice(const LibusbDevice&) = delete;
  LibusbDevice& operator=(const LibusbDevice&) = delete;

  void control_out(std::uint8_t request, std::uint16_t value, std::uint16_t index) override {
    const int result = libusb_control_transfer(handle_, vendor_out_request_type, request, value,
                                               index, nullptr, 0, control_timeout_ms);
    if (result < 0) fail(result, "control request " + std::to_string(request));
  }

  std::size_t bulk_out(std::uint8_t endpoint, std::span<const std::uint8_t> bytes,
                       std::chrono::milliseconds timeout) override {
    int transferred = 0;
    // libusb takes a non-const buffer for both directions; it does not write an OUT buffer.
    const int result =
        libusb_bulk_transfer(handle_, endpoint, const_cast<std::uint8_t*>(bytes.data()),
                             static_cast<int>(bytes.size()), &transferred, timeout_ms(timeout));
    if (result != 0 && result != LIBUSB_ERROR_TIMEOUT) fail(result, "bulk OUT transfer");
    return static_cast<std::size_t>(transferred);
  }

  std::vector<std::uint8_t> bulk_in(std::uint8_t endpoint, std::size_t max_bytes,
                                    std::chrono::milliseconds timeout) override {
    std::vector<std::uint8_t> buffer(max_bytes);
    int transferred = 0;
    const int result =
        libusb_bulk_transfer(handle_, endpoint, buffer.data(), static_cast<int>(buffer.size()),
                             &transferred, timeout_ms(timeout));
    // On a timeout the packets that did arrive are still data.
    if (result != 0 && result != LIBUSB_ERROR_TIMEOUT) fail(result, "bulk IN transfer");
    buffer.resize(static_cast<std::size_t>(transferred));
    return buffer;
  }

  std::size_t max_packet_size(std::uint8_t endpoint) const override {
    const int size = libusb_get_max_packet_size(libusb_get_device(handle_), endpoint);
    if (size <= 0) fail(size == 0 ? LIBUSB_ERROR_OTHER : size, "reading the max packet size");
    return static_cast<std::size_t>(size);
  }

 private:
  std::shared_ptr<Context> context_;
  libusb_device_handle* handle_;
  int interface_;
};

class LibusbBus : public UsbBus {
 public:
  LibusbBus() : context_(std::make_shared<Context>()) {}

  std::vector<UsbDeviceInfo> list() override {
    const DeviceList devices(context_->get());
    std::vector<UsbDeviceInfo> result;
    for (std::size_t i = 0; i < devices.size(); ++i) {
      libusb_device_descriptor descriptor{};
      if (libusb_get_device_descriptor(devices[i], &descriptor) != 0) continue;
      UsbDeviceInfo info;
      info.vid = descriptor.idVendor;
      info.pid = descriptor.idProduct;
      info.bcd_device = descriptor.bcdDevice;
      info.bus = libusb_get_bus_number(devices[i]);
      info.address = libusb_get_device_address(devices[i]);
      result.push_back(info);
    }
    return result;
  }

  void read_serial(UsbDeviceInfo& device) override {
    const DeviceList devices(context_->get());
    libusb_device* found = find(devices, device);
    if (found == nullptr) {
      device.serial_problem = "device gone";
      return;
    }
    libusb_device_descriptor descriptor{};
    libusb_get_device_descriptor(found, &descriptor);
    if (descriptor.iSerialNumber == 0) {
      device.serial = "";
      return;
    }
    libusb_device_handle* handle = nullptr;
    if (const int code = libusb_open(found, &handle); code != 0) {
      device.serial_problem = code == LIBUSB_ERROR_ACCESS ? "permission denied" : describe(code);
      return;
    }
    unsigned char text[256] = {};
    const int length =
        libusb_get_string_descriptor_ascii(handle, descriptor.iSerialNumber, text, sizeof text);
    libusb_close(handle);
    if (length < 0) {
      device.serial_problem = describe(length);
      return;
    }
    device.serial =
        std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length));
  }

  std::unique_ptr<UsbDevice> open(const UsbDeviceInfo& device, int interface_number) override {
    const DeviceList devices(context_->get());
    libusb_device* found = find(devices, device);
    if (found == nullptr)
      throw UsbError(UsbErrorKind::no_device, "the device is gone from the bus");
    libusb_device_handle* handle = nullptr;
    if (const int code = libusb_open(found, &handle); code != 0) fail(code, "opening the device");
    // Linux binds ftdi_sio to FTDI channels; let libusb detach it while we
    // hold the interface (not supported everywhere, hence no check).
    libusb_set_auto_detach_kernel_driver(handle, 1);
    if (const int code = libusb_claim_interface(handle, interface_number); code != 0) {
      libusb_close(handle);
      fail(code, "claiming interface " + std::to_string(interface_number));
    }
    return std::make_unique<LibusbDevice>(context_, handle, interface_number);
  }

 private:
  static libusb_device* find(const DeviceList& devices, const UsbDeviceInfo& device) {
    for (std::size_t i = 0; i < devices.size(); ++i)
      if (libusb_get_bus_number(devices[i]) == device.bus &&
          libusb_get_device_address(devices[i]) == device.address)
        return devices[i];
    return nullptr;
  }

  std::shared_ptr<Context> context_;
};

}  // namespace

std::unique_ptr<UsbBus> make_libusb_bus() { return std::make_unique<LibusbBus>(); }

}  // namespace ipsec_fpga::driver::usb
