// Opens the host link on an FTDI chip from the part of a transport URI after
// "usb:" (forms in usb_uri.hpp, docs/usb-transport.md).
//
// Errors: std::invalid_argument for a malformed URI or settings the chip
// cannot do (channel, mode, baud rate); TransportError when no device
// matches (naming what was looked for and the devices of that vendor seen)
// or several do; UsbError for permission denied (check the udev rules), a
// channel in use, a libusb start failure or a failing request.
#pragma once

#include <memory>
#include <string_view>

#include "transport/transport.hpp"
#include "usb/usb_device.hpp"

namespace ipsec_fpga::driver {

// On the machine's USB (libusb).
std::unique_ptr<Transport> open_usb_transport(std::string_view rest);

namespace usb {
// On a given bus (the tests' fake, or libusb).
std::unique_ptr<Transport> open_usb_transport(std::string_view rest, UsbBus& bus);
}  // namespace usb

}  // namespace ipsec_fpga::driver
