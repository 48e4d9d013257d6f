// The frame CRC is CRC-32 of IEEE 802.3 (zlib's crc32).
#define BOOST_TEST_MODULE host_link_crc
#include "link/crc32.hpp"

#include <boost/test/unit_test.hpp>
#include <string_view>

using ipsec_fpga::host_link::crc32;

namespace {
std::uint32_t crc_of(std::string_view text) {
  return crc32({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}
}  // namespace

// Check values from the CRC catalogue (CRC-32/ISO-HDLC) and zlib.
BOOST_AUTO_TEST_CASE(known_values) {
  BOOST_TEST(crc_of("123456789") == 0xCBF43926u);
  BOOST_TEST(crc_of("") == 0x00000000u);
  BOOST_TEST(crc_of("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
}
