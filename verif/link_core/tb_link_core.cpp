// The board core (rtl/link/ipsec_fpga_core.v) over its byte streams, as the
// host driver sees it: frames encoded with the host link library, the
// board's bytes decoded with FrameDecoder. Registers and their result codes,
// the SA table through sa_write / sa_read / sa_erase, packets of every suite
// both ways checked against the reference ESP model (as tb_esp_engine), the
// credit reports with several packets in flight, the link-level packet codes,
// events, link_error frames after damaged input, and recovery from garbage.
#define BOOST_TEST_MODULE ipsec_fpga_core
#include <boost/test/unit_test.hpp>

#include "Vipsec_fpga_core.h"
#include "engine_sa_pairs.hpp"
#include "ipsec_fpga_core_driver.hpp"
#include "link_core_host.hpp"
#include "sa_pair.hpp"
#include "test_seed.hpp"

namespace ipsec_fpga::verif::link_core {
namespace {

namespace fields = layout::fields;
namespace values = layout::values;
namespace regs = layout::registers;
using esp::Encapsulation;
using esp::EspStatus;
using esp::Mode;
using esp_rtl::EngineSaPair;
using esp_rtl::EngineSaPairs;
using esp_rtl::SaWords;
using FT = layout::FrameType;
using Core = IpsecFpgaCoreDriver<Vipsec_fpga_core>;
using Board = HostBoard<Vipsec_fpga_core>;

// The default build's figures (ipsec_fpga_core's parameters).
constexpr unsigned entry_bits = 6;
constexpr unsigned packet_slots = 4;
constexpr std::uint32_t byte_credits = 4096 - 516;
constexpr unsigned max_packet_bytes = 1920;
constexpr std::uint32_t clock_hz = 12'000'000;

// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(reset_credit_and_identification_registers) {
  Board board("link_core_identification", 1);
  BOOST_TEST(board.reset_credit.tag == 0u);
  BOOST_TEST(field(board.reset_credit.payload, fields::credit::credit_tag) == 0u);
  BOOST_TEST(field(board.reset_credit.payload, fields::credit::packets) == packet_slots);
  BOOST_TEST(field(board.reset_credit.payload, fields::credit::bytes) == byte_credits);

  const std::vector<std::pair<layout::Register, std::uint32_t>> expected = {
      {regs::protocol_version, layout::protocol_version},
      {regs::build_id, 0},
      {regs::clock_hz, clock_hz},
      {regs::sa_entries, 1u << entry_bits},
      {regs::sa_entry_words, 128},
      {regs::ciphers, 0xff},     // every sa_layout cipher value (null .. AES-GCM-256)
      {regs::integrities, 0xf},  // none, HMAC-MD5-96, HMAC-SHA1-96, HMAC-SHA256-128
      {regs::replay_window, 64},
      {regs::inbound_buffer_bytes, 2048},
      {regs::max_payload, layout::max_payload},
      {regs::max_packet_bytes, max_packet_bytes},
      {regs::packet_credits, packet_slots},
      {regs::byte_credits, byte_credits},
  };
  for (const auto& [reg, value] : expected) {
    BOOST_TEST_CONTEXT("register " << reg.name) {
      const auto [result, read] = board.reg_read(static_cast<std::uint16_t>(reg.address));
      BOOST_TEST(result == values::result::ok);
      BOOST_TEST(read == value);
      const auto [write_result, after] =
          board.reg_write(static_cast<std::uint16_t>(reg.address), 0x5a5a5a5a);
      BOOST_TEST(write_result == values::result::read_only);
      BOOST_TEST(after == value, "a refused write answers the unchanged value");
    }
  }
  for (const std::uint16_t address :
       {std::uint16_t{0x000b}, std::uint16_t{0x0014}, std::uint16_t{0x0028}, std::uint16_t{0x1234},
        std::uint16_t{0xffff}}) {
    BOOST_TEST_CONTEXT("unknown address " << address) {
      BOOST_TEST(
          (board.reg_read(address) == std::make_pair(unsigned{values::result::bad_address}, 0u)));
      BOOST_TEST((board.reg_write(address, 7) ==
                  std::make_pair(unsigned{values::result::bad_address}, 0u)));
    }
  }
  board.expect_nothing_else();
}

BOOST_AUTO_TEST_CASE(scratch_time_and_counters) {
  Board board("link_core_registers", 2);
  const auto sc = static_cast<std::uint16_t>(regs::scratch.address);
  BOOST_TEST(board.reg_read(sc).second == 0u);
  BOOST_TEST((board.reg_write(sc, 0xcafef00d) == std::make_pair(0u, 0xcafef00du)));
  BOOST_TEST(board.reg_read(sc).second == 0xcafef00du);
  // time: written, then read back (a second is 12 million cycles here; the
  // ticking is checked by tb_link_registers with a 10-cycle second).
  const auto tm = static_cast<std::uint16_t>(regs::time.address);
  BOOST_TEST((board.reg_write(tm, 1'700'000'000u) == std::make_pair(0u, 1'700'000'000u)));
  BOOST_TEST(board.reg_read(tm).second == 1'700'000'000u);

  // rx_frames counts every accepted frame, the reading one included: five
  // so far, this read the sixth.
  const auto rx = static_cast<std::uint16_t>(regs::rx_frames.address);
  BOOST_TEST(board.reg_read(rx).second == 6u);
  BOOST_TEST((board.reg_write(rx, 123) == std::make_pair(0u, 0u)));
  BOOST_TEST(board.reg_read(rx).second == 1u);
  // tx_frames: the reset credit frame and the eight responses so far.
  const auto tx = static_cast<std::uint16_t>(regs::tx_frames.address);
  BOOST_TEST(board.reg_read(tx).second == 1u + 8u);
  BOOST_TEST((board.reg_write(tx, 1) == std::make_pair(0u, 0u)));
  BOOST_TEST(board.reg_read(tx).second == 1u);  // the write's response
  for (const layout::Register& reg :
       {regs::rx_crc_errors, regs::rx_cobs_errors, regs::rx_length_errors, regs::rx_oversize_errors,
        regs::rx_unknown_type_errors, regs::rx_overrun_errors}) {
    BOOST_TEST(board.reg_read(static_cast<std::uint16_t>(reg.address)).second == 0u, reg.name);
    BOOST_TEST(
        (board.reg_write(static_cast<std::uint16_t>(reg.address), 0) == std::make_pair(0u, 0u)));
  }
  board.expect_nothing_else();
}

BOOST_AUTO_TEST_CASE(sa_write_read_back_and_erase) {
  const std::uint64_t seed = test_seed("link_core_sa", 4101);
  Board board("link_core_sa", seed, 20);
  EngineSaPairs pairs(entry_bits);
  const EngineSaPair pair =
      pairs.install(board, {esp::Cipher::aes256_cbc, esp::Integrity::hmac_sha256_128}, Mode::tunnel,
                    Encapsulation::ipv4_udp, false, board.core.rng());
  const SaWords written = esp_rtl::sa_image(*pair.receiver);
  const auto [result, words] = board.sa_read(pair.in_index, 0, 128);
  BOOST_TEST(result == values::result::ok);
  BOOST_TEST_REQUIRE(words.size() == 128u);
  for (unsigned word = 0; word < 128; ++word)
    BOOST_TEST(words[word] == (sa_layout::is_key_word(word) ? 0u : written[word]),
               "word " << word << (sa_layout::is_key_word(word) ? " (key: reads as zero)" : ""));
  // A part of the entry, and a partial write read back.
  const auto part = board.sa_read(pair.in_index, 1, 3);
  BOOST_TEST(part.first == values::result::ok);
  BOOST_TEST(part.second == std::vector<std::uint32_t>(written.begin() + 1, written.begin() + 4));
  BOOST_TEST((board.sa_write(pair.in_index, 120, {1, 2, 3}) == std::make_pair(0u, 3u)));
  BOOST_TEST(board.sa_read(pair.in_index, 120, 3).second == std::vector<std::uint32_t>({1, 2, 3}));

  // Result codes.
  using values::result::bad_entry;
  using values::result::bad_range;
  BOOST_TEST(board.sa_read(64, 0, 1).first == bad_entry);
  BOOST_TEST(board.sa_read(0xffff, 0, 1).first == bad_entry);
  BOOST_TEST((board.sa_write(64, 0, {1}) == std::make_pair(unsigned{bad_entry}, 0u)));
  BOOST_TEST(board.sa_erase(64) == bad_entry);
  BOOST_TEST(board.sa_read(0, 126, 3).first == bad_range);
  BOOST_TEST(board.sa_read(0, 0, 0).first == bad_range);
  BOOST_TEST(board.sa_read(0, 0, 129).first == bad_range);
  BOOST_TEST(board.sa_read(0, 0, 3).second.size() == 3u, "ok read of entry 0");
  BOOST_TEST((board.sa_write(0, 127, {1, 2}) == std::make_pair(unsigned{bad_range}, 0u)));
  BOOST_TEST((board.sa_write(0, 0, {}) == std::make_pair(unsigned{bad_range}, 0u)));

  // Erase: every word zero afterwards, the neighbour untouched.
  BOOST_TEST(board.sa_erase(pair.in_index) == values::result::ok);
  const auto erased = board.sa_read(pair.in_index, 0, 128);
  BOOST_TEST(erased.first == values::result::ok);
  BOOST_TEST(erased.second == std::vector<std::uint32_t>(128, 0));
  BOOST_TEST(board.sa_read(pair.out_index, 0, 1).second.at(0) ==
             esp_rtl::sa_image(*pair.sender)[0]);
  board.expect_nothing_else();
}

// Outbound packets of `pair` go out, come back in; each checked against the
// reference. Up to `in_flight` packets are submitted before results are read.
void round_trip(Board& board, EngineSaPairs& pairs, const EngineSaPair& pair,
                const std::vector<Bytes>& inners) {
  std::vector<std::uint8_t> tags;
  std::vector<esp::OutboundResult> expected;
  for (const Bytes& inner : inners) {
    expected.push_back(esp_rtl::reference_outbound(pair, inner));
    BOOST_TEST_REQUIRE((expected.back().status == EspStatus::ok));
    tags.push_back(board.submit(values::direction::outbound, pair.out_index, inner));
  }
  std::vector<Bytes> packets;
  for (std::size_t i = 0; i < inners.size(); ++i) {
    BOOST_TEST_CONTEXT("outbound packet " << i << " inner " << inners[i].size() << " bytes") {
      const PacketResult r = board.result(tags[i]);
      BOOST_TEST(r.direction == values::direction::outbound);
      BOOST_TEST(r.code == values::status::ok);
      BOOST_TEST(r.sa == pair.out_index);
      BOOST_TEST(r.spi == pair.sender->sa.spi);
      BOOST_TEST(r.sequence == expected[i].sequence);
      BOOST_TEST(r.events == 0u);
      BOOST_TEST(to_hex(r.bytes) == to_hex(expected[i].packet));
      packets.push_back(r.bytes);
    }
  }
  const auto form = static_cast<unsigned>(pair.receiver->sa.encapsulation);
  tags.clear();
  for (const Bytes& packet : packets)
    tags.push_back(board.submit(values::direction::inbound, form, packet));
  for (std::size_t i = 0; i < packets.size(); ++i) {
    BOOST_TEST_CONTEXT("inbound packet " << i) {
      const esp::InboundResult want =
          esp::process_inbound(pairs.reference, packets[i], pair.receiver->sa.encapsulation);
      const PacketResult r = board.result(tags[i]);
      BOOST_TEST(r.direction == values::direction::inbound);
      BOOST_TEST(r.code == static_cast<unsigned>(want.status));
      BOOST_TEST(r.sa == pair.in_index);
      BOOST_TEST(r.spi == pair.receiver->sa.spi);
      BOOST_TEST(r.sequence == want.sequence);
      BOOST_TEST(to_hex(r.bytes) == to_hex(want.inner));
    }
  }
}

BOOST_AUTO_TEST_CASE(packets_of_every_suite_both_ways) {
  const std::uint64_t seed = test_seed("link_core_suites", 4102);
  Board board("link_core_suites", seed, 20);
  std::mt19937_64& rng = board.core.rng();
  for (const esp::Suite& suite : esp::engine_suites()) {
    BOOST_TEST_CONTEXT("suite " << suite_name(suite) << " seed " << seed) {
      EngineSaPairs pairs(entry_bits);  // the same entries each suite: rekeyed in place
      const Mode mode = rng() % 2 ? Mode::tunnel : Mode::transport;
      const auto form = static_cast<Encapsulation>(rng() % 3);
      const EngineSaPair pair = pairs.install(board, suite, mode, form, rng() % 2 == 0, rng);
      std::vector<Bytes> inners;
      for (unsigned n = 0; n < 3; ++n) inners.push_back(esp::test::sample_inner(rng() % 700));
      round_trip(board, pairs, pair, inners);
    }
  }
  board.expect_nothing_else();
}

// The host sends as fast as its credits allow, computing them from the
// absolute reports: available = reported - what it sent after credit_tag.
// Nothing may come back no_credit, several packets must be in flight, and
// at the end the board reports every credit free again.
BOOST_AUTO_TEST_CASE(credits_with_packets_in_flight) {
  const std::uint64_t seed = test_seed("link_core_credits", 4103);
  Board board("link_core_credits", seed, 10);
  std::mt19937_64& rng = board.core.rng();
  EngineSaPairs pairs(entry_bits);
  const EngineSaPair pair =
      pairs.install(board, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}, Mode::tunnel,
                    Encapsulation::ipv4, false, rng);
  struct Sent {
    std::uint8_t tag;
    std::uint32_t bytes;
    esp::OutboundResult expected;
  };
  std::deque<Sent> outstanding;
  std::vector<Sent> history;
  unsigned reported_tag = 0, reported_packets = packet_slots;
  std::uint32_t reported_bytes = byte_credits;
  unsigned max_in_flight = 0;
  const unsigned total = 24;
  unsigned sent = 0, done = 0;
  auto available = [&]() {
    // Packets sent after the one the report counted up to.
    std::size_t from = 0;
    if (reported_tag != 0) {
      for (std::size_t i = history.size(); i-- > 0;)
        if (history[i].tag == reported_tag) {
          from = i + 1;
          break;
        }
    }
    long packets = static_cast<long>(reported_packets), bytes = static_cast<long>(reported_bytes);
    for (std::size_t i = from; i < history.size(); ++i) {
      --packets;
      bytes -= static_cast<long>(history[i].bytes);
    }
    return std::make_pair(packets, bytes);
  };
  while (done < total) {
    const Bytes inner = esp::test::sample_inner(200 + rng() % 1100);
    const auto rounded = static_cast<std::uint32_t>((inner.size() + 3) / 4 * 4);
    for (;;) {
      const auto [packets, bytes] = available();
      BOOST_TEST_REQUIRE(packets >= 0);
      BOOST_TEST_REQUIRE(bytes >= 0);
      if (sent < total && packets >= 1 && bytes >= static_cast<long>(rounded)) break;
      // Wait for the next result and take its report.
      BOOST_TEST_REQUIRE(!outstanding.empty());
      const Sent s = outstanding.front();
      outstanding.pop_front();
      const PacketResult r = board.result(s.tag);
      BOOST_TEST(r.code == values::status::ok);
      BOOST_TEST(to_hex(r.bytes) == to_hex(s.expected.packet));
      reported_tag = r.credit_tag;
      reported_packets = r.credit_packets;
      reported_bytes = r.credit_bytes;
      ++done;
      if (done == total) break;
    }
    if (sent == total) continue;
    Sent s{0, rounded, esp_rtl::reference_outbound(pair, inner)};
    s.tag = board.submit(values::direction::outbound, pair.out_index, inner);
    outstanding.push_back(s);
    history.push_back(s);
    ++sent;
    max_in_flight = std::max<unsigned>(max_in_flight, static_cast<unsigned>(outstanding.size()));
  }
  BOOST_TEST(max_in_flight >= 3u, "packets in flight at once: " << max_in_flight);
  const Frame credit = board.core.request({FT::credit_request, 0, {}});
  BOOST_TEST((credit.type == FT::credit));
  BOOST_TEST(field(credit.payload, fields::credit::credit_tag) == history.back().tag);
  BOOST_TEST(field(credit.payload, fields::credit::packets) == packet_slots);
  BOOST_TEST(field(credit.payload, fields::credit::bytes) == byte_credits);
  board.expect_nothing_else();
}

BOOST_AUTO_TEST_CASE(link_codes_without_the_engine) {
  const std::uint64_t seed = test_seed("link_core_link_codes", 4104);
  Board board("link_core_link_codes", seed, 0);
  std::mt19937_64& rng = board.core.rng();
  EngineSaPairs pairs(entry_bits);
  const EngineSaPair pair =
      pairs.install(board, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}, Mode::tunnel,
                    Encapsulation::ipv4, false, rng);
  const Bytes inner = esp::test::sample_inner(100);
  auto expect_refused = [&](const PacketResult& r, unsigned direction, unsigned code) {
    BOOST_TEST(r.direction == direction);
    BOOST_TEST(r.code == code);
    BOOST_TEST(r.sa == 0u);
    BOOST_TEST(r.spi == 0u);
    BOOST_TEST(r.sequence == 0u);
    BOOST_TEST(r.events == 0u);
    BOOST_TEST(r.bytes.empty());
  };
  expect_refused(board.process(2, pair.out_index, inner), 2, values::status::bad_direction);
  expect_refused(board.process(0xff, 0, {}), 0xff, values::status::bad_direction);
  expect_refused(board.process(values::direction::outbound, pair.out_index,
                               esp::test::sample_inner(max_packet_bytes + 1 - 28)),
                 values::direction::outbound, values::status::too_long);
  expect_refused(board.process(values::direction::outbound, 64, inner), values::direction::outbound,
                 values::status::no_sa);
  // The engine's own refusals come through too: an empty entry.
  const PacketResult empty = board.process(values::direction::outbound, 10, inner);
  BOOST_TEST(empty.code == static_cast<unsigned>(EspStatus::no_sa));
  BOOST_TEST(empty.bytes.empty());
  // The largest packet goes through.
  {
    const Bytes largest = esp::test::sample_inner(max_packet_bytes - 28);
    const esp::OutboundResult want = esp_rtl::reference_outbound(pair, largest);
    const PacketResult r = board.process(values::direction::outbound, pair.out_index, largest);
    BOOST_TEST(r.code == values::status::ok);
    BOOST_TEST(to_hex(r.bytes) == to_hex(want.packet));
  }

  // no_credit: the board's output blocked, so nothing it holds is freed.
  // Two packets first, until the board is stuck: their results sit in the
  // transmitter (whose COBS stage holds up to 254 bytes) and the dispatcher,
  // their ring slots are free again. Then eight more: the ring's four slots
  // take four (or one more, if the dispatcher could take another), the rest
  // come back no_credit, in order.
  board.core.block_output(true);
  std::vector<std::uint8_t> tags;
  for (unsigned n = 0; n < 10; ++n) {
    tags.push_back(board.submit(values::direction::outbound, pair.out_index, inner));
    if (n == 1) board.core.run(20'000);
  }
  while (board.core.input_pending() != 0) board.core.step();
  board.core.run(20'000);
  board.core.block_output(false);
  unsigned ok = 0, refused = 0;
  for (const std::uint8_t tag : tags) {
    const PacketResult r = board.result(tag);
    if (r.code == values::status::ok) {
      BOOST_TEST(refused == 0u, "an ok packet after a no_credit one");
      const esp::OutboundResult want = esp_rtl::reference_outbound(pair, inner);
      BOOST_TEST(to_hex(r.bytes) == to_hex(want.packet));
      ++ok;
    } else {
      expect_refused(r, values::direction::outbound, values::status::no_credit);
      ++refused;
    }
  }
  BOOST_TEST(ok >= 2 + packet_slots);
  BOOST_TEST(refused >= 1u);
  BOOST_TEST_MESSAGE("blocked output: " << ok << " packets taken, " << refused << " no_credit");
  board.expect_nothing_else();
}

BOOST_AUTO_TEST_CASE(soft_lifetime_event_follows_its_result) {
  const std::uint64_t seed = test_seed("link_core_event", 4105);
  Board board("link_core_event", seed, 0);
  std::mt19937_64& rng = board.core.rng();
  esp::SaTable reference;
  esp::SecurityAssociation sa = esp::test::make_sa(
      0x1000, esp::Direction::outbound, {esp::Cipher::aes128_gcm16, esp::Integrity::none},
      Mode::tunnel, Encapsulation::ipv4, rng);
  sa.lifetime.soft_packets = 2;
  EngineSaPair pair;
  pair.out_index = 4;
  pair.sender = &reference.add(std::move(sa));
  board.write_entry(pair.out_index, esp_rtl::sa_image(*pair.sender));
  for (unsigned n = 1; n <= 3; ++n) {
    BOOST_TEST_CONTEXT("packet " << n) {
      const Bytes inner = esp::test::sample_inner(64);
      const esp::OutboundResult want = esp_rtl::reference_outbound(pair, inner);
      const PacketResult r = board.process(values::direction::outbound, pair.out_index, inner);
      BOOST_TEST(to_hex(r.bytes) == to_hex(want.packet));
      const unsigned want_events = want.events.soft_lifetime ? 1u : 0u;
      BOOST_TEST(want_events == (n == 2 ? 1u : 0u));
      BOOST_TEST(r.events == want_events);
      board.core.run(400);
      if (want_events != 0) {
        // The event frame comes right after its packet_result.
        BOOST_TEST_REQUIRE(!board.core.received.empty());
        const Frame* event = std::get_if<Frame>(&board.core.received.front().result);
        BOOST_TEST_REQUIRE(event != nullptr);
        BOOST_TEST((event->type == FT::event));
        BOOST_TEST(event->tag == 0u);
        BOOST_TEST(field(event->payload, fields::event::direction) == values::direction::outbound);
        BOOST_TEST(field(event->payload, fields::event::events) ==
                   1u << values::event::soft_lifetime);
        BOOST_TEST(field(event->payload, fields::event::sa) == pair.out_index);
        BOOST_TEST(field(event->payload, fields::event::spi) == 0x1000u);
        board.core.received.pop_front();
      }
      BOOST_TEST(board.core.received.empty());
    }
  }
}

// Takes the next link_error frame; fails if another frame comes first.
Frame next_link_error(Board& board) {
  return std::get<Frame>(board.core
                             .wait_for([](const Frame& f) { return f.type == FT::link_error; },
                                       20'000, "link_error frame")
                             .result);
}

BOOST_AUTO_TEST_CASE(link_error_after_a_damaged_frame) {
  Board board("link_core_link_error", 6, 0);
  Bytes payload;
  put(payload, fields::reg_read::address, regs::scratch.address);
  Bytes wire = host_link::encode_frame({FT::reg_read, 0x42, payload});
  // Damage a CRC byte (never into 0x00): the frame fails its CRC.
  const std::size_t at = wire.size() - 3;
  wire[at] = static_cast<std::uint8_t>(wire[at] == 0x55 ? 0xaa : 0x55);
  board.core.send_bytes(wire);
  const Frame error = next_link_error(board);
  BOOST_TEST(error.tag == 0u);
  const auto reason = field(error.payload, fields::link_error::reason);
  BOOST_TEST((reason == values::link_error::crc || reason == values::link_error::cobs ||
              reason == values::link_error::length),
             "reason " << reason);
  BOOST_TEST(field(error.payload, fields::link_error::count) == 1u);
  BOOST_TEST(field(error.payload, fields::link_error::dropped_bytes) == wire.size() - 1);
  // A board-side type from the host is unknown_type.
  board.core.send({FT::reg_read_response, 0x43, Bytes(7, 1)});
  const Frame unknown = next_link_error(board);
  BOOST_TEST(field(unknown.payload, fields::link_error::reason) ==
             values::link_error::unknown_type);
  // A host link_error frame is taken and ignored: nothing answers it.
  Bytes report;
  put(report, fields::link_error::reason, values::link_error::crc);
  put(report, fields::link_error::count, 1);
  put(report, fields::link_error::dropped_bytes, 9);
  board.core.send({FT::link_error, 0, report});
  // The link goes on.
  BOOST_TEST(
      board.reg_read(static_cast<std::uint16_t>(regs::rx_unknown_type_errors.address)).second ==
      1u);
  const unsigned damaged =
      board.reg_read(static_cast<std::uint16_t>(regs::rx_crc_errors.address)).second +
      board.reg_read(static_cast<std::uint16_t>(regs::rx_cobs_errors.address)).second +
      board.reg_read(static_cast<std::uint16_t>(regs::rx_length_errors.address)).second;
  BOOST_TEST(damaged == 1u);
  board.expect_nothing_else();
}

BOOST_AUTO_TEST_CASE(garbage_then_recovery) {
  const std::uint64_t seed = test_seed("link_core_garbage", 4107);
  Board board("link_core_garbage", seed, 10);
  std::mt19937_64& rng = board.core.rng();
  // Random bytes (some 0x00 among them), a long run without a delimiter
  // (oversize), then a clean delimiter.
  Bytes garbage = random_bytes(rng, 3000);
  Bytes run = random_bytes(rng, 5000);
  for (std::uint8_t& b : run) b = static_cast<std::uint8_t>(b | 1);
  garbage.insert(garbage.end(), run.begin(), run.end());
  garbage.push_back(0);
  board.core.send_bytes(garbage);
  // Then normal traffic: every request answered.
  const auto sc = static_cast<std::uint16_t>(regs::scratch.address);
  BOOST_TEST((board.reg_write(sc, 0x600d) == std::make_pair(0u, 0x600du)));
  BOOST_TEST(board.reg_read(sc).second == 0x600du);
  // Every dropped frame is in some link_error report's count.
  unsigned reported = 0;
  for (const Received& r : board.core.received) {
    const Frame* f = std::get_if<Frame>(&r.result);
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST_REQUIRE((f->type == FT::link_error));
    reported += static_cast<unsigned>(field(f->payload, fields::link_error::count));
  }
  board.core.received.clear();
  unsigned counted = 0;
  for (const layout::Register& reg :
       {regs::rx_crc_errors, regs::rx_cobs_errors, regs::rx_length_errors, regs::rx_oversize_errors,
        regs::rx_unknown_type_errors, regs::rx_overrun_errors})
    counted += board.reg_read(static_cast<std::uint16_t>(reg.address)).second;
  BOOST_TEST(reported == counted, "frames reported dropped vs the error counters");
  BOOST_TEST(board.reg_read(static_cast<std::uint16_t>(regs::rx_oversize_errors.address)).second >=
             1u);
  BOOST_TEST_MESSAGE("garbage: " << counted << " frames dropped");
  board.expect_nothing_else();
}

// The board's latency per frame kind, with no idle cycles and no
// back-pressure: from the edge that took the request's last wire byte (its
// delimiter) to the edges that gave the response's first and last wire byte.
// The figures include link_frame_rx's checks and link_frame_tx's encoding;
// docs/link/ipsec_fpga_core.md tables them.
BOOST_AUTO_TEST_CASE(latency_per_frame_kind) {
  Board board("link_core_latency", 8, 0);
  Core& core = board.core;
  std::mt19937_64& rng = core.rng();
  core.run(10'000);  // the SA table zeroes itself after reset
  EngineSaPairs pairs(entry_bits);
  const EngineSaPair cbc =
      pairs.install(board, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}, Mode::tunnel,
                    Encapsulation::ipv4, false, rng);
  const EngineSaPair gcm = pairs.install(board, {esp::Cipher::aes128_gcm16, esp::Integrity::none},
                                         Mode::tunnel, Encapsulation::ipv4, false, rng);
  struct Timing {
    std::uint64_t first, last;
    Bytes payload;
  };
  auto timed = [&](Frame frame) {
    frame.tag = core.next_tag();
    core.send(frame);
    const auto type = frame.type == FT::credit_request
                          ? FT::credit
                          : static_cast<FT>(static_cast<unsigned>(frame.type) | 0x80);
    const std::uint8_t tag = frame.tag;
    const Received r = core.wait_for([&](const Frame& f) { return f.type == type && f.tag == tag; },
                                     400'000, "timed response");
    return Timing{r.first_byte_cycle - core.input_drained_cycle, r.cycle - core.input_drained_cycle,
                  std::get<Frame>(r.result).payload};
  };
  auto reg = [](FT type, unsigned address) {
    Bytes p;
    put(p, fields::reg_write::address, address);
    if (type == FT::reg_write) put(p, fields::reg_write::value, 0x12345678);
    return Frame{type, 0, p};
  };
  auto sa_read = [](unsigned words) {
    Bytes p;
    put(p, fields::sa_read::entry, 9);
    put(p, fields::sa_read::words, words);
    return Frame{FT::sa_read, 0, p};
  };
  auto submit = [](unsigned direction, unsigned selector, const Bytes& packet) {
    Bytes p;
    put(p, fields::packet_submit::direction, direction);
    put(p, fields::packet_submit::selector, selector);
    p.insert(p.end(), packet.begin(), packet.end());
    return Frame{FT::packet_submit, 0, p};
  };
  Bytes erase;
  put(erase, fields::sa_erase::entry, 9);

  struct Row {
    std::string kind;
    Timing timing;
  };
  std::vector<Row> rows;
  rows.push_back({"reg_read", timed(reg(FT::reg_read, regs::scratch.address))});
  rows.push_back({"reg_write", timed(reg(FT::reg_write, regs::scratch.address))});
  rows.push_back({"credit_request", timed({FT::credit_request, 0, {}})});
  rows.push_back({"sa_write 1 word", timed(board.sa_write_frame(9, 5, {7}))});
  rows.push_back({"sa_write 128 words",
                  timed(board.sa_write_frame(9, 0, std::vector<std::uint32_t>(128, 0x01020304)))});
  rows.push_back({"sa_read 1 word", timed(sa_read(1))});
  rows.push_back({"sa_read 128 words", timed(sa_read(128))});
  rows.push_back({"sa_erase", timed({FT::sa_erase, 0, erase})});
  rows.push_back({"packet_submit bad_direction", timed(submit(7, 0, {}))});
  for (const auto& [name, pair] :
       {std::pair{"AES-128-CBC+SHA1", cbc}, std::pair{"AES-128-GCM", gcm}}) {
    for (const std::size_t size : {64, 1400}) {
      const Bytes inner = esp::test::sample_inner(size - 28);
      const esp::OutboundResult want = esp_rtl::reference_outbound(pair, inner);
      Timing out = timed(submit(values::direction::outbound, pair.out_index, inner));
      BOOST_TEST(to_hex(tail(out.payload, fields::packet_result::bytes)) == to_hex(want.packet));
      rows.push_back({std::string("outbound ") + name + " " + std::to_string(size) + " B", out});
      Timing in = timed(submit(values::direction::inbound, 1, want.packet));
      BOOST_TEST(to_hex(tail(in.payload, fields::packet_result::bytes)) == to_hex(inner));
      rows.push_back({std::string("inbound ") + name + " " + std::to_string(size) + " B", in});
    }
  }
  // Measured with this build (rx, dispatcher, engine, tx); exact, as the
  // simulation is deterministic. docs/link/ipsec_fpga_core.md has the table.
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> expected = {
      {41, 57},     {41, 57},   {41, 57},   {43, 57},     {170, 184},  {45, 62},
      {410, 936},   {166, 178}, {61, 96},   {569, 740},   {488, 587},  {2355, 3857},
      {2679, 4119}, {359, 514}, {363, 462}, {1374, 2869}, {1768, 3208}};
  BOOST_TEST_REQUIRE(rows.size() == expected.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    BOOST_TEST_MESSAGE("latency " << rows[i].kind << ": first byte out " << rows[i].timing.first
                                  << ", last byte out " << rows[i].timing.last << " cycles");
    BOOST_TEST(rows[i].timing.first == expected[i].first, rows[i].kind << " first byte");
    BOOST_TEST(rows[i].timing.last == expected[i].second, rows[i].kind << " last byte");
  }

  // Overlap: two 1400-byte outbound packets back to back. The second one's
  // command and data go to the engine while the first result is being sent
  // (the other result buffer half), so its result follows sooner than a
  // packet that starts from nothing.
  const Bytes inner = esp::test::sample_inner(1400 - 28);
  const esp::OutboundResult want1 = esp_rtl::reference_outbound(cbc, inner);
  const esp::OutboundResult want2 = esp_rtl::reference_outbound(cbc, inner);
  const std::uint8_t tag1 = board.submit(values::direction::outbound, cbc.out_index, inner);
  const std::uint8_t tag2 = board.submit(values::direction::outbound, cbc.out_index, inner);
  const PacketResult r1 = board.result(tag1);
  const PacketResult r2 = board.result(tag2);
  BOOST_TEST(to_hex(r1.bytes) == to_hex(want1.packet));
  BOOST_TEST(to_hex(r2.bytes) == to_hex(want2.packet));
  const std::uint64_t alone = rows[11].timing.last;  // outbound CBC 1400 B
  const std::uint64_t gap = r2.cycle - r1.cycle;
  BOOST_TEST_MESSAGE("back to back: results " << gap << " cycles apart; one packet alone takes "
                                              << alone << " cycles from its last byte in");
  BOOST_TEST(gap < alone, "the second packet waited for the first result to be sent");
  board.expect_nothing_else();
}

// A control frame that finds no room in the ring is answered busy: the
// output blocked, the ring filled with packets up to the byte credits, one
// 128-word sa_write in the reserve, and a second one that no longer fits.
BOOST_AUTO_TEST_CASE(busy_when_the_ring_is_full) {
  const std::uint64_t seed = test_seed("link_core_busy", 4109);
  Board board("link_core_busy", seed, 0);
  std::mt19937_64& rng = board.core.rng();
  EngineSaPairs pairs(entry_bits);
  const EngineSaPair pair =
      pairs.install(board, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}, Mode::tunnel,
                    Encapsulation::ipv4, false, rng);
  const Bytes big = esp::test::sample_inner(1192 - 28);  // three fill the byte credits
  board.core.block_output(true);
  std::vector<std::uint8_t> tags;
  for (unsigned n = 0; n < 2; ++n)
    tags.push_back(board.submit(values::direction::outbound, pair.out_index, big));
  board.core.run(40'000);  // both results stuck in the transmitter and the dispatcher
  for (unsigned n = 0; n < 3; ++n)
    tags.push_back(board.submit(values::direction::outbound, pair.out_index, big));
  Frame first = board.sa_write_frame(20, 0, std::vector<std::uint32_t>(128, 0x11111111));
  Frame second = board.sa_write_frame(21, 0, std::vector<std::uint32_t>(128, 0x22222222));
  first.tag = board.core.next_tag();
  second.tag = board.core.next_tag();
  board.core.send(first);
  board.core.send(second);
  while (board.core.input_pending() != 0) board.core.step();
  board.core.run(1'000);
  board.core.block_output(false);
  for (const std::uint8_t tag : tags) {
    const esp::OutboundResult want = esp_rtl::reference_outbound(pair, big);
    const PacketResult r = board.result(tag);
    BOOST_TEST(r.code == values::status::ok);
    BOOST_TEST(to_hex(r.bytes) == to_hex(want.packet));
  }
  const Frame r1 = board.core.response_to(first);
  const Frame r2 = board.core.response_to(second);
  BOOST_TEST(field(r1.payload, fields::sa_write_response::result) == values::result::ok);
  BOOST_TEST(field(r1.payload, fields::sa_write_response::words) == 128u);
  BOOST_TEST(field(r2.payload, fields::sa_write_response::result) == values::result::busy);
  BOOST_TEST(field(r2.payload, fields::sa_write_response::words) == 0u);
  // Retried once there is room: ok, and the entries hold what was written.
  BOOST_TEST((board.sa_write(21, 0, std::vector<std::uint32_t>(128, 0x22222222)) ==
              std::make_pair(0u, 128u)));
  BOOST_TEST(board.sa_read(20, 64, 1).second.at(0) == 0x11111111u);
  BOOST_TEST(board.sa_read(21, 64, 1).second.at(0) == 0x22222222u);
  board.expect_nothing_else();
}

}  // namespace
}  // namespace ipsec_fpga::verif::link_core
