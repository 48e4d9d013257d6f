// link_frame_rx against the C++ framing library: frames built with
// encode_frame (every host frame type, empty, small and largest tails,
// random payloads) fed at random rates; descriptors, fixed bytes and ring
// contents checked exactly, with a dispatcher model that takes descriptors at
// random, reads the ring and frees it. Errors (one test per kind), credits,
// the ring's reserve for control frames, overrun, the error report, and fault
// injection over 10,000 frames compared with what FrameDecoder reports for
// the same bytes. Exact latencies.
#define BOOST_TEST_MODULE link_frame_rx
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "Vlink_frame_rx.h"
#include "bytes.hpp"
#include "link/cobs.hpp"
#include "link/crc32.hpp"
#include "link/frame_decoder.hpp"
#include "link/frame_encoder.hpp"
#include "link_frame_rx_driver.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;
namespace hl = ipsec_fpga::host_link;
using hl::layout::FrameType;
using Driver = LinkFrameRxDriver<Vlink_frame_rx>;

namespace {

constexpr unsigned kRingBytes = 4096;  // RING_ADDR_BITS = 10
constexpr unsigned kReserveBytes = 516;
constexpr unsigned kPacketSlots = 4;
constexpr unsigned kDescriptorEntries = 8;  // DESC_ADDR_BITS = 3

const std::vector<FrameType> kHostTypes = {FrameType::reg_read,       FrameType::reg_write,
                                           FrameType::sa_write,       FrameType::sa_read,
                                           FrameType::sa_erase,       FrameType::packet_submit,
                                           FrameType::credit_request, FrameType::link_error};

hl::layout::FrameInfo info_of(std::uint8_t type) { return *hl::layout::frame_info(type); }
hl::layout::FrameInfo info_of(FrameType type) { return info_of(static_cast<std::uint8_t>(type)); }

unsigned max_tail_units(const hl::layout::FrameInfo& info) {
  return info.tail_unit ? (hl::layout::max_payload - info.fixed_bytes) / info.tail_unit : 0;
}

std::string hex(std::uint64_t value, int digits) {
  char text[24];
  std::snprintf(text, sizeof text, "%0*llx", digits, static_cast<unsigned long long>(value));
  return text;
}

hl::Frame make_frame(std::mt19937_64& rng, FrameType type, unsigned tail_units) {
  const auto info = info_of(type);
  hl::Frame frame{type, static_cast<std::uint8_t>(1 + rng() % 255), {}};
  frame.payload = random_bytes(rng, info.fixed_bytes + tail_units * info.tail_unit);
  return frame;
}

// A random host frame; tails mostly short, now and then long.
hl::Frame random_frame(std::mt19937_64& rng, unsigned long_tail_percent = 5) {
  const FrameType type = kHostTypes[rng() % kHostTypes.size()];
  const auto info = info_of(type);
  unsigned units = 0;
  if (info.tail_unit) {
    const unsigned limit =
        rng() % 100 < long_tail_percent ? max_tail_units(info) : 200 / info.tail_unit;
    units = static_cast<unsigned>(rng() % (limit + 1));
  }
  return make_frame(rng, type, units);
}

Bytes wire_of(const Bytes& body) {
  Bytes wire = hl::cobs_encode(body);
  wire.push_back(0);
  return wire;
}

// A body with a correct CRC over whatever header and payload it is given.
Bytes body_with_crc(Bytes covered) {
  const std::uint32_t crc = hl::crc32(covered);
  for (int shift = 24; shift >= 0; shift -= 8)
    covered.push_back(static_cast<std::uint8_t>(crc >> shift));
  return covered;
}

void check_descriptor(const RxDescriptor& d, const hl::Frame& f, const std::string& what,
                      bool check_tail = true) {
  const auto info = info_of(f.type);
  const unsigned fixed = info.fixed_bytes;
  const std::uint64_t fixed_value =
      fixed ? load_be_u64(f.payload.data(), fixed) << (8 * (8 - fixed)) : 0;
  const Bytes tail(f.payload.begin() + fixed, f.payload.end());
  BOOST_TEST(d.type == static_cast<unsigned>(f.type),
             "link_frame_rx " << what << " type: expected " << hex(static_cast<unsigned>(f.type), 2)
                              << " got " << hex(d.type, 2));
  BOOST_TEST(d.tag == f.tag, "link_frame_rx " << what << " tag: expected " << hex(f.tag, 2)
                                              << " got " << hex(d.tag, 2));
  BOOST_TEST(d.length == f.payload.size(), "link_frame_rx " << what << " length: expected "
                                                            << f.payload.size() << " got "
                                                            << d.length);
  BOOST_TEST(d.fixed == fixed_value, "link_frame_rx " << what << " fixed: expected "
                                                      << hex(fixed_value, 16) << " got "
                                                      << hex(d.fixed, 16));
  BOOST_TEST(d.tail_bytes == tail.size(), "link_frame_rx " << what << " tail bytes: expected "
                                                           << tail.size() << " got "
                                                           << d.tail_bytes);
  if (!check_tail) return;
  BOOST_TEST(!d.no_credit, "link_frame_rx " << what << ": unexpected desc_no_credit");
  BOOST_TEST(d.tail == tail, "link_frame_rx " << what << " ring tail: expected " << to_hex(tail)
                                              << " got " << to_hex(d.tail));
}

// What the C++ decoder reports for a byte stream, as the receiver's counters
// and accepted frames. The C++ decoder accepts board-side frames; the board's
// receiver refuses them as unknown_type.
struct Reference {
  RxCounters counters{};
  std::vector<hl::Frame> frames;
  std::vector<hl::LinkError> errors;
};

Reference reference(const Bytes& stream) {
  Reference ref;
  hl::FrameDecoder decoder;
  for (auto& result : decoder.feed(stream)) {
    if (auto* frame = std::get_if<hl::Frame>(&result)) {
      if (info_of(frame->type).sender == hl::layout::Sender::board) {
        ++ref.counters.unknown_type;
        ref.errors.push_back({hl::LinkErrorKind::unknown_type, hl::encode_frame(*frame).size() - 1,
                              "board-side frame type"});
      } else {
        ++ref.counters.frames;
        ref.frames.push_back(*frame);
      }
      continue;
    }
    const auto& error = std::get<hl::LinkError>(result);
    ref.errors.push_back(error);
    switch (error.kind) {
      case hl::LinkErrorKind::crc:
        ++ref.counters.crc;
        break;
      case hl::LinkErrorKind::cobs:
        ++ref.counters.cobs;
        break;
      case hl::LinkErrorKind::length:
        ++ref.counters.length;
        break;
      case hl::LinkErrorKind::oversize:
        ++ref.counters.oversize;
        break;
      case hl::LinkErrorKind::unknown_type:
        ++ref.counters.unknown_type;
        break;
    }
  }
  return ref;
}

std::string counters_text(const RxCounters& c) {
  return "frames " + std::to_string(c.frames) + " crc " + std::to_string(c.crc) + " cobs " +
         std::to_string(c.cobs) + " length " + std::to_string(c.length) + " oversize " +
         std::to_string(c.oversize) + " unknown_type " + std::to_string(c.unknown_type) +
         " overrun " + std::to_string(c.overrun);
}

void check_counters(const RxCounters& actual, const RxCounters& expected, const std::string& what) {
  BOOST_TEST((actual == expected), "link_frame_rx " << what << " counters: expected "
                                                    << counters_text(expected) << " got "
                                                    << counters_text(actual));
}

std::uint32_t credit_bytes(Driver& rx) { return rx.sim()->credit_bytes; }
unsigned credit_packets(Driver& rx) { return rx.sim()->credit_packets; }

}  // namespace

BOOST_AUTO_TEST_CASE(after_reset) {
  std::mt19937_64 rng(1);
  Driver rx("link_frame_rx_after_reset", rng);
  rx.run(3);
  BOOST_TEST(rx.sim()->s_byte_tready == 1);
  BOOST_TEST(rx.sim()->desc_valid == 0);
  BOOST_TEST(rx.sim()->err_valid == 0);
  BOOST_TEST(rx.sim()->credit_tag == 0);
  BOOST_TEST(credit_packets(rx) == kPacketSlots);
  BOOST_TEST(credit_bytes(rx) == kRingBytes - kReserveBytes);
  check_counters(rx.counters(), {}, "after reset");
}

// Every host frame type with empty, small and largest tails, one frame at a
// time and then back to back, bytes and handshakes at random.
BOOST_AUTO_TEST_CASE(every_host_type) {
  std::mt19937_64 rng(test_seed("link_frame_rx.every_host_type", 0x4c494e4b01));
  Driver rx("link_frame_rx_every_host_type", rng);
  rx.set_jitter(30, 30, 30, 30);
  std::vector<hl::Frame> sent;
  for (FrameType type : kHostTypes) {
    const auto info = info_of(type);
    std::vector<unsigned> units = {0};
    if (info.tail_unit) units = {0, 1, 2, 3, 5, 64, max_tail_units(info) - 1, max_tail_units(info)};
    for (unsigned n : units)
      for (int repeat = 0; repeat < 3; ++repeat) {
        sent.push_back(make_frame(rng, type, n));
        rx.send(hl::encode_frame(sent.back()));
        rx.drain();  // one at a time: largest packets take most of the credit
      }
  }
  // Back to back, with idle delimiters now and then.
  for (int i = 0; i < 300; ++i) {
    sent.push_back(random_frame(rng, 0));
    rx.send(hl::encode_frame(sent.back()));
    if (rng() % 8 == 0) rx.send({0});
  }
  rx.drain();
  BOOST_TEST_REQUIRE(rx.descriptors().size() == sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i)
    check_descriptor(rx.descriptors()[i], sent[i],
                     std::string(info_of(sent[i].type).name) + " frame " + std::to_string(i));
  check_counters(rx.counters(), {static_cast<std::uint32_t>(sent.size()), 0, 0, 0, 0, 0, 0},
                 "every_host_type");
  BOOST_TEST(rx.errors().empty());
  // All freed: full credits again.
  BOOST_TEST(credit_packets(rx) == kPacketSlots);
  BOOST_TEST(credit_bytes(rx) == kRingBytes - kReserveBytes);
}

// Exact latencies: delimiter to desc_valid (FIFO empty) and to the verdict
// (counters, err_valid).
BOOST_AUTO_TEST_CASE(latency) {
  std::mt19937_64 rng(test_seed("link_frame_rx.latency", 0x4c494e4b02));
  Driver rx("link_frame_rx_latency", rng);
  for (FrameType type : kHostTypes) {
    const auto info = info_of(type);
    for (unsigned units : {0u, info.tail_unit ? 17u : 0u}) {
      const hl::Frame frame = make_frame(rng, type, units);
      rx.send(hl::encode_frame(frame));
      rx.drain();
      const std::uint64_t cycles = rx.valid_cycles().back() - rx.delimiter_cycles().back();
      BOOST_TEST(cycles == Driver::kDescriptorLatency,
                 "link_frame_rx latency " << info.name << " tail units " << units << ": expected "
                                          << Driver::kDescriptorLatency << " got " << cycles);
      check_descriptor(rx.descriptors().back(), frame, std::string(info.name) + " (latency)");
    }
  }
  // The verdict of a dropped frame: counters and err_valid.
  Bytes body = hl::frame_body(make_frame(rng, FrameType::reg_read, 0));
  body[5] ^= 0x10;
  const Bytes bad = wire_of(body);
  rx.hold_errors(true);
  rx.send(bad);
  rx.run_until([&] { return rx.sim()->err_valid != 0; }, 1000);
  const std::uint64_t cycles = rx.sim().cycle() - rx.delimiter_cycles().back();
  BOOST_TEST(cycles == Driver::kVerdictLatency, "link_frame_rx verdict latency: expected "
                                                    << Driver::kVerdictLatency << " got "
                                                    << cycles);
  BOOST_TEST(rx.sim()->rx_crc_errors == 1u);
}

// One test per error kind: the receiver's counters, err_reason and
// err_dropped equal what FrameDecoder reports for the same bytes.
BOOST_AUTO_TEST_CASE(errors_match_frame_decoder) {
  std::mt19937_64 rng(test_seed("link_frame_rx.errors", 0x4c494e4b03));
  Driver rx("link_frame_rx_errors", rng);
  rx.set_jitter(30, 30, 0, 30);

  struct Case {
    std::string name;
    Bytes wire;
  };
  std::vector<Case> cases;
  {  // crc: one flipped CRC bit
    Bytes body = hl::frame_body(make_frame(rng, FrameType::reg_write, 0));
    body.back() ^= 0x01;
    cases.push_back({"crc", wire_of(body)});
  }
  {  // crc: a flipped payload bit
    Bytes body = hl::frame_body(make_frame(rng, FrameType::packet_submit, 100));
    body[50] ^= 0x80;
    cases.push_back({"crc in payload", wire_of(body)});
  }
  {  // cobs: the last code byte points past the delimiter
    Bytes wire = hl::encode_frame(make_frame(rng, FrameType::sa_read, 0));
    wire.back() = 0x07;
    wire.push_back(0);
    cases.push_back({"cobs", wire});
  }
  {  // length: body shorter than header and CRC
    cases.push_back({"length short", wire_of(Bytes{0x01, 0x05, 0x00, 0x00, 0x12, 0x34, 0x56})});
  }
  {  // length: field disagrees with the bytes (CRC right over what was sent)
    Bytes covered = {0x01, 0x09, 0x00, 0x03, 0x00, 0x01};
    cases.push_back({"length field", wire_of(body_with_crc(covered))});
  }
  {  // length: payload does not fit the type (reg_read with 3 bytes; sa_write half a word)
    cases.push_back({"length reg_read", wire_of(body_with_crc({0x01, 0x09, 0x00, 0x03, 1, 2, 3}))});
    Bytes covered = {0x03, 0x0a, 0x00, 0x05, 0x00, 0x01, 0x02, 0xaa, 0xbb};
    cases.push_back({"length sa_write", wire_of(body_with_crc(covered))});
  }
  {  // oversize: 3,000 bytes before the delimiter
    Bytes wire(3000, 0x5a);
    wire.push_back(0);
    cases.push_back({"oversize encoded", wire});
  }
  {  // oversize: a consistent 2,049-byte payload (zeros keep the encoding short)
    Bytes covered = {0x06, 0x0b, 0x08, 0x01};
    Bytes payload = random_bytes(rng, 2049);
    for (std::size_t i = 0; i < payload.size(); i += 100) payload[i] = 0;
    covered.insert(covered.end(), payload.begin(), payload.end());
    cases.push_back({"oversize length", wire_of(body_with_crc(covered))});
  }
  {  // unknown type
    cases.push_back({"unknown type 0x42", wire_of(body_with_crc({0x42, 0x01, 0x00, 0x00}))});
  }
  // Board-side types, with payloads that fit them: refused as unknown_type.
  for (const auto& info : hl::layout::frames) {
    if (info.sender != hl::layout::Sender::board) continue;
    hl::Frame frame{info.type, 0, random_bytes(rng, info.fixed_bytes + info.tail_unit)};
    cases.push_back({"board type " + std::string(info.name), hl::encode_frame(frame)});
  }

  for (const Case& c : cases) {
    const Reference ref = reference(c.wire);
    BOOST_TEST_REQUIRE(ref.errors.size() == 1u, c.name);
    const RxCounters before = rx.counters();
    const std::size_t reports = rx.errors().size();
    rx.send(c.wire);
    // A valid frame after each: the receiver starts afresh after the delimiter.
    const hl::Frame good = make_frame(rng, FrameType::reg_read, 0);
    rx.send(hl::encode_frame(good));
    rx.drain();
    RxCounters expected = ref.counters;
    expected.frames += before.frames + 1;
    expected.crc += before.crc;
    expected.cobs += before.cobs;
    expected.length += before.length;
    expected.oversize += before.oversize;
    expected.unknown_type += before.unknown_type;
    check_counters(rx.counters(), expected, c.name);
    BOOST_TEST_REQUIRE(rx.errors().size() == reports + 1, c.name);
    const RxErrorReport& report = rx.errors().back();
    const unsigned want_reason = static_cast<unsigned>(ref.errors[0].kind);
    const auto want_dropped =
        static_cast<unsigned>(std::min<std::size_t>(ref.errors[0].dropped_bytes, 0xffff));
    BOOST_TEST(report.reason == want_reason, "link_frame_rx " << c.name << " err_reason: expected "
                                                              << want_reason << " got "
                                                              << unsigned(report.reason));
    BOOST_TEST(report.dropped == want_dropped, "link_frame_rx "
                                                   << c.name << " err_dropped: expected "
                                                   << want_dropped << " got " << report.dropped);
    BOOST_TEST(report.count == 1u, c.name);
    check_descriptor(rx.descriptors().back(), good, c.name + ", the frame after it");
  }
  // Nothing of the dropped frames reached the ring: all credits back.
  BOOST_TEST(credit_bytes(rx) == kRingBytes - kReserveBytes);
}

// 70,000 garbage bytes in one frame: err_dropped saturates, FrameDecoder
// counts them all; 70,000 one-byte frames: err_count saturates while held.
BOOST_AUTO_TEST_CASE(error_report_saturates) {
  std::mt19937_64 rng(test_seed("link_frame_rx.error_report", 0x4c494e4b04));
  Driver rx("link_frame_rx_error_report", rng);
  Bytes garbage(70000, 0x33);
  garbage.push_back(0);
  const Reference ref = reference(garbage);
  BOOST_TEST_REQUIRE(ref.errors.size() == 1u);
  BOOST_TEST(ref.errors[0].dropped_bytes == 70000u);
  rx.send(garbage);
  rx.drain();
  BOOST_TEST_REQUIRE(rx.errors().size() == 1u);
  BOOST_TEST(rx.errors()[0].dropped == 0xffffu);
  BOOST_TEST(rx.errors()[0].reason == static_cast<unsigned>(hl::LinkErrorKind::oversize));

  rx.hold_errors(true);
  Bytes tiny;
  for (int i = 0; i < 70000; ++i) tiny.insert(tiny.end(), {0x01, 0x00});
  rx.send(tiny);
  rx.drain();
  BOOST_TEST(rx.sim()->err_valid == 1);
  BOOST_TEST(rx.sim()->err_count == 0xffffu);
  BOOST_TEST(rx.sim()->err_dropped == 1u);
  BOOST_TEST(rx.sim()->rx_length_errors == 70000u);
  rx.hold_errors(false);
  rx.drain();
  BOOST_TEST(rx.sim()->err_valid == 0);

  // Clear strobes: each bit clears its own counter.
  rx.clear_counters(1u << 3);  // rx_length_errors
  rx.run(2);
  BOOST_TEST(rx.sim()->rx_length_errors == 0u);
  BOOST_TEST(rx.sim()->rx_oversize_errors == 1u);
  rx.clear_counters(1u << 4);
  rx.run(2);
  check_counters(rx.counters(), {}, "after clears");
}

// packet_submit without packet credit: a descriptor with desc_no_credit,
// nothing stored, the credit tag still moves.
BOOST_AUTO_TEST_CASE(no_credit) {
  std::mt19937_64 rng(test_seed("link_frame_rx.no_credit", 0x4c494e4b05));
  Driver rx("link_frame_rx_no_credit", rng);
  rx.set_jitter(20, 20, 20, 20);
  rx.hold_frees(true);
  std::vector<hl::Frame> sent;
  unsigned held = 0;
  for (unsigned i = 0; i < kPacketSlots; ++i) {  // every slot taken
    sent.push_back(make_frame(rng, FrameType::packet_submit, 10 + i));
    held += (10 + i + 3) / 4 * 4;
    rx.send(hl::encode_frame(sent.back()));
  }
  rx.drain();
  BOOST_TEST(credit_packets(rx) == 0u);
  BOOST_TEST(credit_bytes(rx) == kRingBytes - kReserveBytes - held);
  BOOST_TEST(rx.sim()->credit_tag == sent.back().tag);

  const hl::Frame refused = make_frame(rng, FrameType::packet_submit, 40);
  rx.send(hl::encode_frame(refused));
  const hl::Frame control = make_frame(rng, FrameType::sa_write, 4);  // control frames still pass
  rx.send(hl::encode_frame(control));
  rx.drain();
  BOOST_TEST_REQUIRE(rx.descriptors().size() == kPacketSlots + 2);
  for (unsigned i = 0; i < kPacketSlots; ++i)
    check_descriptor(rx.descriptors()[i], sent[i], "packet " + std::to_string(i));
  const RxDescriptor& d = rx.descriptors()[kPacketSlots];
  check_descriptor(d, refused, "no-credit packet", false);
  BOOST_TEST(d.no_credit);
  BOOST_TEST(rx.sim()->credit_tag == refused.tag);
  check_descriptor(rx.descriptors()[kPacketSlots + 1], control, "sa_write after no-credit packet");
  // The refused packet took no ring words: the sa_write's tail follows the last packet's.
  BOOST_TEST(rx.descriptors()[kPacketSlots + 1].tail_word == held / 4);
  rx.release_frees();
  rx.drain();
  BOOST_TEST(credit_packets(rx) == kPacketSlots);
  BOOST_TEST(credit_bytes(rx) == kRingBytes - kReserveBytes);

  // Byte credit: two packets that fill it exactly, a third of 1 byte is refused.
  rx.hold_frees(true);
  const unsigned total = kRingBytes - kReserveBytes;
  const hl::Frame big1 = make_frame(rng, FrameType::packet_submit, 2044);
  const hl::Frame big2 = make_frame(rng, FrameType::packet_submit, total - 2044);
  const hl::Frame one = make_frame(rng, FrameType::packet_submit, 1);
  for (const auto* f : {&big1, &big2, &one}) rx.send(hl::encode_frame(*f));
  rx.drain();
  BOOST_TEST_REQUIRE(rx.descriptors().size() == kPacketSlots + 5);
  check_descriptor(rx.descriptors()[kPacketSlots + 2], big1, "packet filling the credit (1)");
  check_descriptor(rx.descriptors()[kPacketSlots + 3], big2, "packet filling the credit (2)");
  check_descriptor(rx.descriptors()[kPacketSlots + 4], one, "packet beyond the byte credit", false);
  BOOST_TEST(rx.descriptors()[kPacketSlots + 4].no_credit);
  BOOST_TEST(credit_bytes(rx) == 0u);
  BOOST_TEST(credit_packets(rx) == kPacketSlots - 2);
  check_counters(rx.counters(), {kPacketSlots + 5, 0, 0, 0, 0, 0, 0}, "no_credit");
  rx.release_frees();
}

// The ring full of packets: a control frame still fits (the reserve), the
// next one does not (desc_no_credit, the dispatcher answers busy).
BOOST_AUTO_TEST_CASE(reserve_for_control_frames) {
  std::mt19937_64 rng(test_seed("link_frame_rx.reserve", 0x4c494e4b06));
  Driver rx("link_frame_rx_reserve", rng);
  rx.set_jitter(25, 25, 25, 25);
  rx.hold_frees(true);
  const unsigned total = kRingBytes - kReserveBytes;
  const hl::Frame p1 = make_frame(rng, FrameType::packet_submit, 1790);
  const hl::Frame p2 = make_frame(rng, FrameType::packet_submit, total - 1792);
  const hl::Frame sa1 = make_frame(rng, FrameType::sa_write, 128);   // 512 bytes
  const hl::Frame sa2 = make_frame(rng, FrameType::sa_write, 2);     // 8 bytes: 4 are left
  const hl::Frame small = make_frame(rng, FrameType::reg_write, 0);  // no tail: always fits
  for (const auto* f : {&p1, &p2, &sa1, &sa2, &small}) rx.send(hl::encode_frame(*f));
  rx.drain();
  BOOST_TEST_REQUIRE(rx.descriptors().size() == 5u);
  check_descriptor(rx.descriptors()[0], p1, "packet 1");
  check_descriptor(rx.descriptors()[1], p2, "packet 2");
  BOOST_TEST(credit_bytes(rx) == 0u);
  check_descriptor(rx.descriptors()[2], sa1, "sa_write in the reserve");
  check_descriptor(rx.descriptors()[3], sa2, "sa_write beyond the ring", false);
  BOOST_TEST(rx.descriptors()[3].no_credit);
  check_descriptor(rx.descriptors()[4], small, "reg_write with a full ring");
  // The ring wraps: after freeing, a large tail crosses its end.
  rx.release_frees();
  const hl::Frame wrap = make_frame(rng, FrameType::sa_write, 500);
  rx.send(hl::encode_frame(wrap));
  rx.drain();
  check_descriptor(rx.descriptors().back(), wrap, "sa_write across the ring's end");
  BOOST_TEST(rx.descriptors().back().tail_word + 500u > kRingBytes / 4);
}

// Descriptor FIFO full: the next frame is dropped as overrun; the stored ones
// come out intact and in order.
BOOST_AUTO_TEST_CASE(overrun) {
  std::mt19937_64 rng(test_seed("link_frame_rx.overrun", 0x4c494e4b07));
  Driver rx("link_frame_rx_overrun", rng);
  rx.set_jitter(30, 0, 0, 0);
  rx.hold_descriptors(true);
  rx.hold_errors(true);
  std::vector<hl::Frame> sent;
  for (unsigned i = 0; i < kDescriptorEntries + 2; ++i) {
    sent.push_back(
        make_frame(rng, i % 2 ? FrameType::sa_write : FrameType::reg_read, i % 2 ? 3 : 0));
    rx.send(hl::encode_frame(sent.back()));
  }
  rx.drain();
  BOOST_TEST(rx.sim()->err_valid == 1);
  BOOST_TEST(rx.sim()->err_reason == 6u);  // HL_LINK_ERROR_OVERRUN
  BOOST_TEST(rx.sim()->err_count == 2u);
  BOOST_TEST(rx.sim()->err_dropped == hl::encode_frame(sent.back()).size() - 1);
  check_counters(rx.counters(), {kDescriptorEntries, 0, 0, 0, 0, 0, 2}, "overrun");
  rx.hold_descriptors(false);
  rx.hold_errors(false);
  rx.drain();
  BOOST_TEST_REQUIRE(rx.descriptors().size() == kDescriptorEntries);
  for (unsigned i = 0; i < kDescriptorEntries; ++i)
    check_descriptor(rx.descriptors()[i], sent[i],
                     "frame " + std::to_string(i) + " before overrun");
  BOOST_TEST(credit_bytes(rx) == kRingBytes - kReserveBytes);
  // The overrun frames' tails left no trace: the next tail starts where the last stored one ended.
  const hl::Frame next = make_frame(rng, FrameType::sa_write, 2);
  rx.send(hl::encode_frame(next));
  rx.drain();
  check_descriptor(rx.descriptors().back(), next, "frame after overrun");
  BOOST_TEST(rx.descriptors().back().tail_word == (kDescriptorEntries / 2) * 3);
}

// 10,000 frames back to back, one in ten damaged (bit flip, dropped,
// duplicated or inserted byte): the receiver accepts exactly what
// FrameDecoder accepts, only frames sent unmodified, every clean frame that
// follows a clean one, and counts the same errors.
// Run at full byte rate and with 30% idle byte cycles.
void fault_injection(unsigned byte_busy_percent, std::uint64_t default_seed) {
  const std::string name = "link_frame_rx.fault_injection_busy" + std::to_string(byte_busy_percent);
  const std::uint64_t seed = test_seed(name, default_seed);
  std::mt19937_64 rng(seed);
  Driver rx(name, rng);
  rx.set_jitter(byte_busy_percent, 20, 30, 10);
  constexpr int kFrames = 10000;
  std::vector<hl::Frame> sent;
  std::vector<bool> damaged;
  unsigned harmless = 0;
  Bytes stream;
  for (int i = 0; i < kFrames; ++i) {
    sent.push_back(random_frame(rng, 1));
    Bytes wire = hl::encode_frame(sent.back());
    const bool damage = rng() % 10 == 0;
    damaged.push_back(damage);
    if (damage) {
      const std::size_t at = rng() % wire.size();
      switch (rng() % 4) {
        case 0:
          wire[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
          break;
        case 1:
          wire.erase(wire.begin() + static_cast<std::ptrdiff_t>(at));
          break;
        case 2:
          wire.insert(wire.begin() + static_cast<std::ptrdiff_t>(at), wire[at]);
          break;
        default:
          wire.insert(wire.begin() + static_cast<std::ptrdiff_t>(at),
                      static_cast<std::uint8_t>(rng()));
          break;
      }
    }
    // Damage that leaves the frame intact (an extra 0x00 before it or after
    // its delimiter) is no damage: the frame arrives unmodified.
    if (damage) {
      const auto alone = hl::FrameDecoder().feed(wire);
      if (alone.size() == 1 && std::holds_alternative<hl::Frame>(alone[0]) &&
          std::get<hl::Frame>(alone[0]) == sent.back()) {
        damaged.back() = false;
        ++harmless;
      }
    }
    stream.insert(stream.end(), wire.begin(), wire.end());
  }
  const Reference ref = reference(stream);
  rx.send(stream);
  rx.drain(20000000);
  const auto& got = rx.descriptors();

  check_counters(rx.counters(), ref.counters,
                 "fault injection (seed " + std::to_string(seed) + ")");
  BOOST_TEST_REQUIRE(got.size() == ref.frames.size());
  // Same frames as FrameDecoder, each one sent unmodified, in order.
  std::size_t next = 0;
  std::vector<bool> accepted(sent.size(), false);
  unsigned no_credit = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    check_descriptor(got[i], ref.frames[i], "fault injection frame " + std::to_string(i),
                     !got[i].no_credit);
    no_credit += got[i].no_credit;
    while (next < sent.size() && !(sent[next] == ref.frames[i] && !damaged[next])) ++next;
    BOOST_TEST_REQUIRE(next < sent.size(),
                       "accepted frame " << i << " is no unmodified sent frame after the previous");
    accepted[next++] = true;
  }
  unsigned clean_lost = 0;
  for (std::size_t i = 0; i < sent.size(); ++i)
    if (!damaged[i] && (i == 0 || !damaged[i - 1]) && !accepted[i]) ++clean_lost;
  BOOST_TEST(clean_lost == 0u, "clean frames after a clean frame not accepted: " << clean_lost);
  // The error reports account for every drop.
  unsigned reported = 0;
  for (const auto& e : rx.errors()) reported += e.count;
  BOOST_TEST(reported == ref.errors.size());
  BOOST_TEST(rx.counters().overrun == 0u);
  BOOST_TEST_MESSAGE(name << ": " << kFrames << " frames, "
                          << std::count(damaged.begin(), damaged.end(), true) << " damaged ("
                          << harmless << " harmless), " << got.size() << " accepted (" << no_credit
                          << " without credit), " << ref.errors.size() << " errors, "
                          << rx.sim().cycle() << " cycles");
}

BOOST_AUTO_TEST_CASE(fault_injection_full_rate) { fault_injection(0, 0x4c494e4b08); }
BOOST_AUTO_TEST_CASE(fault_injection_random_rate) { fault_injection(30, 0x4c494e4b09); }
