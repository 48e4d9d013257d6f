// The driver and the simulated board over a damaged link: bit flips,
// dropped, duplicated and reordered bytes at a steady rate in both
// directions (FaultInjectingTransport), over more than 10,000 frames of
// register, SA and packet traffic. Every damaged frame must be caught (no
// wrong value, packet or result is ever accepted), the link must keep
// working, no SA entry may be corrupted, and no packet result may be
// attributed to another packet. Replay a run with IPSEC_FPGA_SEED=<seed>.
#define BOOST_TEST_MODULE driver_board_fault_injection
#include <boost/test/unit_test.hpp>
#include <map>
#include <random>

#include "esp_inbound.hpp"
#include "sa/sa_words.hpp"
#include "sim/open_sim_transport.hpp"
#include "sim_board_pair.hpp"
#include "test_seed.hpp"
#include "transport/fault_injecting_transport.hpp"

using namespace ipsec_fpga;
using namespace ipsec_fpga::driver;
namespace esp = verif::esp;
namespace layout = sa_layout;
using verif::to_hex;

namespace {

constexpr std::uint64_t frames_to_run = 10000;
// One fault per this many bytes on average, in each direction: most frames
// arrive whole, and hundreds are damaged each way.
constexpr FaultRates faulty{3000, 3000};

// Inner packets carry their own serial number, so a result attributed to
// the wrong packet cannot go unnoticed.
verif::Bytes numbered_inner(std::uint32_t serial, std::mt19937_64& rng) {
  verif::Bytes inner = esp::test::sample_inner(40 + rng() % 360);
  for (unsigned i = 0; i < 4; ++i)
    inner[24 + i] = static_cast<std::uint8_t>(serial >> (24 - 8 * i));
  return inner;
}

struct InstalledPair {
  test::BoardPair pair;
  SaParameters out_parameters;
  SaParameters in_parameters;
};

// Words the host wrote must read back exactly (keys as zero); words the
// engine owns change with traffic and are not compared.
void check_entry_intact(Board& board, const SaHandle& handle, const SaParameters& parameters) {
  const auto expected = sa_words(parameters);
  const std::vector<std::uint32_t> actual =
      board.read_sa_words(handle.entry, 0, layout::entry_words);
  BOOST_TEST_REQUIRE(actual.size() == static_cast<std::size_t>(layout::entry_words));
  for (unsigned word = 0; word < layout::entry_words; ++word) {
    if (layout::word_has_access(word, layout::Access::engine)) continue;
    const std::uint32_t want = layout::is_key_word(word) ? 0u : expected[word];
    BOOST_TEST(actual[word] == want, "entry " << handle.entry << " word " << word);
  }
}

class FaultRun {
 public:
  FaultRun() : seed_(verif::test_seed("driver.fault_injection", 0xfa17)), rng_(seed_) {
    auto transport =
        std::make_unique<FaultInjectingTransport>(sim::open_sim_transport(""), FaultRates{}, seed_);
    link_ = transport.get();
    BoardOptions options;  // board time: 12,000 simulated cycles per ms
    options.request_timeout = std::chrono::milliseconds(1);
    options.packet_timeout = std::chrono::milliseconds(1);
    options.credit_timeout = std::chrono::milliseconds(1);
    options.retries = 8;
    board_ = std::make_unique<Board>(std::move(transport), options);
  }

  void install(esp::Suite suite, esp::Mode mode, esp::Encapsulation encapsulation) {
    test::BoardPair pair = test::install_pair(*board_, suite, mode, encapsulation, rng_);
    InstalledPair installed{std::move(pair), {}, {}};
    installed.out_parameters = test::parameters(installed.pair.sender->sa);
    installed.in_parameters = test::parameters(installed.pair.receiver->sa);
    pairs_.push_back(std::move(installed));
  }

  // Outbound packets through the board, then the board's ESP packets back
  // in; every ok result is checked against the packet its ticket was for.
  void packet_burst() {
    InstalledPair& installed = pairs_[rng_() % pairs_.size()];
    test::BoardPair& pair = installed.pair;
    const unsigned count = 1 + static_cast<unsigned>(rng_() % 4);
    std::map<Ticket, verif::Bytes> sent;
    for (unsigned i = 0; i < count; ++i) {
      verif::Bytes inner = numbered_inner(serial_++, rng_);
      sent.emplace(board_->submit_outbound(pair.out, inner), std::move(inner));
    }
    std::map<Ticket, verif::Bytes> esp_sent;  // inbound ticket -> the inner it must give
    for (unsigned i = 0; i < count; ++i) {
      const PacketResult result = next_result();
      const auto it = sent.find(result.ticket);
      BOOST_TEST_REQUIRE((it != sent.end()), "result for ticket " << result.ticket);
      ++outbound_submitted_;
      if (result.status == PacketStatus::lost) continue;
      BOOST_TEST_REQUIRE((result.status == PacketStatus::ok), to_string(result.status));
      BOOST_TEST(result.spi == pair.out.spi);
      const esp::InboundResult decrypted =
          esp::process_inbound(pair.reference, result.bytes, pair.receiver->sa.encapsulation);
      BOOST_TEST_REQUIRE(
          (decrypted.status == esp::EspStatus::ok),
          "the board's ESP packet does not verify: " << esp::to_string(decrypted.status));
      BOOST_TEST_REQUIRE(to_hex(decrypted.inner) == to_hex(it->second),
                         "result of ticket " << result.ticket << " is another packet's");
      BOOST_TEST(decrypted.sequence == result.sequence);
      ++outbound_ok_;
      esp_sent.emplace(board_->submit_inbound(pair.in.encapsulation, result.bytes), it->second);
    }
    for (std::size_t i = 0; i < esp_sent.size(); ++i) {
      const PacketResult result = next_result();
      const auto it = esp_sent.find(result.ticket);
      BOOST_TEST_REQUIRE((it != esp_sent.end()), "result for ticket " << result.ticket);
      ++inbound_submitted_;
      if (result.status == PacketStatus::lost) continue;
      BOOST_TEST_REQUIRE((result.status == PacketStatus::ok), to_string(result.status));
      BOOST_TEST_REQUIRE(to_hex(result.bytes) == to_hex(it->second),
                         "inbound result of ticket " << result.ticket << " is another packet's");
      ++inbound_ok_;
    }
  }

  // A register write may be lost either way (it is not retried): a read
  // then says whether it happened, and must give one of the two values.
  void register_round_trip() {
    const std::uint16_t scratch = host_link::layout::registers::scratch.address;
    const std::uint32_t value = static_cast<std::uint32_t>(rng_());
    try {
      BOOST_TEST_REQUIRE(board_->write_register(scratch, value) == value);
      scratch_ = value;
    } catch (const TimeoutError&) {
      ++register_writes_lost_;
      const std::uint32_t now = board_->read_register(scratch);
      BOOST_TEST_REQUIRE((now == value || now == scratch_), "scratch reads " << now);
      scratch_ = now;
    }
    BOOST_TEST_REQUIRE(board_->read_register(scratch) == scratch_);
  }

  void sa_status_read() {
    const InstalledPair& installed = pairs_[rng_() % pairs_.size()];
    const SaStatus status = board_->sa_status(installed.pair.out);
    BOOST_TEST(status.packets <= outbound_submitted_ + 4);
  }

  PacketResult next_result() {
    auto result = board_->next_result(std::chrono::milliseconds(20));
    BOOST_TEST_REQUIRE(result.has_value(), "no result, not even lost, within the timeout");
    return *result;
  }

  std::uint64_t frames() const {
    const LinkStatistics s = board_->link_statistics();
    return s.frames_sent + s.frames_received;
  }

  std::uint64_t seed_;
  std::mt19937_64 rng_;
  FaultInjectingTransport* link_ = nullptr;
  std::unique_ptr<Board> board_;
  std::vector<InstalledPair> pairs_;
  std::uint32_t serial_ = 1;
  std::uint32_t scratch_ = 0;
  std::uint64_t outbound_submitted_ = 0, outbound_ok_ = 0;
  std::uint64_t inbound_submitted_ = 0, inbound_ok_ = 0;
  std::uint64_t register_writes_lost_ = 0;
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_damaged_frame_is_caught_and_the_link_recovers) {
  FaultRun run;
  BOOST_TEST_MESSAGE("seed " << run.seed_ << " (replay with IPSEC_FPGA_SEED=" << run.seed_ << ")");
  run.link_->set_rates(faulty);
  // SAs are installed over the damaged link too (SA writes are retried).
  run.install({esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}, esp::Mode::tunnel,
              esp::Encapsulation::ipv4_udp);
  run.install({esp::Cipher::des3_cbc, esp::Integrity::hmac_sha1_96}, esp::Mode::tunnel,
              esp::Encapsulation::ipv4);
  run.install({esp::Cipher::aes128_gcm16, esp::Integrity::none}, esp::Mode::tunnel,
              esp::Encapsulation::ipv4_udp);

  while (run.frames() < frames_to_run) {
    const unsigned pick = static_cast<unsigned>(run.rng_() % 20);
    if (pick < 16)
      run.packet_burst();
    else if (pick < 19)
      run.register_round_trip();
    else
      run.sa_status_read();
  }

  const FaultCounts& faults = run.link_->faults();
  const LinkStatistics stats = run.board_->link_statistics();
  BOOST_TEST_MESSAGE("frames " << run.frames() << ", faults injected " << faults.total()
                               << "; link: " << stats.summary() << "; retries " << stats.retries
                               << ", timeouts " << stats.timeouts << ", packets lost "
                               << stats.packets_lost << "; outbound ok " << run.outbound_ok_ << "/"
                               << run.outbound_submitted_ << ", inbound ok " << run.inbound_ok_
                               << "/" << run.inbound_submitted_ << ", register writes lost "
                               << run.register_writes_lost_);
  for (unsigned kind = 0; kind < link_fault_kinds; ++kind) {
    BOOST_TEST(faults.host_to_board[kind] >= 20u, "fault kind " << kind << " to the board");
    BOOST_TEST(faults.board_to_host[kind] >= 20u, "fault kind " << kind << " to the host");
  }
  // Damage was seen on both sides: the driver's decoder dropped frames, and
  // the board reported the frames it dropped.
  BOOST_TEST(stats.local_error_total() > 0u);
  BOOST_TEST(stats.board_error_total() > 0u);
  BOOST_TEST(run.outbound_ok_ > run.outbound_submitted_ / 2);
  BOOST_TEST(run.inbound_ok_ > run.inbound_submitted_ / 2);

  // The link recovers: with the damage stopped, everything works again,
  // the credits come back whole and no SA entry was corrupted.
  run.link_->set_rates({});
  for (int i = 0; i < 3; ++i) run.register_round_trip();
  const std::uint64_t lost_before = run.board_->link_statistics().packets_lost;
  for (int i = 0; i < 6; ++i) run.packet_burst();
  BOOST_TEST(run.board_->link_statistics().packets_lost == lost_before);
  for (const InstalledPair& installed : run.pairs_) {
    check_entry_intact(*run.board_, installed.pair.out, installed.out_parameters);
    check_entry_intact(*run.board_, installed.pair.in, installed.in_parameters);
  }
  BOOST_TEST(run.board_->packets_outstanding() == 0u);
  const Capabilities& capabilities = run.board_->capabilities();
  BOOST_TEST(run.board_->credits_available().first == capabilities.packet_credits);
  BOOST_TEST(run.board_->credits_available().second == capabilities.byte_credits);
}
