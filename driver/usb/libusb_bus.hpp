// The UsbBus on libusb-1.0 (the only code that includes libusb.h).
#pragma once

#include <memory>

#include "usb/usb_device.hpp"

namespace ipsec_fpga::driver::usb {

// Starts libusb; throws UsbError (init_failed) if it cannot. Devices opened
// through the bus keep libusb running after the bus is gone.
std::unique_ptr<UsbBus> make_libusb_bus();

}  // namespace ipsec_fpga::driver::usb
