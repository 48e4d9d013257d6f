// FtdiInDeframer: the 2 status bytes go, the data stays in order, whatever
// the packet layout of a read and however the reads are split.
#define BOOST_TEST_MODULE usb_ftdi_deframer
#include <boost/test/unit_test.hpp>
#include <numeric>

#include "usb/ftdi_in_deframer.hpp"

using ipsec_fpga::driver::usb::FtdiInDeframer;
using Bytes = std::vector<std::uint8_t>;

namespace {

// Status as the chip sends it while idle: CTS/DSR bits and "transmitter empty".
constexpr std::uint8_t modem_idle = 0x31;
constexpr std::uint8_t line_idle = 0x60;

// `count` data bytes counting up from `first`.
Bytes counting(std::size_t count, std::uint8_t first) {
  Bytes bytes(count);
  std::iota(bytes.begin(), bytes.end(), first);
  return bytes;
}

// One packet: the status, then the data.
Bytes packet(const Bytes& data, std::uint8_t line = line_idle) {
  Bytes bytes;
  bytes.reserve(2 + data.size());
  bytes.push_back(modem_idle);
  bytes.push_back(line);
  for (std::uint8_t b : data) bytes.push_back(b);  // (insert() trips GCC 12's -Warray-bounds)
  return bytes;
}

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes all;
  for (const Bytes& p : parts)
    for (std::uint8_t b : p) all.push_back(b);
  return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(single_short_packet) {
  FtdiInDeframer deframer(512);
  BOOST_TEST(deframer.feed_transfer(packet({0x11, 0x00, 0x22})) == Bytes({0x11, 0x00, 0x22}),
             boost::test_tools::per_element());
  BOOST_TEST(deframer.modem_status() == modem_idle);
  BOOST_TEST(deframer.line_status() == line_idle);
  BOOST_TEST(deframer.counters().packets == 1u);
  BOOST_TEST(deframer.counters().data_bytes == 3u);
}

BOOST_AUTO_TEST_CASE(several_packets_in_one_read) {
  FtdiInDeframer deframer(512);
  const Bytes a = counting(510, 0), b = counting(510, 7), c = counting(100, 3);
  const Bytes out = deframer.feed_transfer(concat({packet(a), packet(b), packet(c)}));
  BOOST_TEST(out == concat({a, b, c}), boost::test_tools::per_element());
  BOOST_TEST(deframer.counters().packets == 3u);
}

BOOST_AUTO_TEST_CASE(full_speed_packets_of_64) {
  FtdiInDeframer deframer(64);
  const Bytes a = counting(62, 0), b = counting(62, 62), c = counting(5, 124);
  BOOST_TEST(deframer.feed_transfer(concat({packet(a), packet(b), packet(c)})) == concat({a, b, c}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(status_only_packets_carry_no_data) {
  FtdiInDeframer deframer(512);
  BOOST_TEST(deframer.feed_transfer(packet({})).empty());
  BOOST_TEST(deframer.feed_transfer(packet({})).empty());
  BOOST_TEST(deframer.counters().status_only_packets == 2u);
  // A status-only short packet ends a read that had full packets before it.
  const Bytes a = counting(510, 9);
  BOOST_TEST(deframer.feed_transfer(concat({packet(a), packet({})})) == a,
             boost::test_tools::per_element());
  BOOST_TEST(deframer.counters().status_only_packets == 3u);
  BOOST_TEST(deframer.counters().packets == 4u);
  // An empty read (timeout) changes nothing.
  BOOST_TEST(deframer.feed_transfer({}).empty());
  BOOST_TEST(deframer.counters().packets == 4u);
}

BOOST_AUTO_TEST_CASE(data_ending_exactly_at_a_packet_boundary) {
  FtdiInDeframer deframer(512);
  const Bytes a = counting(510, 1), b = counting(510, 2);
  BOOST_TEST(deframer.feed_transfer(concat({packet(a), packet(b)})) == concat({a, b}),
             boost::test_tools::per_element());
  // The next read starts with a status again.
  BOOST_TEST(deframer.feed_transfer(packet({0xAA})) == Bytes({0xAA}),
             boost::test_tools::per_element());
  BOOST_TEST(deframer.counters().status_only_packets == 0u);
}

// Fed in pieces that end anywhere (inside the status, in the data, on the
// boundary), the result is the same as in one piece.
BOOST_AUTO_TEST_CASE(read_split_mid_packet) {
  const Bytes a = counting(510, 5), b = counting(510, 6), c = counting(33, 8);
  const Bytes stream = concat({packet(a), packet(b), packet(c)});
  const Bytes expected = concat({a, b, c});
  for (std::size_t first : {1u, 2u, 3u, 100u, 511u, 512u, 513u, 514u, 1000u, 1024u, 1025u}) {
    for (std::size_t second : {1u, 7u, 300u}) {
      FtdiInDeframer deframer(512);
      Bytes out;
      std::size_t at = 0;
      for (std::size_t piece : {first, second, stream.size()}) {
        const std::size_t take = std::min(piece, stream.size() - at);
        deframer.feed(std::span(stream).subspan(at, take), out);
        at += take;
      }
      deframer.end_transfer();
      BOOST_TEST(out == expected, "split at " << first << " then " << second);
      BOOST_TEST(deframer.counters().packets == 3u);
    }
  }
}

BOOST_AUTO_TEST_CASE(byte_by_byte) {
  const Bytes a = counting(510, 5), c = counting(10, 8);
  const Bytes stream = concat({packet(a), packet(c)});
  FtdiInDeframer deframer(512);
  Bytes out;
  for (std::uint8_t byte : stream) deframer.feed(std::span(&byte, 1), out);
  deframer.end_transfer();
  BOOST_TEST(out == concat({a, c}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(short_packet_ends_with_the_transfer) {
  // Two reads, each one short packet: the second read's first 2 bytes are status.
  FtdiInDeframer deframer(512);
  BOOST_TEST(deframer.feed_transfer(packet({1, 2})) == Bytes({1, 2}),
             boost::test_tools::per_element());
  BOOST_TEST(deframer.feed_transfer(packet({3})) == Bytes({3}), boost::test_tools::per_element());
}

// Overrun, parity, framing error or break: a 0x00 before that packet's data
// ends the damaged host link frame; the packet is counted.
BOOST_AUTO_TEST_CASE(line_errors_insert_a_delimiter) {
  for (const std::uint8_t error : Bytes{0x02, 0x04, 0x08, 0x10}) {
    FtdiInDeframer deframer(512);
    const Bytes out = deframer.feed_transfer(concat(
        {packet(counting(510, 1)), packet({7, 8}, static_cast<std::uint8_t>(line_idle | error))}));
    const Bytes expected = concat({counting(510, 1), {0x00, 7, 8}});
    BOOST_TEST(out == expected, "line status error bit 0x" << std::hex << int(error));
    BOOST_TEST(deframer.counters().line_error_packets == 1u);
    BOOST_TEST(deframer.counters().data_bytes == 512u);
  }
}

BOOST_AUTO_TEST_CASE(packet_size_must_leave_room_for_data) {
  BOOST_CHECK_THROW(FtdiInDeframer(2), std::invalid_argument);
}
