#define BOOST_TEST_MODULE host_datapath_udp_encapsulation
#include "host/datapath/udp_encapsulation.hpp"

#include <boost/test/unit_test.hpp>
#include <vector>

using namespace ipsec_fpga::host;
using Bytes = std::vector<std::uint8_t>;

namespace {
Bytes bytes(std::initializer_list<int> values, std::size_t pad_to = 0) {
  Bytes b;
  for (int v : values) b.push_back(static_cast<std::uint8_t>(v));
  if (b.size() < pad_to) b.resize(pad_to, 0xaa);
  return b;
}
}  // namespace

BOOST_AUTO_TEST_CASE(esp_is_passed_whole) {
  const Bytes d = bytes({0x00, 0x00, 0x01, 0x05, 0, 0, 0, 1}, 60);  // SPI 0x105, sequence 1
  const UdpPayload p = classify_udp_4500(d);
  BOOST_TEST(to_string(p.kind) == "esp");
  BOOST_TEST(p.payload.data() == d.data());
  BOOST_TEST(p.payload.size() == d.size());
  // The smallest ESP the socket hands on: SPI and sequence number.
  BOOST_TEST(to_string(classify_udp_4500(bytes({0, 0, 0, 1, 0, 0, 0, 1})).kind) == "esp");
}

BOOST_AUTO_TEST_CASE(non_esp_marker_is_ike) {
  const Bytes d = bytes({0, 0, 0, 0, 0x11, 0x22}, 4 + 28);
  const UdpPayload p = classify_udp_4500(d);
  BOOST_TEST(to_string(p.kind) == "ike");
  BOOST_TEST(p.payload.data() == d.data() + 4, "the marker is removed");
  BOOST_TEST(p.payload.size() == 28u);
}

BOOST_AUTO_TEST_CASE(keepalive_is_ignored) {
  BOOST_TEST(to_string(classify_udp_4500(bytes({0xff})).kind) == "keepalive");
  // 0xFF with anything after it is not a keepalive.
  BOOST_TEST(to_string(classify_udp_4500(bytes({0xff, 0xff})).kind) == "malformed");
}

BOOST_AUTO_TEST_CASE(short_datagrams_are_malformed_with_a_reason) {
  struct Case {
    Bytes datagram;
    std::string why;
  };
  const Case cases[] = {
      {{}, "UDP 4500 datagram of 0 bytes"},
      {bytes({0x00}), "UDP 4500 datagram of 1 bytes"},
      {bytes({0x01, 0x02, 0x03}), "UDP 4500 datagram of 3 bytes"},
      {bytes({0, 0, 1, 5, 0, 0, 0}), "ESP in UDP of 7 bytes (< 8)"},
      {bytes({0, 0, 0, 0}), "non-ESP marker followed by 0 bytes, shorter than an ISAKMP header"},
      {bytes({0, 0, 0, 0}, 31),
       "non-ESP marker followed by 27 bytes, shorter than an ISAKMP header"},
  };
  for (const Case& c : cases) {
    const UdpPayload p = classify_udp_4500(c.datagram);
    BOOST_TEST(to_string(p.kind) == "malformed", c.datagram.size()
                                                     << " bytes: " << to_string(p.kind));
    BOOST_TEST(p.why == c.why);
  }
}
