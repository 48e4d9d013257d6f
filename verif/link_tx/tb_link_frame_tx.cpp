// link_frame_tx and link_cobs_encoder against the C++ framing library
// (driver/link): every frame the RTL sends must be byte for byte what
// encode_frame() makes of the request, and FrameDecoder must deliver it with
// no link error. Random requests of every board frame type under random
// back-pressure, idle gaps and long UART-like stalls; the tail memory is
// overwritten as soon as req_ready says the frame was read; exact cycles
// without back-pressure (docs/link/link_frame_tx.md).
#define BOOST_TEST_MODULE link_frame_tx
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "Vlink_cobs_encoder.h"
#include "Vlink_frame_tx.h"
#include "handshake_jitter.hpp"
#include "link/cobs.hpp"
#include "link/frame_decoder.hpp"
#include "link/frame_encoder.hpp"
#include "link/host_link_layout.hpp"
#include "link_cobs_encoder_driver.hpp"
#include "link_frame_tx_driver.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;
namespace hl = ipsec_fpga::host_link;
namespace layout = hl::layout;

namespace {

using TxDriver = LinkFrameTxDriver<Vlink_frame_tx>;
using EncoderDriver = LinkCobsEncoderDriver<Vlink_cobs_encoder>;

// --- Exact cycles without back-pressure (docs/link/link_frame_tx.md) --------
// E = encoded bytes of the body (delimiter excluded) = body + full 254-byte
// blocks + 1. Counted inclusively from the cycle req_valid rises (the body's
// first byte is taken in it) to the cycle the delimiter is taken.
std::uint64_t frame_cycles(std::size_t encoded) {
  return std::min<std::size_t>(encoded, 255) + encoded + 2;
}
// The first wire byte, counted the same way: the output starts once the body
// is complete or 256 encoded bytes ahead, and then runs without a gap.
std::uint64_t first_byte_cycles(std::size_t encoded) {
  return std::min<std::size_t>(encoded, 255) + 2;
}

// Full 254-byte COBS blocks that end before body byte `before` (each costs
// the encoder one cycle in which it takes no body byte).
std::size_t full_blocks_before(const Bytes& body, std::size_t before) {
  std::size_t run = 0, blocks = 0;
  for (std::size_t i = 0; i < before && i < body.size(); ++i) {
    run = body[i] == 0 ? 0 : run + 1;
    if (run == 254) {
      ++blocks;
      run = 0;
    }
  }
  return blocks;
}

std::string hex(const Bytes& bytes, std::size_t limit = 48) {
  std::string text;
  char digits[4];
  for (std::size_t i = 0; i < bytes.size() && i < limit; ++i) {
    std::snprintf(digits, sizeof digits, "%02x", bytes[i]);
    text += digits;
  }
  if (bytes.size() > limit) text += "...(" + std::to_string(bytes.size()) + " bytes)";
  return text;
}

std::vector<layout::FrameInfo> board_frames() {
  std::vector<layout::FrameInfo> infos;
  for (const auto& info : layout::frames)
    if (info.sender != layout::Sender::host) infos.push_back(info);
  return infos;
}

// --- Payload contents ----------------------------------------------------------
enum class Fill { random, many_zeros, no_zeros, all_zeros, runs };
constexpr Fill kFills[] = {Fill::random, Fill::many_zeros, Fill::no_zeros, Fill::all_zeros,
                           Fill::runs};

std::uint8_t non_zero(std::mt19937_64& rng) { return static_cast<std::uint8_t>(1 + rng() % 255); }

// `runs`: runs of non-zero bytes just below, at and above one and two full
// COBS blocks, separated by zeros, starting at a random offset so they fall
// across block boundaries in every way.
Bytes fill_bytes(std::mt19937_64& rng, std::size_t size, Fill fill) {
  Bytes bytes;
  bytes.reserve(size);
  switch (fill) {
    case Fill::random:
      while (bytes.size() < size) bytes.push_back(static_cast<std::uint8_t>(rng()));
      break;
    case Fill::many_zeros:
      while (bytes.size() < size) bytes.push_back(rng() % 2 ? 0 : non_zero(rng));
      break;
    case Fill::no_zeros:
      while (bytes.size() < size) bytes.push_back(non_zero(rng));
      break;
    case Fill::all_zeros:
      bytes.assign(size, 0);
      break;
    case Fill::runs: {
      static constexpr std::size_t kRuns[] = {1, 252, 253, 254, 255, 256, 507, 508, 509};
      for (std::size_t lead = rng() % 6; lead > 0 && bytes.size() < size; --lead)
        bytes.push_back(static_cast<std::uint8_t>(rng()));
      while (bytes.size() < size) {
        bytes.push_back(0);
        for (std::size_t n = kRuns[rng() % std::size(kRuns)]; n > 0 && bytes.size() < size; --n)
          bytes.push_back(non_zero(rng));
      }
      break;
    }
  }
  return bytes;
}

std::size_t max_tail(const layout::FrameInfo& info) {
  if (info.tail_unit == 0) return 0;
  return (layout::max_payload - info.fixed_bytes) / info.tail_unit * info.tail_unit;
}

// Tail sizes: none, small, medium, large, the largest.
std::size_t pick_tail(std::mt19937_64& rng, const layout::FrameInfo& info) {
  if (info.tail_unit == 0) return 0;
  const std::size_t largest = max_tail(info);
  const auto kind = rng() % 20;
  std::size_t bytes;
  if (kind < 4)
    bytes = 0;
  else if (kind < 9)
    bytes = 1 + rng() % 16;
  else if (kind < 15)
    bytes = 17 + rng() % 600;
  else if (kind < 18)
    bytes = 617 + rng() % (largest - 616);
  else
    bytes = largest;
  bytes = std::min(largest, std::max<std::size_t>(bytes / info.tail_unit, 1) * info.tail_unit);
  return kind < 4 ? 0 : bytes;
}

hl::Frame make_frame(std::mt19937_64& rng, const layout::FrameInfo& info, std::size_t tail,
                     Fill fill) {
  return {info.type, static_cast<std::uint8_t>(rng()),
          fill_bytes(rng, info.fixed_bytes + tail, fill)};
}

TxRequest request_for(const hl::Frame& frame, const layout::FrameInfo& info) {
  TxRequest request;
  request.type = static_cast<std::uint8_t>(frame.type);
  request.tag = frame.tag;
  request.fixed.assign(frame.payload.begin(), frame.payload.begin() + info.fixed_bytes);
  request.tail.assign(frame.payload.begin() + info.fixed_bytes, frame.payload.end());
  return request;
}

std::string describe(std::size_t index, const hl::Frame& frame, const layout::FrameInfo& info) {
  return "link_frame_tx frame " + std::to_string(index) + " (" + std::string(info.name) + ", tag " +
         std::to_string(frame.tag) + ", " + std::to_string(frame.payload.size()) +
         " payload bytes)";
}

// Splits wire bytes after the initial 0x00 into encoded frames with delimiters.
std::vector<Bytes> split_frames(const Bytes& wire) {
  std::vector<Bytes> frames;
  Bytes current;
  for (std::size_t i = 1; i < wire.size(); ++i) {
    current.push_back(wire[i]);
    if (wire[i] == 0) {
      frames.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) frames.push_back(std::move(current));
  return frames;
}

void check_violations(const std::vector<std::string>& violations) {
  for (const auto& v : violations) BOOST_TEST(false, "link_frame_tx contract: " << v);
}

}  // namespace

BOOST_AUTO_TEST_CASE(reset_sends_one_delimiter) {
  TxDriver tx("link_frame_tx_reset", 1);
  tx.run(200);
  BOOST_TEST(hex(tx.wire()) == "00",
             "link_frame_tx after reset: expected 00 got " << hex(tx.wire()));
  BOOST_TEST(tx.frames_sent() == 0u);
  check_violations(tx.violations());

  // Held by the sink: the 0x00 waits, then goes out once.
  TxDriver held("link_frame_tx_reset_held", 2);
  held.ready_policy = [] { return false; };
  held.run(500);
  BOOST_TEST(held.wire().empty());
  held.ready_policy = [] { return true; };
  held.run(10);
  BOOST_TEST(hex(held.wire()) == "00");
}

// Every board frame type, sizes around the COBS block boundaries and every
// content pattern, one frame at a time with the sink always ready: the exact
// cycles of docs/link/link_frame_tx.md.
BOOST_AUTO_TEST_CASE(exact_cycles_without_backpressure) {
  std::mt19937_64 rng(test_seed("link_frame_tx.exact_cycles", 0x7e1c0de));
  TxDriver tx("link_frame_tx_exact", rng());
  tx.run(5);  // the 0x00 after reset
  std::vector<hl::Frame> sent;
  std::size_t checked = 0;
  for (const auto& info : board_frames()) {
    std::vector<std::size_t> tails{0};
    if (info.tail_unit != 0) {
      for (std::size_t bytes : {1,   3,   4,   8,   238, 239, 240, 241, 242, 243, 244, 245,  246,
                                247, 248, 249, 250, 251, 252, 492, 496, 500, 504, 505, 1000, 2022})
        tails.push_back(bytes / info.tail_unit * info.tail_unit);
      tails.push_back(max_tail(info));
    }
    for (std::size_t tail : tails) {
      if (tail > max_tail(info)) continue;
      for (Fill fill : kFills) {
        const hl::Frame frame = make_frame(rng, info, tail, fill);
        const Bytes body = hl::frame_body(frame);
        const Bytes expected = hl::encode_frame(frame);
        const std::size_t encoded = expected.size() - 1;
        const std::size_t before = tx.wire().size();
        tx.submit(request_for(frame, info));
        BOOST_REQUIRE(tx.run_until_sent(sent.size() + 1, 100000));
        tx.run(2);
        sent.push_back(frame);
        const TxRecord& r = tx.records().back();
        const std::string what = describe(sent.size() - 1, frame, info);
        const Bytes actual(tx.wire().begin() + static_cast<std::ptrdiff_t>(before),
                           tx.wire().end());
        BOOST_TEST(actual == expected,
                   what << ": expected " << hex(expected) << " got " << hex(actual));
        const std::uint64_t cycles = r.delimiter - r.presented + 1;
        BOOST_TEST(cycles == frame_cycles(encoded),
                   what << ": " << encoded << " encoded bytes, expected " << frame_cycles(encoded)
                        << " cycles got " << cycles);
        BOOST_TEST(r.first_byte - r.presented + 1 == first_byte_cycles(encoded),
                   what << ": first byte expected in cycle " << first_byte_cycles(encoded)
                        << " got " << r.first_byte - r.presented + 1);
        const std::size_t read_bytes = layout::header_bytes + frame.payload.size();
        const std::uint64_t read_cycles = read_bytes + full_blocks_before(body, read_bytes - 1) + 1;
        BOOST_TEST(r.read - r.presented + 1 == read_cycles, what << ": req_ready expected in cycle "
                                                                 << read_cycles << " got "
                                                                 << r.read - r.presented + 1);
        BOOST_TEST(r.frame_sent == r.delimiter + 1, what << ": frame_sent not the cycle after");
        ++checked;
      }
    }
  }
  BOOST_TEST(tx.frames_sent() == sent.size());
  check_violations(tx.violations());
  BOOST_TEST_MESSAGE("link_frame_tx exact cycles: " << checked << " frames");
}

// Back to back (the next request waits when the previous one was read),
// sink always ready. Frame k's body is taken from cycle s_k = s_0 + sum of
// (E_j + 1) over the frames before it; its output starts once the previous
// delimiter went out and its body is complete or 256 bytes ahead, then runs
// without a gap: delimiter d_k = max(d_(k-1) + 1, s_k + min(E_k, 255) + 1) + E_k.
// Frames of equal size: one wire byte per cycle, a frame every E + 1 cycles.
std::vector<std::uint64_t> back_to_back_delimiters(std::uint64_t first_taken,
                                                   const std::vector<std::size_t>& encoded) {
  std::vector<std::uint64_t> delimiters;
  std::uint64_t taken = first_taken, last = 0;
  for (std::size_t e : encoded) {
    const std::uint64_t start = std::max<std::uint64_t>(delimiters.empty() ? 0 : last + 1,
                                                        taken + std::min<std::size_t>(e, 255) + 1);
    last = start + e;
    delimiters.push_back(last);
    taken += e + 1;
  }
  return delimiters;
}

BOOST_AUTO_TEST_CASE(back_to_back_one_byte_per_cycle) {
  std::mt19937_64 rng(test_seed("link_frame_tx.back_to_back", 0xb2b));
  const auto infos = board_frames();
  const layout::FrameInfo* result = nullptr;
  for (const auto& info : infos)
    if (info.type == layout::FrameType::packet_result) result = &info;
  for (int largest = 0; largest < 2; ++largest) {
    TxDriver tx("link_frame_tx_back_to_back", rng());
    tx.run(5);
    std::vector<hl::Frame> frames;
    std::vector<std::size_t> encoded;
    for (int i = 0; i < 60; ++i) {
      const auto& info = largest ? *result : infos[rng() % infos.size()];
      const std::size_t tail = largest ? max_tail(info) : pick_tail(rng, info);
      frames.push_back(make_frame(rng, info, tail, kFills[rng() % std::size(kFills)]));
      encoded.push_back(hl::encode_frame(frames.back()).size() - 1);
      tx.submit(request_for(frames.back(), info));
    }
    BOOST_REQUIRE(tx.run_until_sent(frames.size(), 1000000));
    Bytes expected{0};
    std::uint64_t wire_bytes = 0;
    for (const auto& frame : frames) {
      const Bytes one = hl::encode_frame(frame);
      expected.insert(expected.end(), one.begin(), one.end());
      wire_bytes += one.size();
    }
    BOOST_TEST(tx.wire() == expected, "link_frame_tx back to back: wire differs");
    const auto& rec = tx.records();
    const auto model = back_to_back_delimiters(rec.front().presented, encoded);
    for (std::size_t i = 0; i < frames.size(); ++i)
      BOOST_TEST(rec[i].delimiter == model[i],
                 "link_frame_tx back to back frame "
                     << i << " (" << encoded[i] << " encoded bytes): delimiter expected in cycle "
                     << model[i] << " got " << rec[i].delimiter);
    const std::uint64_t span = rec.back().delimiter - rec.front().first_byte + 1;
    BOOST_TEST_MESSAGE("link_frame_tx back to back ("
                       << (largest ? "largest packet_result" : "mixed") << "): " << wire_bytes
                       << " wire bytes in " << span << " cycles");
    check_violations(tx.violations());
  }
}

// Random board frames under random back-pressure, idle gaps and long stalls;
// the tail memory is overwritten once req_ready pulsed. miss_percent: tail
// reads a shared memory refuses (tail_rd_miss), as link_shared_ram does when
// another user has its port.
void random_frames(const char* name, std::uint64_t seed, std::size_t kFrames,
                   unsigned miss_percent) {
  std::mt19937_64 rng(seed);
  TxDriver tx(name, rng());
  HandshakeJitter sink(rng, 30), caller(rng, 30), memory(rng, miss_percent);
  if (miss_percent != 0) tx.miss_policy = [&] { return !memory.offer(); };
  std::uint64_t stall = 0, stalls = 0;
  tx.ready_policy = [&] {
    if (stall > 0) return --stall, false;
    if (rng() % 20000 == 0) {
      stall = 1000 + rng() % 4000;  // a UART holding the link
      ++stalls;
    }
    return sink.offer();
  };
  tx.present_policy = [&] { return caller.offer(); };

  const auto infos = board_frames();
  std::vector<hl::Frame> frames;
  std::vector<const layout::FrameInfo*> types;
  Bytes expected{0};
  for (std::size_t i = 0; i < kFrames; ++i) {
    const auto& info = infos[rng() % infos.size()];
    frames.push_back(
        make_frame(rng, info, pick_tail(rng, info), kFills[rng() % std::size(kFills)]));
    types.push_back(&info);
    const Bytes one = hl::encode_frame(frames.back());
    expected.insert(expected.end(), one.begin(), one.end());
    tx.submit(request_for(frames.back(), info));
  }
  BOOST_REQUIRE(tx.run_until_sent(kFrames, 200000000));
  tx.run(100);
  check_violations(tx.violations());
  BOOST_TEST(tx.frames_sent() == kFrames);
  BOOST_TEST(tx.presented() == kFrames);

  // Byte for byte what encode_frame makes of each request.
  const auto actual_frames = split_frames(tx.wire());
  const auto expected_frames = split_frames(expected);
  BOOST_REQUIRE(!tx.wire().empty());
  BOOST_TEST(tx.wire()[0] == 0, "link_frame_tx: first wire byte after reset is not 0x00");
  BOOST_TEST(actual_frames.size() == expected_frames.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < std::min(actual_frames.size(), expected_frames.size()); ++i)
    if (actual_frames[i] != expected_frames[i] && ++mismatches <= 5)
      BOOST_TEST(false, describe(i, frames[i], *types[i])
                            << ": expected " << hex(expected_frames[i]) << " got "
                            << hex(actual_frames[i]));
  BOOST_TEST(mismatches == 0u);

  // And what the host's decoder makes of the wire.
  hl::FrameDecoder decoder;
  const auto results = decoder.feed(tx.wire());
  BOOST_TEST(results.size() == kFrames);
  std::size_t errors = 0, wrong = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (const auto* error = std::get_if<hl::LinkError>(&results[i])) {
      if (++errors <= 5) BOOST_TEST(false, "link_frame_tx frame " << i << ": " << error->message);
    } else if (i < frames.size() && std::get<hl::Frame>(results[i]) != frames[i]) {
      if (++wrong <= 5) BOOST_TEST(false, describe(i, frames[i], *types[i]) << ": decoded differs");
    }
  }
  BOOST_TEST(errors == 0u);
  BOOST_TEST(wrong == 0u);
  BOOST_TEST(decoder.pending_bytes() == 0u);

  // req_ready only after the frame was read: its last tail word read before.
  for (std::size_t i = 0; i < kFrames; ++i) {
    const auto& r = tx.records()[i];
    BOOST_TEST((r.read > r.presented && r.read < r.delimiter),
               "link_frame_tx frame " << i << ": req_ready at " << r.read << ", presented "
                                      << r.presented << ", delimiter " << r.delimiter);
  }
  if (miss_percent != 0) BOOST_TEST(tx.reads_missed() > 0u, "link_frame_tx: no read was refused");
  BOOST_TEST_MESSAGE(name << ": " << kFrames << " frames, " << tx.wire().size() << " wire bytes, "
                          << tx.sim().cycle() << " cycles, " << stalls << " long stalls, "
                          << tx.reads_missed() << " tail reads refused");
}

// At least 10,000 random board frames, every tail read served.
BOOST_AUTO_TEST_CASE(random_frames_against_decoder) {
  random_frames("link_frame_tx_random", test_seed("link_frame_tx.random", 0x11f7a3e), 10000, 0);
}

// The shared-memory form (USE_SPRAM builds): 30% of the tail reads refused.
BOOST_AUTO_TEST_CASE(random_frames_with_refused_reads) {
  random_frames("link_frame_tx_refused_reads", test_seed("link_frame_tx.refused_reads", 0x5a3e1d),
                2000, 30);
}

// The encoder alone: bodies of any length (also beyond a frame and the ring),
// against cobs_encode, under back-pressure on both sides; and its exact cycles.
BOOST_AUTO_TEST_CASE(cobs_encoder_against_cobs_encode) {
  std::mt19937_64 rng(test_seed("link_cobs_encoder.random", 0xc0b5));
  std::vector<Bytes> bodies;
  for (std::size_t n : {1, 2, 253, 254, 255, 256, 507, 508, 509, 510, 4000})
    for (Fill fill : kFills) bodies.push_back(fill_bytes(rng, n, fill));
  for (int i = 0; i < 3000; ++i) {
    const std::size_t n = rng() % 8 == 0 ? 1 + rng() % 5000 : 1 + rng() % 300;
    bodies.push_back(fill_bytes(rng, n, kFills[rng() % std::size(kFills)]));
  }
  Bytes expected{0};
  for (const auto& body : bodies) {
    const Bytes one = hl::cobs_encode(body);
    expected.insert(expected.end(), one.begin(), one.end());
    expected.push_back(0);
  }

  {  // Back-pressure and idle cycles on both sides.
    EncoderDriver enc("link_cobs_encoder_random");
    HandshakeJitter source(rng, 30), sink(rng, 30);
    enc.valid_policy = [&] { return source.offer(); };
    enc.ready_policy = [&] { return sink.offer(); };
    for (const auto& body : bodies) enc.submit(body);
    BOOST_REQUIRE(enc.run_until_delimiters(bodies.size(), 100000000));
    enc.step();  // frame_sent follows the delimiter by one cycle
    BOOST_TEST(enc.wire() == expected, "link_cobs_encoder random: wire differs from cobs_encode");
    BOOST_TEST(enc.frames_sent() == bodies.size());
  }
  {  // One body at a time, no back-pressure: exact cycles.
    EncoderDriver enc("link_cobs_encoder_exact");
    for (std::size_t i = 0; i < bodies.size(); ++i) {
      enc.submit(bodies[i]);
      BOOST_REQUIRE(enc.run_until_delimiters(i + 1, 100000));
      const auto& t = enc.timings()[i];
      const std::size_t encoded = hl::cobs_encode(bodies[i]).size();
      BOOST_TEST(t.delimiter - t.first_taken + 1 == frame_cycles(encoded),
                 "link_cobs_encoder body " << i << " (" << bodies[i].size() << " bytes, " << encoded
                                           << " encoded): expected " << frame_cycles(encoded)
                                           << " cycles got " << t.delimiter - t.first_taken + 1);
    }
    BOOST_TEST(enc.wire() == expected, "link_cobs_encoder one at a time: wire differs");
  }
}
