// Faults on the wire at a steady rate over 20,000 frames: random bit flips,
// dropped, duplicated and inserted bytes. A corrupted frame is reported as an
// error or lost with its neighbour, never delivered as a different frame;
// every clean frame is delivered, whatever came before it.
#define BOOST_TEST_MODULE host_link_fault_injection
#include <boost/test/unit_test.hpp>
#include <random>

#include "frame_samples.hpp"
#include "link/frame_decoder.hpp"
#include "link/frame_encoder.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::host_link;
using ipsec_fpga::host_link::test::describe;
using ipsec_fpga::host_link::test::random_frame;

namespace {

enum class Fault { none, bit_flip, drop, duplicate, insert };
const char* const fault_names[] = {"none", "bit flip", "dropped byte", "duplicated byte",
                                   "inserted byte"};

struct Sent {
  Frame frame;
  Fault fault = Fault::none;
  bool merges_with_next = false;  // its delimiter was lost
};

// Applies `fault` to one frame's wire bytes (delimiter included).
bool corrupt(Bytes& wire, Fault fault, std::mt19937_64& rng) {
  std::uniform_int_distribution<std::size_t> position(0, wire.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255), bit(0, 7);
  const std::size_t at = position(rng);
  const bool is_delimiter = at == wire.size() - 1;
  switch (fault) {
    case Fault::bit_flip:
      wire[at] ^= static_cast<std::uint8_t>(1u << bit(rng));
      return is_delimiter;
    case Fault::drop:
      wire.erase(wire.begin() + static_cast<std::ptrdiff_t>(at));
      return is_delimiter;
    case Fault::duplicate:
      wire.insert(wire.begin() + static_cast<std::ptrdiff_t>(at), wire[at]);
      return false;
    case Fault::insert:
      wire.insert(wire.begin() + static_cast<std::ptrdiff_t>(at),
                  static_cast<std::uint8_t>(byte(rng)));
      return false;
    case Fault::none:
      break;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(steady_faults_never_deliver_a_wrong_frame) {
  constexpr std::size_t frame_count = 20000;
  constexpr double fault_rate = 0.1;  // one frame in ten gets one fault
  std::mt19937_64 rng(ipsec_fpga::verif::test_seed("host_link_fault_injection", 0x4641554c54));
  std::bernoulli_distribution faulty(fault_rate);
  std::uniform_int_distribution<int> kind(1, 4);

  std::vector<Sent> sent;
  Bytes wire;
  std::size_t faults[5] = {};
  for (std::size_t i = 0; i < frame_count; ++i) {
    Sent s{random_frame(static_cast<std::uint8_t>(i), 24, rng)};
    Bytes bytes = encode_frame(s.frame);
    if (faulty(rng)) {
      s.fault = static_cast<Fault>(kind(rng));
      s.merges_with_next = corrupt(bytes, s.fault, rng);
    }
    ++faults[static_cast<int>(s.fault)];
    wire.insert(wire.end(), bytes.begin(), bytes.end());
    sent.push_back(std::move(s));
  }

  // Random chunks, as a transport would hand them over.
  FrameDecoder decoder;
  std::vector<DecodeResult> results;
  std::uniform_int_distribution<std::size_t> chunk(1, 512);
  for (std::size_t at = 0; at < wire.size();) {
    const std::size_t n = std::min(chunk(rng), wire.size() - at);
    for (auto& r : decoder.feed(std::span(wire).subspan(at, n))) results.push_back(std::move(r));
    at += n;
  }

  // Delivered frames come in order: each must equal a sent frame a little
  // ahead of the cursor (tags differ between neighbours, so a corrupted
  // frame cannot pass for one); every frame skipped must have been
  // corrupted or lost its start to the previous frame, and a gap needs an
  // error reported inside it.
  constexpr std::size_t window = 8;
  std::size_t cursor = 0, delivered = 0, errors = 0, errors_in_gap = 0;
  std::size_t error_kinds[6] = {};
  for (const DecodeResult& result : results) {
    if (const LinkError* error = std::get_if<LinkError>(&result)) {
      BOOST_TEST_REQUIRE(!error->message.empty());
      ++errors;
      ++errors_in_gap;
      ++error_kinds[static_cast<int>(error->kind)];
      continue;
    }
    const Frame& frame = std::get<Frame>(result);
    std::size_t match = cursor;
    while (match < sent.size() && match < cursor + window && !(sent[match].frame == frame)) ++match;
    BOOST_TEST_REQUIRE(
        (match < sent.size() && match < cursor + window),
        "a frame nobody sent was delivered: " << describe(frame) << " near frame " << cursor);
    for (std::size_t lost = cursor; lost < match; ++lost) {
      const bool clean =
          sent[lost].fault == Fault::none && (lost == 0 || !sent[lost - 1].merges_with_next);
      BOOST_TEST_REQUIRE(
          !clean, "clean frame " << lost << " (" << describe(sent[lost].frame) << ") was lost");
    }
    if (match > cursor)
      BOOST_TEST_REQUIRE(errors_in_gap > 0u, "frames " << cursor << ".." << match - 1
                                                       << " vanished without an error report");
    errors_in_gap = 0;
    cursor = match + 1;
    ++delivered;
  }
  for (std::size_t lost = cursor; lost < sent.size(); ++lost)
    BOOST_TEST_REQUIRE((sent[lost].fault != Fault::none),
                       "clean frame " << lost << " lost at the end");

  BOOST_TEST_MESSAGE("host_link fault injection: "
                     << frame_count << " frames, " << frame_count - faults[0] << " corrupted ("
                     << faults[1] << " " << fault_names[1] << ", " << faults[2] << " "
                     << fault_names[2] << ", " << faults[3] << " " << fault_names[3] << ", "
                     << faults[4] << " " << fault_names[4] << "), " << delivered << " delivered, "
                     << errors << " errors (crc " << error_kinds[1] << ", cobs " << error_kinds[2]
                     << ", length " << error_kinds[3] << ", oversize " << error_kinds[4]
                     << ", unknown type " << error_kinds[5] << ")");
  BOOST_TEST(delivered >= frame_count - 2 * (frame_count - faults[0]));
  BOOST_TEST(errors > 0u);
}
