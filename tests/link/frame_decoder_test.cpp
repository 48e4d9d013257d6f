// The streaming decoder: any chunking gives the same frames; every kind of
// bad frame is reported with a message that names it, and the decoder
// resynchronizes at the next delimiter.
#define BOOST_TEST_MODULE host_link_decoder
#include "link/frame_decoder.hpp"

#include <boost/test/unit_test.hpp>
#include <random>

#include "frame_samples.hpp"
#include "link/cobs.hpp"
#include "link/crc32.hpp"
#include "link/frame_encoder.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::host_link;
using ipsec_fpga::host_link::test::describe;
using ipsec_fpga::host_link::test::random_frame;

namespace {

struct Stream {
  std::vector<Frame> frames;
  Bytes wire;
};

Stream random_stream(std::size_t count, std::mt19937_64& rng) {
  Stream stream;
  for (std::size_t i = 0; i < count; ++i) {
    stream.frames.push_back(random_frame(static_cast<std::uint8_t>(i), 40, rng));
    const Bytes wire = encode_frame(stream.frames.back());
    stream.wire.insert(stream.wire.end(), wire.begin(), wire.end());
  }
  return stream;
}

std::vector<Frame> frames_only(const std::vector<DecodeResult>& results) {
  std::vector<Frame> frames;
  for (const auto& result : results) {
    const Frame* frame = std::get_if<Frame>(&result);
    BOOST_TEST_REQUIRE(frame != nullptr, error_message(result));
    frames.push_back(*frame);
  }
  return frames;
}

// Decodes a frame's raw body (already COBS-encoded by the caller's choice).
LinkError error_for(const Bytes& encoded) {
  FrameDecoder decoder;
  Bytes wire = encoded;
  wire.push_back(0);
  const auto results = decoder.feed(wire);
  BOOST_TEST_REQUIRE(results.size() == 1u);
  const LinkError* error = std::get_if<LinkError>(&results[0]);
  BOOST_TEST_REQUIRE(error != nullptr, "a bad frame was delivered");
  return *error;
}

Bytes body_with_crc(Bytes head) {
  const std::uint32_t crc = crc32(head);
  for (int shift = 24; shift >= 0; shift -= 8)
    head.push_back(static_cast<std::uint8_t>(crc >> shift));
  return head;
}

}  // namespace

BOOST_AUTO_TEST_CASE(byte_by_byte_and_random_chunks_give_the_same_frames) {
  std::mt19937_64 rng(ipsec_fpga::verif::test_seed("host_link_decoder_chunks", 0x43484b));
  const Stream stream = random_stream(500, rng);
  FrameDecoder whole;
  BOOST_TEST((frames_only(whole.feed(stream.wire)) == stream.frames));

  FrameDecoder byte_by_byte;
  std::vector<DecodeResult> results;
  for (std::uint8_t byte : stream.wire)
    for (auto& r : byte_by_byte.feed(std::span(&byte, 1))) results.push_back(std::move(r));
  BOOST_TEST((frames_only(results) == stream.frames));

  for (int round = 0; round < 20; ++round) {
    FrameDecoder chunked;
    results.clear();
    std::uniform_int_distribution<std::size_t> chunk(0, 700);
    for (std::size_t at = 0; at < stream.wire.size();) {
      const std::size_t n = std::min(chunk(rng), stream.wire.size() - at);
      for (auto& r : chunked.feed(std::span(stream.wire).subspan(at, n)))
        results.push_back(std::move(r));
      at += n;
    }
    BOOST_TEST((frames_only(results) == stream.frames), "chunking round " << round);
    BOOST_TEST(chunked.pending_bytes() == 0u);
  }
}

BOOST_AUTO_TEST_CASE(idle_delimiters_are_ignored) {
  const Frame frame{layout::FrameType::sa_erase, 9, {0x00, 0x03}};
  Bytes wire{0, 0, 0};
  const Bytes one = encode_frame(frame);
  wire.insert(wire.end(), one.begin(), one.end());
  wire.insert(wire.end(), {0, 0});
  FrameDecoder decoder;
  BOOST_TEST((frames_only(decoder.feed(wire)) == std::vector<Frame>{frame}));
}

BOOST_AUTO_TEST_CASE(crc_mismatch_is_reported) {
  Bytes body = frame_body({layout::FrameType::reg_read, 7, {0x00, 0x02}});
  body.back() ^= 0x01;
  const LinkError error = error_for(cobs_encode(body));
  BOOST_TEST((error.kind == LinkErrorKind::crc));
  BOOST_TEST(error.message.find("CRC mismatch") != std::string::npos, error.message);
}

BOOST_AUTO_TEST_CASE(cobs_error_is_reported) {
  const LinkError error = error_for(Bytes{0x09, 0x11, 0x22});
  BOOST_TEST((error.kind == LinkErrorKind::cobs));
  BOOST_TEST(error.message.find("COBS") != std::string::npos, error.message);
}

BOOST_AUTO_TEST_CASE(length_mismatch_is_reported) {
  // The length field says 3, the frame holds 2 payload bytes.
  LinkError error = error_for(cobs_encode(body_with_crc({0x01, 0x07, 0x00, 0x03, 0x00, 0x02})));
  BOOST_TEST((error.kind == LinkErrorKind::length));
  BOOST_TEST(error.message.find("length field says 3") != std::string::npos, error.message);
  // Shorter than header and CRC.
  error = error_for(cobs_encode(Bytes{0x01, 0x02, 0x03}));
  BOOST_TEST((error.kind == LinkErrorKind::length));
  // Consistent length and CRC, but reg_read needs exactly 2 payload bytes.
  error = error_for(cobs_encode(body_with_crc({0x01, 0x07, 0x00, 0x01, 0x05})));
  BOOST_TEST((error.kind == LinkErrorKind::length));
  BOOST_TEST(error.message.find("reg_read") != std::string::npos, error.message);
}

BOOST_AUTO_TEST_CASE(oversize_is_reported_and_not_buffered) {
  // A payload of max_payload + 1 with a consistent length and CRC.
  Bytes head{0x06, 0x01, 0x08, 0x01, 0x00, 0x00, 0x01};
  head.resize(4 + 2049, 0x55);
  LinkError error = error_for(cobs_encode(body_with_crc(head)));
  BOOST_TEST((error.kind == LinkErrorKind::oversize));
  BOOST_TEST(error.message.find("oversize") != std::string::npos, error.message);
  // Endless garbage: reported once at the delimiter, then the next frame.
  FrameDecoder decoder;
  decoder.feed(Bytes(100000, 0x41));
  BOOST_TEST(decoder.pending_bytes() == 100000u);
  const Frame frame{layout::FrameType::reg_read, 3, {0x00, 0x01}};
  Bytes tail{0};
  const Bytes one = encode_frame(frame);
  tail.insert(tail.end(), one.begin(), one.end());
  const auto results = decoder.feed(tail);
  BOOST_TEST_REQUIRE(results.size() == 2u);
  BOOST_TEST((std::get<LinkError>(results[0]).kind == LinkErrorKind::oversize));
  BOOST_TEST(std::get<LinkError>(results[0]).dropped_bytes == 100000u);
  BOOST_TEST((std::get<Frame>(results[1]) == frame));
}

BOOST_AUTO_TEST_CASE(unknown_type_is_reported) {
  const LinkError error = error_for(cobs_encode(body_with_crc({0x42, 0x07, 0x00, 0x00})));
  BOOST_TEST((error.kind == LinkErrorKind::unknown_type));
  BOOST_TEST(error.message.find("unknown frame type") != std::string::npos, error.message);
}

BOOST_AUTO_TEST_CASE(garbage_before_a_frame_costs_one_error) {
  const Frame frame{layout::FrameType::credit, 0, {0x00, 0x00, 0x04, 0x00, 0x00, 0x10, 0x00}};
  Bytes wire{0x13, 0x37, 0xff, 0x00};
  const Bytes one = encode_frame(frame);
  wire.insert(wire.end(), one.begin(), one.end());
  FrameDecoder decoder;
  const auto results = decoder.feed(wire);
  BOOST_TEST_REQUIRE(results.size() == 2u);
  BOOST_TEST(std::holds_alternative<LinkError>(results[0]));
  BOOST_TEST((std::get<Frame>(results[1]) == frame), describe(std::get<Frame>(results[1])));
}
