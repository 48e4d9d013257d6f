// Every frame type survives encode_frame -> FrameDecoder, with empty, small
// and largest tails; the wire form has the documented byte layout.
#define BOOST_TEST_MODULE host_link_frames
#include <boost/test/unit_test.hpp>
#include <random>

#include "frame_samples.hpp"
#include "link/cobs.hpp"
#include "link/crc32.hpp"
#include "link/frame_decoder.hpp"
#include "link/frame_encoder.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::host_link;
using ipsec_fpga::host_link::test::describe;
using ipsec_fpga::host_link::test::random_frame;

namespace {

void check_round_trip(const Frame& frame) {
  const Bytes wire = encode_frame(frame);
  BOOST_TEST(wire.back() == 0x00, describe(frame) << ": no delimiter");
  BOOST_TEST(std::count(wire.begin(), wire.end() - 1, 0) == 0, describe(frame) << ": 0x00 inside");
  FrameDecoder decoder;
  const auto results = decoder.feed(wire);
  BOOST_TEST_REQUIRE(results.size() == 1u, describe(frame));
  const Frame* decoded = std::get_if<Frame>(&results[0]);
  BOOST_TEST_REQUIRE(decoded != nullptr, describe(frame) << ": " << error_message(results[0]));
  BOOST_TEST((*decoded == frame), describe(frame) << " came back as " << describe(*decoded));
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_frame_type_round_trips) {
  std::mt19937_64 rng(ipsec_fpga::verif::test_seed("host_link_frames", 0x46524d));
  for (const layout::FrameInfo& info : layout::frames) {
    const std::size_t largest = info.tail_unit ? layout::max_payload : 0;
    for (std::size_t items : {std::size_t{0}, std::size_t{1}, std::size_t{3}, largest})
      for (int i = 0; i < 20; ++i)
        check_round_trip(random_frame(info, items, static_cast<std::uint8_t>(i * 13), rng));
  }
}

BOOST_AUTO_TEST_CASE(body_layout_is_type_tag_length_payload_crc) {
  const Frame frame{layout::FrameType::reg_write, 0x5a, {0x00, 0x12, 0xde, 0xad, 0xbe, 0xef}};
  const Bytes body = frame_body(frame);
  const Bytes head{0x02, 0x5a, 0x00, 0x06, 0x00, 0x12, 0xde, 0xad, 0xbe, 0xef};
  BOOST_TEST_REQUIRE(body.size() == head.size() + 4);
  BOOST_TEST(Bytes(body.begin(), body.begin() + 10) == head);
  const std::uint32_t crc = crc32(head);
  BOOST_TEST(body[10] == (crc >> 24));
  BOOST_TEST(body[13] == (crc & 0xff));
  Bytes wire = cobs_encode(body);
  wire.push_back(0);
  BOOST_TEST(encode_frame(frame) == wire);
}

BOOST_AUTO_TEST_CASE(layout_tables_are_consistent) {
  for (const layout::FrameInfo& info : layout::frames) {
    BOOST_TEST(layout::frame_info(static_cast<std::uint8_t>(info.type))->name == info.name);
    BOOST_TEST(info.fixed_bytes <= layout::max_payload);
  }
  BOOST_TEST(!layout::frame_info(0x00).has_value());
  BOOST_TEST(layout::fields::packet_result::bytes.offset == 26u);
  BOOST_TEST(layout::registers::protocol_version.address == 0u);
  BOOST_TEST(!layout::registers::clock_hz.writable);
  BOOST_TEST(layout::registers::scratch.writable);
}

BOOST_AUTO_TEST_CASE(encoder_refuses_payloads_that_do_not_fit) {
  BOOST_CHECK_THROW(encode_frame({layout::FrameType::reg_read, 1, Bytes(3)}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(encode_frame({layout::FrameType::sa_write, 1, Bytes(3 + 5)}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(encode_frame({layout::FrameType::packet_submit, 1, Bytes(2049)}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(encode_frame({static_cast<layout::FrameType>(0x42), 1, {}}),
                    std::invalid_argument);
}
