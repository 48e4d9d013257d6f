// parse_usb_uri: every form, the defaults, and every error message.
#define BOOST_TEST_MODULE usb_uri
#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "usb/usb_uri.hpp"

using namespace ipsec_fpga::driver::usb;

namespace {

std::string error_of(std::string_view rest) {
  try {
    parse_usb_uri(rest);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_means_defaults) {
  const UsbUri uri = parse_usb_uri("");
  BOOST_TEST(!uri.vid.has_value());
  BOOST_TEST(!uri.pid.has_value());
  BOOST_TEST(!uri.channel.has_value());
  BOOST_TEST(!uri.serial.has_value());
  BOOST_TEST(!uri.baud.has_value());
  BOOST_TEST(!uri.flow.has_value());
  BOOST_TEST((uri.mode == FtdiMode::uart));
  BOOST_TEST(uri.latency_ms == 1);
  BOOST_TEST(default_baud == 3'000'000u);
}

BOOST_AUTO_TEST_CASE(vid_pid) {
  const UsbUri uri = parse_usb_uri("0403:6010");
  BOOST_TEST(*uri.vid == 0x0403);
  BOOST_TEST(*uri.pid == 0x6010);
  BOOST_TEST(!uri.channel.has_value());
  const UsbUri short_ids = parse_usb_uri("403:6014");
  BOOST_TEST(*short_ids.vid == 0x0403);
  BOOST_TEST(*short_ids.pid == 0x6014);
  BOOST_TEST(*parse_usb_uri("0403:AbCd").pid == 0xABCD);
}

BOOST_AUTO_TEST_CASE(vid_pid_channel) {
  BOOST_TEST(*parse_usb_uri("0403:6010:B").channel == 1);
  BOOST_TEST(*parse_usb_uri("0403:6010:a").channel == 0);
  BOOST_TEST(*parse_usb_uri("0403:6011:D").channel == 3);
}

BOOST_AUTO_TEST_CASE(serial_only) {
  const UsbUri uri = parse_usb_uri("serial=XYZ");
  BOOST_TEST(*uri.serial == "XYZ");
  BOOST_TEST(!uri.vid.has_value());
}

BOOST_AUTO_TEST_CASE(everything) {
  const UsbUri uri =
      parse_usb_uri("0403:6014,serial=XYZ,baud=3000000,channel=B,flow=rtscts,latency=16");
  BOOST_TEST(*uri.vid == 0x0403);
  BOOST_TEST(*uri.pid == 0x6014);
  BOOST_TEST(*uri.serial == "XYZ");
  BOOST_TEST(*uri.baud == 3'000'000u);
  BOOST_TEST(*uri.channel == 1);
  BOOST_TEST((*uri.flow == FtdiFlow::rts_cts));
  BOOST_TEST(uri.latency_ms == 16);
  BOOST_TEST((parse_usb_uri("mode=fifo,channel=A").mode == FtdiMode::sync_fifo));
  BOOST_TEST((*parse_usb_uri("flow=none").flow == FtdiFlow::none));
  BOOST_TEST((parse_usb_uri("mode=uart").mode == FtdiMode::uart));
}

BOOST_AUTO_TEST_CASE(error_messages) {
  const std::pair<std::string_view, std::string> cases[] = {
      {"0403", "\"0403\" is neither VID:PID[:channel] nor option=value"},
      {"0403:6010:B:x", "\"0403:6010:B:x\" is neither VID:PID[:channel] nor option=value"},
      {"zz:6010", "vendor ID \"zz\" is not a hex number of 1 to 4 digits"},
      {"0403:", "product ID \"\" is not a hex number of 1 to 4 digits"},
      {"0403:60100", "product ID \"60100\" is not a hex number of 1 to 4 digits"},
      {"0403:-601", "product ID \"-601\" is not a hex number of 1 to 4 digits"},
      {"0403:6010:E", "channel \"E\" is not one of A, B, C, D"},
      {"0403:6010:", "channel \"\" is not one of A, B, C, D"},
      {"channel=AB", "channel \"AB\" is not one of A, B, C, D"},
      {"serial=XYZ,0403:6010",
       "\"0403:6010\" is not option=value (only the first part may be VID:PID[:channel])"},
      {"0403:6010,", "part 2 is empty"},
      {",serial=X", "part 1 is empty"},
      {"=3", "\"=3\" has no option name"},
      {"serial=", "serial= is empty"},
      {"baud=fast", "baud \"fast\" is not a positive decimal number"},
      {"baud=0", "baud \"0\" is not a positive decimal number"},
      {"baud=-9600", "baud \"-9600\" is not a positive decimal number"},
      {"baud=99999999999", "baud \"99999999999\" is not a positive decimal number"},
      {"mode=spi", "mode \"spi\" is not uart or fifo"},
      {"flow=xon", "flow \"xon\" is not none or rtscts"},
      {"latency=0", "latency \"0\" is not 1 to 255 (ms)"},
      {"latency=256", "latency \"256\" is not 1 to 255 (ms)"},
      {"speed=3", "unknown option \"speed\" (known: serial, baud, channel, mode, flow, latency)"},
      {"baud=9600,baud=9600", "baud is given twice"},
      {"0403:6010:B,channel=A", "channel is given twice"},
      {"mode=fifo,baud=3000000",
       "baud= and flow= apply to mode=uart only (the FIFO has no baud rate and always uses its "
       "handshake lines)"},
      {"mode=fifo,flow=none",
       "baud= and flow= apply to mode=uart only (the FIFO has no baud rate and always uses its "
       "handshake lines)"},
  };
  for (const auto& [rest, problem] : cases)
    BOOST_TEST(
        error_of(rest) == "bad USB transport URI \"usb:" + std::string(rest) + "\": " + problem,
        "usb:" << rest);
}
