// FtdiTransport on a fake device: the exact control requests of the open
// sequence, the opening 0x00, chunked writes, reads through the de-framer,
// and the errors with their context.
#define BOOST_TEST_MODULE usb_ftdi_transport
#include <boost/test/unit_test.hpp>
#include <numeric>
#include <sstream>

#include "fake_usb.hpp"
#include "usb/ftdi_transport.hpp"

using namespace ipsec_fpga::driver;
using namespace ipsec_fpga::driver::usb;
using namespace std::chrono_literals;
using test::FakeUsbDevice;
using test::FakeUsbLog;
using Bytes = std::vector<std::uint8_t>;

namespace {

FtdiTransportConfig config_for(int channel, FtdiMode mode, std::uint32_t baud,
                               FtdiFlow flow = FtdiFlow::none) {
  FtdiTransportConfig config;
  config.device.vid = 0x0403;
  config.device.pid = 0x6010;
  config.device.serial = "FT4ABCDE";
  config.device.bus = 3;
  config.device.address = 7;
  config.chip_name = "FT2232H";
  config.settings.channel = channel;
  config.settings.mode = mode;
  config.settings.flow = flow;
  if (mode == FtdiMode::uart) config.settings.baud = ftdi::ftdi_baud_divisor(baud, true);
  config.write_stall_timeout = 20ms;
  return config;
}

std::string requests_text(const std::vector<ControlRequest>& requests) {
  std::ostringstream text;
  for (const ControlRequest& r : requests)
    text << std::hex << "(" << int(r.request) << " " << r.value << " " << r.index << ") ";
  return text.str();
}

void check_requests(const std::vector<ControlRequest>& actual,
                    const std::vector<ControlRequest>& expected, const std::string& name) {
  BOOST_TEST(actual == expected,
             name << ": expected " << requests_text(expected) << "got " << requests_text(actual));
}

}  // namespace

BOOST_AUTO_TEST_CASE(open_sequence_uart_channel_b_3_mbaud) {
  auto log = std::make_shared<FakeUsbLog>();
  FtdiTransport transport(std::make_unique<FakeUsbDevice>(log),
                          config_for(1, FtdiMode::uart, 3'000'000));
  check_requests(log->control,
                 {
                     {0x00, 0x0000, 0x0002},  // reset
                     {0x00, 0x0001, 0x0002},  // purge RX
                     {0x00, 0x0002, 0x0002},  // purge TX
                     {0x09, 0x0001, 0x0002},  // latency timer 1 ms
                     {0x0B, 0x0000, 0x0002},  // bit mode: reset (UART)
                     {0x03, 0x0004, 0x0202},  // 12 MHz / 4
                     {0x04, 0x0008, 0x0002},  // 8N1
                     {0x02, 0x0000, 0x0002},  // no flow control
                     {0x01, 0x0303, 0x0002},  // DTR and RTS high
                 },
                 "uart B 3 Mbaud");
  // Then the opening delimiter, on channel B's OUT endpoint.
  BOOST_TEST(log->writes.size() == 1u);
  BOOST_TEST(log->writes[0].first == 0x04);
  BOOST_TEST(log->writes[0].second == Bytes({0x00}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(open_sequence_uart_channel_a_115200_rts_cts) {
  auto log = std::make_shared<FakeUsbLog>();
  FtdiTransport transport(std::make_unique<FakeUsbDevice>(log),
                          config_for(0, FtdiMode::uart, 115'200, FtdiFlow::rts_cts));
  check_requests(log->control,
                 {
                     {0x00, 0x0000, 0x0001},
                     {0x00, 0x0001, 0x0001},
                     {0x00, 0x0002, 0x0001},
                     {0x09, 0x0001, 0x0001},
                     {0x0B, 0x0000, 0x0001},
                     {0x03, 0xC068, 0x0201},  // 104.125 on 12 MHz
                     {0x04, 0x0008, 0x0001},
                     {0x02, 0x0000, 0x0101},  // RTS/CTS in wIndex's high byte
                     {0x01, 0x0303, 0x0001},
                 },
                 "uart A 115200 rtscts");
  BOOST_TEST(log->writes.at(0).first == 0x02);
}

BOOST_AUTO_TEST_CASE(open_sequence_sync_fifo) {
  auto log = std::make_shared<FakeUsbLog>();
  FtdiTransportConfig config = config_for(0, FtdiMode::sync_fifo, 0);
  config.settings.latency_ms = 2;
  FtdiTransport transport(std::make_unique<FakeUsbDevice>(log), config);
  check_requests(log->control,
                 {
                     {0x00, 0x0000, 0x0001},
                     {0x00, 0x0001, 0x0001},
                     {0x00, 0x0002, 0x0001},
                     {0x09, 0x0002, 0x0001},
                     {0x0B, 0x00FF, 0x0001},  // bit mode reset ...
                     {0x0B, 0x40FF, 0x0001},  // ... then 245 synchronous FIFO
                     {0x02, 0x0000, 0x0101},  // RTS/CTS (AN_130)
                 },
                 "fifo A");
}

BOOST_AUTO_TEST_CASE(description_names_the_device) {
  auto log = std::make_shared<FakeUsbLog>();
  FtdiTransport uart(std::make_unique<FakeUsbDevice>(log),
                     config_for(1, FtdiMode::uart, 3'000'000));
  BOOST_TEST(uart.description() ==
             "usb: FT2232H 0403:6010 serial FT4ABCDE channel B (bus 3 address 7), uart 3000000 "
             "baud, flow none, latency 1 ms");
  FtdiTransport odd(std::make_unique<FakeUsbDevice>(log), config_for(1, FtdiMode::uart, 921'600));
  BOOST_TEST(odd.description() ==
             "usb: FT2232H 0403:6010 serial FT4ABCDE channel B (bus 3 address 7), uart 921600 baud "
             "(achieved 923077, +0.16%), flow none, latency 1 ms");
  FtdiTransport fifo(std::make_unique<FakeUsbDevice>(log), config_for(0, FtdiMode::sync_fifo, 0));
  BOOST_TEST(fifo.description() ==
             "usb: FT2232H 0403:6010 serial FT4ABCDE channel A (bus 3 address 7), 245 synchronous "
             "fifo, latency 1 ms");
}

BOOST_AUTO_TEST_CASE(writes_go_in_chunks_of_whole_packets) {
  auto log = std::make_shared<FakeUsbLog>();
  FtdiTransport transport(std::make_unique<FakeUsbDevice>(log),
                          config_for(1, FtdiMode::uart, 3'000'000));
  Bytes data(40'000);
  std::iota(data.begin(), data.end(), 0);
  transport.send(data);
  // After the opening 0x00: 16384 + 16384 + 7232 (32 packets of 512 per transfer).
  BOOST_TEST_REQUIRE(log->writes.size() == 4u);
  BOOST_TEST(log->writes[1].second.size() == 16384u);
  BOOST_TEST(log->writes[2].second.size() == 16384u);
  BOOST_TEST(log->writes[3].second.size() == 7232u);
  Bytes expected = {0x00};
  expected.insert(expected.end(), data.begin(), data.end());
  BOOST_TEST(log->written(0x04) == expected);
}

BOOST_AUTO_TEST_CASE(partial_writes_continue_where_they_stopped) {
  auto log = std::make_shared<FakeUsbLog>();
  FtdiTransport transport(std::make_unique<FakeUsbDevice>(log),
                          config_for(1, FtdiMode::uart, 3'000'000));
  log->accept_per_write = 100;
  Bytes data(1000, 0x5A);
  transport.send(data);
  BOOST_TEST(log->writes.size() == 11u);
  BOOST_TEST(log->written(0x04).size() == 1001u);
}

BOOST_AUTO_TEST_CASE(a_stalled_write_fails_with_the_count) {
  auto log = std::make_shared<FakeUsbLog>();
  FtdiTransport transport(std::make_unique<FakeUsbDevice>(log),
                          config_for(1, FtdiMode::uart, 3'000'000));
  log->accept_per_write = 0;
  const Bytes data(10, 1);
  try {
    transport.send(data);
    BOOST_FAIL("no error");
  } catch (const TransportError& error) {
    BOOST_TEST(std::string(error.what()) ==
               transport.description() +
                   ": write stalled: sent 0 of 10 bytes, the chip took none for 20 ms (board not "
                   "reading, or RTS/CTS holding it)");
  }
}

BOOST_AUTO_TEST_CASE(receive_strips_status_and_waits_past_status_only_packets) {
  auto log = std::make_shared<FakeUsbLog>();
  FtdiTransport transport(std::make_unique<FakeUsbDevice>(log),
                          config_for(1, FtdiMode::uart, 3'000'000));
  log->transfers_in = {{0x31, 0x60}, {0x31, 0x60}, {0x31, 0x60, 0x03, 0x01, 0x00}};
  BOOST_TEST(transport.receive(1000ms) == Bytes({0x03, 0x01, 0x00}),
             boost::test_tools::per_element());
  BOOST_TEST(log->read_endpoints == Bytes({0x83, 0x83, 0x83}), boost::test_tools::per_element());
  BOOST_TEST(transport.in_counters().status_only_packets == 2u);
  // Nothing more: an empty result after the timeout.
  BOOST_TEST(transport.receive(5ms).empty());
}

BOOST_AUTO_TEST_CASE(receive_with_zero_timeout_polls_once) {
  auto log = std::make_shared<FakeUsbLog>();
  FtdiTransport transport(std::make_unique<FakeUsbDevice>(log),
                          config_for(1, FtdiMode::uart, 3'000'000));
  log->transfers_in = {{0x31, 0x60, 0x42}};
  BOOST_TEST(transport.receive(0ms) == Bytes({0x42}), boost::test_tools::per_element());
  BOOST_TEST(transport.receive(0ms).empty());
}

BOOST_AUTO_TEST_CASE(full_speed_device_uses_64_byte_packets) {
  auto log = std::make_shared<FakeUsbLog>();
  log->max_packet = 64;
  FtdiTransport transport(std::make_unique<FakeUsbDevice>(log),
                          config_for(1, FtdiMode::uart, 3'000'000));
  BOOST_TEST(transport.transfer_bytes() == 2048u);
  Bytes transfer = {0x31, 0x60};
  for (int i = 0; i < 62; ++i) transfer.push_back(static_cast<std::uint8_t>(i));
  transfer.insert(transfer.end(), {0x31, 0x60, 0xEE});
  log->transfers_in = {transfer};
  const Bytes out = transport.receive(10ms);
  BOOST_TEST(out.size() == 63u);
  BOOST_TEST(out.back() == 0xEE);
}

BOOST_AUTO_TEST_CASE(a_failing_request_is_named) {
  auto log = std::make_shared<FakeUsbLog>();
  log->fail_control_at = 5;  // the baud rate
  try {
    FtdiTransport transport(std::make_unique<FakeUsbDevice>(log),
                            config_for(1, FtdiMode::uart, 3'000'000));
    BOOST_FAIL("no error");
  } catch (const UsbError& error) {
    BOOST_TEST((error.kind() == UsbErrorKind::no_device));
    BOOST_TEST(std::string(error.what()) ==
               "usb: FT2232H 0403:6010 serial FT4ABCDE channel B (bus 3 address 7), uart 3000000 "
               "baud, flow none, latency 1 ms: setting up the channel failed at set baud rate "
               "(request 0x03 value 0x0004 index 0x0202): LIBUSB_ERROR_NO_DEVICE (fake)");
  }
}
