// open_usb_transport on a fake bus: which device is chosen, the channel it
// claims, and every error message (no device, several, permission, busy,
// channel, mode, baud rate, unknown chip).
#define BOOST_TEST_MODULE usb_open
#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "fake_usb.hpp"
#include "usb/open_usb_transport.hpp"

using namespace ipsec_fpga::driver;
using namespace ipsec_fpga::driver::usb;
using test::FakeUsbBus;
using test::ftdi_device;

namespace {

constexpr std::uint16_t ft2232h_bcd = 0x0700, ft232h_bcd = 0x0900;

template <typename Error>
std::string error_of(std::string_view rest, FakeUsbBus& bus) {
  try {
    usb::open_usb_transport(rest, bus);
  } catch (const Error& error) {
    return error.what();
  }
  return "(no error of the expected type)";
}

FakeUsbBus icebreaker() {
  FakeUsbBus bus;
  bus.devices.push_back(ftdi_device(0x6010, ft2232h_bcd, "FT4ABCDE", 5));
  return bus;
}

}  // namespace

BOOST_AUTO_TEST_CASE(default_is_the_ft2232h_channel_b) {
  FakeUsbBus bus = icebreaker();
  const auto transport = usb::open_usb_transport("", bus);
  BOOST_TEST(bus.log->opened_interface == 1);
  BOOST_TEST(transport->description() ==
             "usb: FT2232H 0403:6010 serial FT4ABCDE channel B (bus 1 address 5), uart 3000000 "
             "baud, flow none, latency 1 ms");
  BOOST_TEST(bus.log->control.at(5).index == 0x0202);  // baud rate on port B
}

BOOST_AUTO_TEST_CASE(ft232h_defaults_to_channel_a) {
  FakeUsbBus bus;
  bus.devices.push_back(ftdi_device(0x6014, ft232h_bcd, "FT9", 2));
  const auto transport = usb::open_usb_transport("serial=FT9,baud=12000000", bus);
  BOOST_TEST(bus.log->opened_interface == 0);
  BOOST_TEST(transport->description() ==
             "usb: FT232H 0403:6014 serial FT9 channel A (bus 1 address 2), uart 12000000 baud, "
             "flow none, latency 1 ms");
}

BOOST_AUTO_TEST_CASE(serial_picks_one_of_several) {
  FakeUsbBus bus = icebreaker();
  bus.devices.push_back(ftdi_device(0x6010, ft2232h_bcd, "FT4OTHER", 6));
  const auto transport = usb::open_usb_transport("0403:6010:A,serial=FT4OTHER", bus);
  BOOST_TEST(bus.log->opened_interface == 0);
  BOOST_TEST(transport->description().find("serial FT4OTHER channel A (bus 1 address 6)") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(sync_fifo_on_channel_a) {
  FakeUsbBus bus = icebreaker();
  const auto transport = usb::open_usb_transport("mode=fifo,channel=A", bus);
  BOOST_TEST(bus.log->control.at(5).value == 0x40FF);
}

BOOST_AUTO_TEST_CASE(no_devices_at_all) {
  FakeUsbBus bus;
  BOOST_TEST(error_of<TransportError>("", bus) ==
             "usb: no device matches 0403:6010 or 0403:6014; no USB devices seen");
}

BOOST_AUTO_TEST_CASE(no_device_of_the_vendor) {
  FakeUsbBus bus;
  test::FakeUsbDeviceEntry mouse;
  mouse.info.vid = 0x046d;
  mouse.info.pid = 0xc077;
  bus.devices = {mouse, mouse};
  BOOST_TEST(error_of<TransportError>("0403:6010", bus) ==
             "usb: no device matches 0403:6010; no USB devices of vendor 0403 seen (2 other USB "
             "devices)");
}

BOOST_AUTO_TEST_CASE(no_match_lists_the_vendors_devices) {
  FakeUsbBus bus = icebreaker();
  bus.devices.push_back(ftdi_device(0x6001, 0x0600, "", 9));
  BOOST_TEST(error_of<TransportError>("serial=XYZ", bus) ==
             "usb: no device matches 0403:6010 or 0403:6014 serial=XYZ; USB devices of vendor 0403 "
             "seen: 0403:6010 serial FT4ABCDE (bus 1 address 5), 0403:6001 (no serial) (bus 1 "
             "address 9)");
  BOOST_TEST(error_of<TransportError>("0403:6014", bus) ==
             "usb: no device matches 0403:6014; USB devices of vendor 0403 seen: 0403:6010 serial "
             "FT4ABCDE (bus 1 address 5), 0403:6001 (no serial) (bus 1 address 9)");
}

BOOST_AUTO_TEST_CASE(unreadable_serials_point_at_udev) {
  FakeUsbBus bus = icebreaker();
  bus.devices[0].serial.reset();
  BOOST_TEST(error_of<TransportError>("serial=FT4ABCDE", bus) ==
             "usb: no device matches 0403:6010 or 0403:6014 serial=FT4ABCDE; USB devices of vendor "
             "0403 seen: 0403:6010 serial unreadable (permission denied) (bus 1 address 5) (serial "
             "numbers unreadable without permission: check the udev rules, docs/usb-transport.md)");
}

BOOST_AUTO_TEST_CASE(several_matches_ask_for_a_serial) {
  FakeUsbBus bus = icebreaker();
  bus.devices.push_back(ftdi_device(0x6014, ft232h_bcd, "FT9", 6));
  BOOST_TEST(error_of<TransportError>("", bus) ==
             "usb: 2 devices match 0403:6010 or 0403:6014: 0403:6010 serial FT4ABCDE (bus 1 "
             "address 5), 0403:6014 serial FT9 (bus 1 address 6); choose one with serial=<serial "
             "number>");
}

BOOST_AUTO_TEST_CASE(permission_denied_points_at_udev) {
  FakeUsbBus bus = icebreaker();
  bus.devices[0].open_error = UsbErrorKind::access_denied;
  BOOST_TEST(error_of<UsbError>("", bus) ==
             "usb: permission denied opening FT2232H 0403:6010 serial FT4ABCDE (bus 1 address 5): "
             "check the udev rules (docs/usb-transport.md has one) and that your user is in their "
             "group; LIBUSB_ERROR (fake)");
}

BOOST_AUTO_TEST_CASE(channel_in_use) {
  FakeUsbBus bus = icebreaker();
  bus.devices[0].open_error = UsbErrorKind::busy;
  BOOST_TEST(error_of<UsbError>("", bus) ==
             "usb: channel B of FT2232H 0403:6010 serial FT4ABCDE (bus 1 address 5) is in use by "
             "another program; LIBUSB_ERROR (fake)");
}

BOOST_AUTO_TEST_CASE(other_open_failure) {
  FakeUsbBus bus = icebreaker();
  bus.devices[0].open_error = UsbErrorKind::io;
  BOOST_TEST(error_of<UsbError>("", bus) ==
             "usb: opening FT2232H 0403:6010 serial FT4ABCDE (bus 1 address 5) failed: "
             "LIBUSB_ERROR (fake)");
}

BOOST_AUTO_TEST_CASE(channel_the_chip_lacks) {
  FakeUsbBus bus;
  bus.devices.push_back(ftdi_device(0x6014, ft232h_bcd, "FT9", 2));
  BOOST_TEST(error_of<std::invalid_argument>("channel=B", bus) ==
             "usb: FT232H 0403:6014 serial FT9 (bus 1 address 2) has channel A only, not B");
  FakeUsbBus two = icebreaker();
  BOOST_TEST(error_of<std::invalid_argument>("0403:6010:C", two) ==
             "usb: FT2232H 0403:6010 serial FT4ABCDE (bus 1 address 5) has channels A, B only, "
             "not C");
}

BOOST_AUTO_TEST_CASE(fifo_needs_channel_a_of_a_fifo_chip) {
  FakeUsbBus bus = icebreaker();
  BOOST_TEST(error_of<std::invalid_argument>("mode=fifo", bus) ==
             "usb: 245 synchronous FIFO mode needs channel A of an FT2232H or FT232H, not channel "
             "B of FT2232H 0403:6010 serial FT4ABCDE (bus 1 address 5)");
  FakeUsbBus quad;
  quad.devices.push_back(ftdi_device(0x6011, 0x0800, "Q", 3));
  BOOST_TEST(error_of<std::invalid_argument>("0403:6011,mode=fifo", quad) ==
             "usb: 245 synchronous FIFO mode needs channel A of an FT2232H or FT232H, not channel "
             "A of FT4232H 0403:6011 serial Q (bus 1 address 3)");
}

BOOST_AUTO_TEST_CASE(unreachable_baud_rate) {
  FakeUsbBus bus = icebreaker();
  BOOST_TEST(error_of<std::invalid_argument>("baud=10000000", bus) ==
             "usb: FT2232H 0403:6010 serial FT4ABCDE (bus 1 address 5): baud rate 10000000 cannot "
             "be reached within 3%: the nearest is 12000000 baud (+20.00%, 12 MHz base / 1.000); "
             "this chip reaches 183..12000000 baud in steps");
  FakeUsbBus old;
  old.devices.push_back(ftdi_device(0x6010, 0x0500, "OLD", 4));  // FT2232C/D: 3 Mbaud max
  BOOST_TEST(error_of<std::invalid_argument>("baud=6000000", old) ==
             "usb: FT2232C/D 0403:6010 serial OLD (bus 1 address 4): baud rate 6000000 cannot be "
             "reached within 3%: the nearest is 3000000 baud (-50.00%, 3 MHz base / 1.000); this "
             "chip reaches 183..3000000 baud in steps");
}

BOOST_AUTO_TEST_CASE(unknown_chip) {
  FakeUsbBus bus;
  test::FakeUsbDeviceEntry other = ftdi_device(0x1234, 0x0100, "S", 8);
  other.info.vid = 0x1d50;
  bus.devices.push_back(other);
  BOOST_TEST(error_of<std::invalid_argument>("1d50:1234", bus) ==
             "usb: 1d50:1234 serial S (bus 1 address 8) (bcdDevice 0100) is not an FTDI chip this "
             "transport drives (FT2232C/D, FT2232H, FT4232H, FT232H)");
}

BOOST_AUTO_TEST_CASE(malformed_uri_is_reported_before_any_usb_access) {
  try {
    open_usb_transport("0403:zz");
    BOOST_FAIL("no error");
  } catch (const std::invalid_argument& error) {
    BOOST_TEST(std::string(error.what()) ==
               "bad USB transport URI \"usb:0403:zz\": product ID \"zz\" is not a hex number of 1 "
               "to 4 digits");
  }
}
