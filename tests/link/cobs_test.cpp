// COBS encoding and decoding: the published examples and the edge cases
// around 254-byte blocks and zeros at the ends.
#define BOOST_TEST_MODULE host_link_cobs
#include "link/cobs.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>

#include "test_seed.hpp"

using namespace ipsec_fpga::host_link;

namespace {

Bytes run(std::size_t length, std::uint8_t first) {
  Bytes bytes(length);
  for (std::size_t i = 0; i < length; ++i) bytes[i] = static_cast<std::uint8_t>(first + i % 255);
  for (auto& b : bytes)
    if (b == 0) b = 1;
  return bytes;
}

void check_round_trip(const Bytes& data, const std::string& name) {
  const Bytes encoded = cobs_encode(data);
  BOOST_TEST(std::count(encoded.begin(), encoded.end(), 0) == 0, name << ": 0x00 in the encoding");
  BOOST_TEST(encoded.size() <= cobs_max_encoded_size(data.size()), name << ": encoding too long");
  const CobsResult decoded = cobs_decode(encoded);
  BOOST_TEST_REQUIRE(decoded.data.has_value(), name << ": " << decoded.error);
  BOOST_TEST(*decoded.data == data, name << ": round trip changed the bytes");
}

}  // namespace

// Examples from the COBS paper / the Wikipedia article's table.
BOOST_AUTO_TEST_CASE(published_examples) {
  struct Example {
    Bytes data, encoded;
  };
  const Example examples[] = {
      {{}, {0x01}},
      {{0x00}, {0x01, 0x01}},
      {{0x00, 0x00}, {0x01, 0x01, 0x01}},
      {{0x00, 0x11, 0x00}, {0x01, 0x02, 0x11, 0x01}},
      {{0x11, 0x22, 0x00, 0x33}, {0x03, 0x11, 0x22, 0x02, 0x33}},
      {{0x11, 0x22, 0x33, 0x44}, {0x05, 0x11, 0x22, 0x33, 0x44}},
      {{0x11, 0x00, 0x00, 0x00}, {0x02, 0x11, 0x01, 0x01, 0x01}},
  };
  for (std::size_t i = 0; i < std::size(examples); ++i) {
    BOOST_TEST(cobs_encode(examples[i].data) == examples[i].encoded, "example " << i);
    BOOST_TEST(*cobs_decode(examples[i].encoded).data == examples[i].data, "example " << i);
  }
}

BOOST_AUTO_TEST_CASE(runs_of_254_and_255_non_zero_bytes) {
  // 254 non-zero bytes: one full block (0xFF) and an empty last block.
  Bytes b254 = run(254, 1);
  Bytes e254 = cobs_encode(b254);
  BOOST_TEST(e254.size() == 256u);
  BOOST_TEST(e254.front() == 0xFF);
  BOOST_TEST(e254.back() == 0x01);
  // 255: the full block, then a block of one.
  Bytes e255 = cobs_encode(run(255, 1));
  BOOST_TEST(e255.size() == 257u);
  BOOST_TEST(e255[255] == 0x02);
  for (std::size_t length : {253u, 254u, 255u, 256u, 508u, 509u, 2056u})
    check_round_trip(run(length, 1), "run of " + std::to_string(length));
  // A zero right after a full block, and full blocks ending in zeros.
  Bytes with_zero = run(254, 1);
  with_zero.push_back(0);
  with_zero.push_back(7);
  check_round_trip(with_zero, "254 then 0x00");
  check_round_trip(Bytes(300, 0), "300 zeros");
}

BOOST_AUTO_TEST_CASE(zeros_at_the_ends_and_empty) {
  check_round_trip({}, "empty");
  check_round_trip({0, 1, 2}, "zero first");
  check_round_trip({1, 2, 0}, "zero last");
  check_round_trip({0, 1, 2, 0}, "zeros both ends");
}

BOOST_AUTO_TEST_CASE(random_round_trips) {
  std::mt19937_64 rng(ipsec_fpga::verif::test_seed("host_link_cobs", 0x4c494e4b));
  std::uniform_int_distribution<int> byte(0, 255), length(0, 1200);
  for (int i = 0; i < 10000; ++i) {
    Bytes data(static_cast<std::size_t>(length(rng)));
    const int zero_share = byte(rng);  // from no zeros to mostly zeros
    for (auto& b : data) b = byte(rng) < zero_share ? 0 : static_cast<std::uint8_t>(byte(rng) | 1);
    check_round_trip(data, "random " + std::to_string(i));
  }
}

BOOST_AUTO_TEST_CASE(invalid_encodings_are_refused) {
  const CobsResult past_end = cobs_decode(Bytes{0x05, 0x11, 0x22});
  BOOST_TEST(!past_end.data.has_value());
  BOOST_TEST(past_end.error.find("past the end") != std::string::npos, past_end.error);
  const CobsResult zero = cobs_decode(Bytes{0x03, 0x00, 0x11});
  BOOST_TEST(!zero.data.has_value());
  BOOST_TEST(zero.error.find("0x00") != std::string::npos, zero.error);
}
