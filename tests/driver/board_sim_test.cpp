// The driver against the simulated board: the Verilated ipsec_fpga_core
// behind SimTransport, opened as "sim:". Capabilities, registers, SAs
// (install, update, remove, key masking), packets of every suite both ways
// against the ESP reference model, counters, a soft-lifetime event and a
// sequence-overflow event. IPSEC_FPGA_FST=<dir> writes a waveform per test.
#define BOOST_TEST_MODULE driver_board_sim
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include "board/board.hpp"
#include "bytes.hpp"
#include "cbc_onchip_iv.hpp"
#include "esp_inbound.hpp"
#include "esp_outbound.hpp"
#include "sim/open_sim_transport.hpp"
#include "sim_board_pair.hpp"
#include "test_sas.hpp"
#include "test_seed.hpp"
#include "transport/transport_clock.hpp"

using namespace ipsec_fpga;
using namespace ipsec_fpga::driver;
namespace esp = verif::esp;
using test::BoardPair;
using test::install_pair;
using test::reference_outbound;
using test::suite_name;
using verif::to_hex;

namespace {

std::unique_ptr<Board> open_sim(const std::string& test) {
  std::string uri = "sim:";
  if (const char* dir = std::getenv("IPSEC_FPGA_FST"); dir != nullptr && *dir != '\0') {
    std::filesystem::create_directories(dir);
    uri += "fst=" + std::string(dir) + "/driver_" + test + ".fst";
  }
  return open_board(uri);
}

}  // namespace

BOOST_AUTO_TEST_CASE(capabilities_of_the_sim_board) {
  auto board = open_sim("capabilities");
  const Capabilities& c = board->capabilities();
  BOOST_TEST_MESSAGE(board->description() << ": " << c.summary());
  BOOST_TEST(c.protocol_version == host_link::layout::protocol_version);
  BOOST_TEST(c.sa_entry_words == 128u);
  BOOST_TEST(c.sa_entries >= 2u);
  BOOST_TEST(c.clock_hz > 0u);
  BOOST_TEST(c.suites().size() == esp::engine_suites().size());
  BOOST_TEST(c.max_payload == host_link::layout::max_payload);
  BOOST_TEST(c.max_packet_bytes > 0u);
  BOOST_TEST(board->credits_available().first == c.packet_credits);
  BOOST_TEST(board->credits_available().second == c.byte_credits);
}

BOOST_AUTO_TEST_CASE(registers) {
  auto board = open_sim("registers");
  namespace r = host_link::layout::registers;
  BOOST_TEST(board->write_register(r::scratch.address, 0xcafef00d) == 0xcafef00du);
  BOOST_TEST(board->read_register(r::scratch.address) == 0xcafef00du);
  BOOST_CHECK_THROW(board->write_register(r::sa_entries.address, 1), RequestRefusedError);
  BOOST_CHECK_THROW(board->read_register(0x7777), RequestRefusedError);
  BOOST_TEST(board->read_register(r::rx_crc_errors.address) == 0u);
  BOOST_TEST(board->link_statistics().local_error_total() == 0u);
}

BOOST_AUTO_TEST_CASE(sa_install_update_remove) {
  auto board = open_sim("sa_lifecycle");
  std::mt19937_64 rng(verif::test_seed("driver.board_sim.sa", 0xd71));
  const esp::Suite suite{esp::Cipher::aes256_cbc, esp::Integrity::hmac_sha256_128};
  const esp::SecurityAssociation ref = esp::test::make_sa(
      0, esp::Direction::inbound, suite, esp::Mode::tunnel, esp::Encapsulation::ipv4, rng);
  const SaHandle h = board->install_sa(test::parameters(ref));
  const unsigned bits = board->capabilities().entry_bits();
  BOOST_TEST((h.spi & ((1u << bits) - 1)) == h.entry);
  BOOST_TEST(h.spi >= 256u);
  // Read back: everything as written except key words, which read as zero.
  SaParameters p = test::parameters(ref);
  p.spi = h.spi;
  p.replay_window = board->capabilities().replay_window;
  const SaWords written = sa_words(p);
  const std::vector<std::uint32_t> read = board->read_sa_words(h.entry, 0, 128);
  for (unsigned w = 0; w < 128; ++w)
    BOOST_TEST(read[w] == (sa_layout::is_key_word(w) ? 0u : written[w]), "word " << w);
  // Update in place: same SPI, new limits.
  p.lifetime.hard_packets = 1000;
  const SaHandle u = board->update_sa(h, p);
  BOOST_TEST(u.spi == h.spi);
  BOOST_TEST(board->read_sa_words(h.entry, sa_layout::hard_packet_limit.word + 1, 1)[0] == 1000u);
  // Remove: erased and verified zero by the driver; read again here.
  board->remove_sa(u);
  BOOST_TEST(board->read_sa_words(h.entry, 0, 128) == std::vector<std::uint32_t>(128, 0));
}

BOOST_AUTO_TEST_CASE(packets_of_every_suite_both_ways) {
  auto board = open_sim("suites");
  const std::uint64_t seed = verif::test_seed("driver.board_sim.suites", 0xd72);
  std::mt19937_64 rng(seed);
  unsigned checked = 0;
  for (const esp::Suite& suite : esp::engine_suites()) {
    const auto mode = checked % 2 ? esp::Mode::transport : esp::Mode::tunnel;
    const auto encapsulation = static_cast<esp::Encapsulation>(checked % 3);
    BOOST_TEST_CONTEXT("suite " << suite_name(suite) << " seed " << seed) {
      BoardPair pair = install_pair(*board, suite, mode, encapsulation, rng);
      std::vector<verif::Bytes> inners, esp_packets;
      std::vector<Ticket> tickets;
      std::vector<esp::OutboundResult> expected;
      for (int i = 0; i < 2; ++i) {  // pipelined: both submitted before any result is read
        inners.push_back(esp::test::sample_inner(rng() % 300));
        expected.push_back(reference_outbound(pair, inners.back()));
        BOOST_TEST_REQUIRE((expected.back().status == esp::EspStatus::ok));
        tickets.push_back(board->submit_outbound(pair.out, inners.back()));
      }
      for (int i = 0; i < 2; ++i) {
        const auto r = board->next_result(std::chrono::milliseconds(1000));
        BOOST_REQUIRE(r);
        BOOST_TEST(r->ticket == tickets[static_cast<std::size_t>(i)]);
        BOOST_TEST((r->status == PacketStatus::ok), to_string(r->status) << ": " << r->message);
        BOOST_TEST(r->spi == pair.out.spi);
        BOOST_TEST(r->sa == pair.out.entry);
        BOOST_TEST(r->sequence == expected[static_cast<std::size_t>(i)].sequence);
        BOOST_TEST(to_hex(r->bytes) == to_hex(expected[static_cast<std::size_t>(i)].packet));
        esp_packets.push_back(r->bytes);
      }
      for (std::size_t i = 0; i < esp_packets.size(); ++i) {
        const esp::InboundResult want =
            esp::process_inbound(pair.reference, esp_packets[i], encapsulation);
        const PacketResult r = board->process_inbound(pair.in.encapsulation, esp_packets[i]);
        BOOST_TEST((r.status == PacketStatus::ok), to_string(r.status));
        BOOST_TEST(static_cast<unsigned>(r.status) == static_cast<unsigned>(want.status));
        BOOST_TEST(r.sa == pair.in.entry);
        BOOST_TEST(r.spi == pair.in.spi);
        BOOST_TEST(r.sequence == want.sequence);
        BOOST_TEST(to_hex(r.bytes) == to_hex(want.inner));
      }
      // A replayed packet is refused; the counters say so.
      const PacketResult replay = board->process_inbound(pair.in.encapsulation, esp_packets[0]);
      BOOST_TEST((replay.status == PacketStatus::replay), to_string(replay.status));
      const SaStatus out_status = board->sa_status(pair.out);
      const SaStatus in_status = board->sa_status(pair.in);
      BOOST_TEST(out_status.sequence == 2u);
      BOOST_TEST(out_status.packets == 2u);
      BOOST_TEST(in_status.packets == 2u);
      BOOST_TEST(in_status.sequence == 2u);
      BOOST_TEST(in_status.replay_errors == 1u);
      BOOST_TEST(in_status.bytes == out_status.bytes);
      board->remove_sa(pair.out);
      board->remove_sa(pair.in);
      ++checked;
    }
  }
  BOOST_TEST(checked == 20u);
  BOOST_TEST_MESSAGE("link: " << board->link_statistics().summary());
  BOOST_TEST(board->link_statistics().local_error_total() == 0u);
  BOOST_TEST(board->link_statistics().packets_lost == 0u);
}

BOOST_AUTO_TEST_CASE(soft_lifetime_event) {
  auto board = open_sim("soft_lifetime");
  std::mt19937_64 rng(verif::test_seed("driver.board_sim.soft", 0xd73));
  esp::LifetimeLimits lifetime;
  lifetime.soft_packets = 2;
  BoardPair pair = install_pair(*board, {esp::Cipher::aes128_gcm16, esp::Integrity::none},
                                esp::Mode::tunnel, esp::Encapsulation::ipv4, rng, lifetime);
  const verif::Bytes inner = esp::test::sample_inner(64);
  const PacketResult first = board->process_outbound(pair.out, inner);
  BOOST_TEST(first.events == 0u);
  BOOST_TEST(!board->next_event(std::chrono::milliseconds(1)));
  const PacketResult second = board->process_outbound(pair.out, inner);
  BOOST_TEST((second.status == PacketStatus::ok));
  BOOST_TEST(second.events == event_bits::soft_lifetime, events_to_string(second.events));
  const auto e = board->next_event(std::chrono::milliseconds(10));
  BOOST_REQUIRE(e);
  BOOST_TEST(e->events == event_bits::soft_lifetime);
  BOOST_TEST(e->sa == pair.out.entry);
  BOOST_TEST(e->spi == pair.out.spi);
  BOOST_TEST((e->direction == Direction::outbound));
  BOOST_TEST(board->sa_status(pair.out).soft_event_raised);
  // Raised once only.
  BOOST_TEST(board->process_outbound(pair.out, inner).events == 0u);
}

BOOST_AUTO_TEST_CASE(sequence_overflow_event) {
  auto board = open_sim("sequence_overflow");
  std::mt19937_64 rng(verif::test_seed("driver.board_sim.overflow", 0xd74));
  // Without ESN the last number is 2^32 - 1: one packet left, then none.
  BoardPair pair =
      install_pair(*board, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96},
                   esp::Mode::tunnel, esp::Encapsulation::bare_esp, rng, {}, 0xfffffffeu);
  const verif::Bytes inner = esp::test::sample_inner(32);
  const esp::OutboundResult want = reference_outbound(pair, inner);
  const PacketResult last = board->process_outbound(pair.out, inner);
  BOOST_TEST((last.status == PacketStatus::ok));
  BOOST_TEST(last.sequence == 0xffffffffu);
  BOOST_TEST(to_hex(last.bytes) == to_hex(want.packet));
  const PacketResult refused = board->process_outbound(pair.out, inner);
  BOOST_TEST((refused.status == PacketStatus::sa_expired), to_string(refused.status));
  BOOST_TEST((refused.events & event_bits::sequence_overflow) != 0u,
             events_to_string(refused.events));
  const auto e = board->next_event(std::chrono::milliseconds(10));
  BOOST_REQUIRE(e);
  BOOST_TEST((e->events & event_bits::sequence_overflow) != 0u, events_to_string(e->events));
  BOOST_TEST(e->spi == pair.out.spi);
  BOOST_TEST(board->sa_status(pair.out).expired);
}

namespace {
// The simulated board behind a link that damages or loses what we ask it to.
class FlakyLink : public Transport, public TransportClock {
 public:
  explicit FlakyLink(std::unique_ptr<sim::SimTransport> sim) : sim_(std::move(sim)) {}
  void send(std::span<const std::uint8_t> bytes) override {
    std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());
    if (drop_next_send) {
      drop_next_send = false;
      return;
    }
    if (corrupt_next_send && copy.size() > 4) {
      corrupt_next_send = false;
      copy[copy.size() / 2] ^= 0x40;
      if (copy[copy.size() / 2] == 0) copy[copy.size() / 2] = 0x7f;
    }
    sim_->send(copy);
  }
  std::vector<std::uint8_t> receive(std::chrono::milliseconds timeout) override {
    std::vector<std::uint8_t> bytes = sim_->receive(timeout);
    if (corrupt_next_receive && bytes.size() > 4) {
      corrupt_next_receive = false;
      bytes[bytes.size() / 2] ^= 0x40;
      if (bytes[bytes.size() / 2] == 0) bytes[bytes.size() / 2] = 0x7f;
    }
    return bytes;
  }
  std::string description() const override { return "flaky " + sim_->description(); }
  std::chrono::nanoseconds elapsed() const override { return sim_->elapsed(); }

  bool drop_next_send = false;
  bool corrupt_next_send = false;
  bool corrupt_next_receive = false;

 private:
  std::unique_ptr<sim::SimTransport> sim_;
};
}  // namespace

BOOST_AUTO_TEST_CASE(damaged_and_lost_frames_are_recovered) {
  auto link = std::make_unique<FlakyLink>(sim::open_sim_transport(""));
  FlakyLink* flaky = link.get();
  // Short timeouts: each one spent is simulated cycles (12,000 per ms); the
  // slowest answer here (a packet) takes well under 1 ms of board time.
  BoardOptions options;
  options.request_timeout = std::chrono::milliseconds(5);
  options.packet_timeout = std::chrono::milliseconds(10);
  Board board(std::move(link), options);
  namespace r = host_link::layout::registers;
  board.write_register(r::scratch.address, 0x600d);

  flaky->corrupt_next_receive = true;  // the response is damaged: dropped here, retried
  BOOST_TEST(board.read_register(r::scratch.address) == 0x600du);
  BOOST_TEST(board.link_statistics().local_error_total() == 1u);
  BOOST_TEST(board.link_statistics().retries == 1u);

  flaky->corrupt_next_send = true;  // the request is damaged: the board drops and reports it
  BOOST_TEST(board.read_register(r::scratch.address) == 0x600du);
  BOOST_TEST(board.read_register(r::rx_crc_errors.address) +
                 board.read_register(r::rx_cobs_errors.address) +
                 board.read_register(r::rx_length_errors.address) ==
             1u);
  BOOST_TEST(board.link_statistics().board_error_total() == 1u, board.link_statistics().summary());

  // A packet_submit lost on the way: reported lost, credits recover with the next one.
  std::mt19937_64 rng(verif::test_seed("driver.board_sim.flaky", 0xd75));
  BoardPair pair = install_pair(board, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96},
                                esp::Mode::tunnel, esp::Encapsulation::ipv4, rng);
  const verif::Bytes inner = esp::test::sample_inner(100);
  flaky->drop_next_send = true;
  BOOST_CHECK_THROW(board.process_outbound(pair.out, inner), TimeoutError);
  const PacketResult next = board.process_outbound(pair.out, inner);
  BOOST_TEST((next.status == PacketStatus::ok));
  BOOST_TEST(next.sequence == 1u);  // the lost one never reached the engine
  BOOST_TEST(board.credits_available().first == board.capabilities().packet_credits);
  BOOST_TEST(board.credits_available().second == board.capabilities().byte_credits);
}

BOOST_AUTO_TEST_CASE(one_thread_submits_another_receives) {
  auto board = open_sim("threads");
  std::mt19937_64 rng(verif::test_seed("driver.board_sim.threads", 0xd76));
  BoardPair pair = install_pair(*board, {esp::Cipher::aes128_gcm16, esp::Integrity::none},
                                esp::Mode::tunnel, esp::Encapsulation::ipv4_udp, rng);
  constexpr int count = 40;
  std::vector<verif::Bytes> inners;
  for (int i = 0; i < count; ++i) inners.push_back(esp::test::sample_inner(rng() % 500));
  std::vector<Ticket> tickets;
  std::thread submitter([&] {
    for (const verif::Bytes& inner : inners)
      tickets.push_back(board->submit_outbound(pair.out, inner));
  });
  std::vector<PacketResult> results;
  while (results.size() < count) {
    auto r = board->next_result(std::chrono::milliseconds(2000));
    BOOST_REQUIRE(r);
    results.push_back(std::move(*r));
  }
  submitter.join();
  for (int i = 0; i < count; ++i) {
    const auto& r = results[static_cast<std::size_t>(i)];
    BOOST_TEST(r.ticket == tickets[static_cast<std::size_t>(i)]);
    BOOST_TEST((r.status == PacketStatus::ok));
    BOOST_TEST(r.sequence == static_cast<std::uint64_t>(i + 1));
    BOOST_TEST(to_hex(r.bytes) ==
               to_hex(reference_outbound(pair, inners[static_cast<std::size_t>(i)]).packet));
  }
}
