// The Board against a C++ fake board (fake_board.hpp) through SimTransport:
// the open handshake, registers, SAs, pipelined packets and credits, and
// every recovery path (lost frames either way, corrupted frames, busy, a
// mute board, a vanished transport). Deterministic: board time is cycles.
#define BOOST_TEST_MODULE driver_board_fake
#include <boost/test/unit_test.hpp>

#include "board/board.hpp"
#include "fake_board.hpp"
#include "sa/sa_words.hpp"
#include "sim/sim_transport.hpp"

using namespace ipsec_fpga::driver;
namespace sa_layout = ipsec_fpga::sa_layout;
using test::FakeBoard;
using test::FakeBoardConfig;
using test::FrameType;

namespace {

struct Rig {
  explicit Rig(FakeBoardConfig config = {}, BoardOptions options = {}) {
    auto model = std::make_unique<FakeBoard>(config);
    fake = model.get();
    auto transport = std::make_unique<sim::SimTransport>(std::move(model));
    sim = transport.get();
    board = std::make_unique<Board>(std::move(transport), options);
  }
  FakeBoard* fake = nullptr;
  sim::SimTransport* sim = nullptr;
  std::unique_ptr<Board> board;
};

template <class E, class F>
std::string expect_error(F f, std::initializer_list<std::string> parts) {
  try {
    f();
    BOOST_ERROR("no exception");
  } catch (const E& e) {
    for (const std::string& part : parts)
      BOOST_TEST(std::string(e.what()).find(part) != std::string::npos,
                 "message '" << e.what() << "' lacks '" << part << "'");
    return e.what();
  }
  return "";
}

SaParameters aes_sha1(Direction direction) {
  SaParameters p;
  p.direction = direction;
  p.cipher = Cipher::aes128_cbc;
  p.integrity = Integrity::hmac_sha1_96;
  p.cipher_key = SecretBytes(std::vector<std::uint8_t>(16, 0x11));
  p.integrity_key = SecretBytes(std::vector<std::uint8_t>(20, 0x22));
  p.spi = 0x12345678;
  return p;
}

std::vector<std::uint8_t> packet(std::size_t size, std::uint8_t seed) {
  std::vector<std::uint8_t> p(size);
  for (std::size_t i = 0; i < size; ++i) p[i] = static_cast<std::uint8_t>(seed + i);
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(open_reads_capabilities_and_credit) {
  Rig rig;
  const Capabilities& c = rig.board->capabilities();
  BOOST_TEST(c.protocol_version == 1u);
  BOOST_TEST(c.build_id == 0x1234abcdu);
  BOOST_TEST(c.sa_entries == 16u);
  BOOST_TEST(c.entry_bits() == 4u);
  BOOST_TEST(c.ciphers.size() == 8u);
  BOOST_TEST(c.integrities.size() == 4u);
  BOOST_TEST(c.suites().size() == 20u);  // 6 CBC/NULL x 3 HMACs + 2 GCM
  BOOST_TEST(c.max_packet_bytes == 1920u);
  BOOST_TEST(rig.board->credits_available().first == 4u);
  BOOST_TEST(rig.board->credits_available().second == 4096u);
  BOOST_TEST(rig.board->description() == "sim: fake board");
  BOOST_TEST_MESSAGE("capabilities: " << c.summary());
}

BOOST_AUTO_TEST_CASE(protocol_version_mismatch_names_both) {
  FakeBoardConfig config;
  config.protocol_version = 7;
  expect_error<ProtocolVersionError>([&] { Rig rig(config); },
                                     {"protocol version 7", "driver speaks version 1"});
}

BOOST_AUTO_TEST_CASE(mute_board_times_out_with_request_and_tag) {
  auto model = std::make_unique<FakeBoard>();
  model->set_mute(true);
  auto transport = std::make_unique<sim::SimTransport>(std::move(model));
  sim::SimTransport* sim = transport.get();
  expect_error<TimeoutError>([&] { Board board(std::move(transport)); },
                             {"reg_read of protocol_version (0x0000)", "(tag 3)",
                              "no reg_read_response within 250 ms", "3 attempts"});
  // 3 attempts of 250 ms of board time at 1 MHz, no more.
  BOOST_TEST(sim->cycles() >= 750'000u);
  BOOST_TEST(sim->cycles() < 760'000u);
}

BOOST_AUTO_TEST_CASE(lost_response_and_lost_request_are_retried) {
  Rig rig;
  rig.board->write_register(ipsec_fpga::host_link::layout::registers::scratch.address, 42);
  rig.fake->drop_outgoing(FrameType::reg_read_response);
  BOOST_TEST(rig.board->read_register(0x0012) == 42u);
  rig.fake->drop_incoming(FrameType::sa_read);
  BOOST_TEST(rig.board->read_sa_words(3, 0, 4).size() == 4u);
  const LinkStatistics s = rig.board->link_statistics();
  BOOST_TEST(s.retries == 2u);
  BOOST_TEST(s.timeouts == 2u);
}

BOOST_AUTO_TEST_CASE(corrupted_response_is_counted_and_retried) {
  Rig rig;
  rig.fake->corrupt_outgoing(FrameType::reg_read_response);
  BOOST_TEST(rig.board->read_register(0x0003) == 16u);
  const LinkStatistics s = rig.board->link_statistics();
  BOOST_TEST(s.local_error_total() == 1u);
  BOOST_TEST(!s.last_local_error.empty());
  BOOST_TEST(s.retries == 1u);
}

BOOST_AUTO_TEST_CASE(non_idempotent_request_is_not_repeated) {
  Rig rig;
  rig.fake->drop_outgoing(FrameType::reg_write_response);
  expect_error<TimeoutError>([&] { rig.board->write_register(0x0012, 5); },
                             {"reg_write of scratch (0x0012)", "1 attempt",
                              "not repeated: the request is not idempotent"});
  std::size_t writes = 0;
  for (const auto& f : rig.fake->received()) writes += f.type == FrameType::reg_write;
  BOOST_TEST(writes == 1u);
}

BOOST_AUTO_TEST_CASE(busy_is_retried) {
  Rig rig;
  rig.fake->answer_busy(2);
  BOOST_TEST(rig.board->read_register(0x0002) == 1'000'000u);
  BOOST_TEST(rig.board->link_statistics().retries == 2u);
  rig.fake->answer_busy(3);
  expect_error<RequestRefusedError>([&] { rig.board->read_register(0x0002); },
                                    {"reg_read of clock_hz", "busy"});
}

BOOST_AUTO_TEST_CASE(refused_requests_name_the_result) {
  Rig rig;
  expect_error<RequestRefusedError>([&] { rig.board->read_register(0x0099); },
                                    {"register 0x0099", "bad_address"});
  expect_error<RequestRefusedError>([&] { rig.board->write_register(0x0003, 1); },
                                    {"sa_entries (0x0003)", "read_only"});
  expect_error<RequestRefusedError>([&] { rig.board->read_sa_words(16, 0, 1); },
                                    {"SA entry 16", "bad_entry"});
}

BOOST_AUTO_TEST_CASE(inbound_sa_gets_an_spi_naming_its_entry) {
  Rig rig;
  rig.fake->entry(0)[0] = 1;  // a valid SA someone else left in entry 0
  std::vector<std::uint32_t> spis;
  for (int i = 0; i < 5; ++i) {
    const SaHandle h = rig.board->install_sa(aes_sha1(Direction::inbound));
    BOOST_TEST(h.entry == static_cast<unsigned>(i + 1));  // entry 0 skipped
    BOOST_TEST((h.spi & 0xfu) == h.entry);
    BOOST_TEST(h.spi >= 256u);
    spis.push_back(h.spi);
    // The board holds exactly sa_words() of these parameters with that SPI.
    SaParameters p = aes_sha1(Direction::inbound);
    p.spi = h.spi;
    p.replay_window = 64;
    const SaWords expected = sa_words(p);
    for (unsigned w = 0; w < sa_layout::entry_words; ++w)
      BOOST_TEST(rig.fake->entry(h.entry)[w] == expected[w], "entry " << h.entry << " word " << w);
  }
  BOOST_TEST(spis[0] != spis[1]);
}

BOOST_AUTO_TEST_CASE(outbound_sa_keeps_the_peer_spi_and_status_has_no_keys) {
  Rig rig;
  const SaHandle h = rig.board->install_sa(aes_sha1(Direction::outbound));
  BOOST_TEST(h.spi == 0x12345678u);
  const std::vector<std::uint32_t> words = rig.board->read_sa_words(h.entry, 0, 128);
  BOOST_TEST(rig.fake->entry(h.entry)[32] == 0x11111111u);  // the key is on the board
  for (unsigned w = 0; w < 128; ++w)
    if (sa_layout::is_key_word(w)) BOOST_TEST(words[w] == 0u, "key word " << w << " read back");
  const SaStatus s = rig.board->sa_status(h);
  BOOST_TEST(s.valid);
  BOOST_TEST(s.spi == 0x12345678u);
  BOOST_TEST(s.packets == 0u);
}

BOOST_AUTO_TEST_CASE(update_and_remove) {
  Rig rig;
  const SaHandle h = rig.board->install_sa(aes_sha1(Direction::inbound));
  SaParameters p = aes_sha1(Direction::inbound);
  p.lifetime.soft_packets = 9;
  p.spi = 1;  // ignored: the entry is named by the SPI it has
  const SaHandle u = rig.board->update_sa(h, p);
  BOOST_TEST(u.spi == h.spi);
  BOOST_TEST(rig.fake->entry(h.entry)[sa_layout::soft_packet_limit.word + 1] == 9u);
  rig.board->remove_sa(u);
  for (std::uint32_t w : rig.fake->entry(h.entry)) BOOST_TEST(w == 0u);
  // The freed entry is used again, last (entries rotate, so a late packet for
  // the old SA does not meet a new one at once).
  for (unsigned i = 1; i < 16; ++i)
    BOOST_TEST(rig.board->install_sa(aes_sha1(Direction::outbound)).entry == i);
  BOOST_TEST(rig.board->install_sa(aes_sha1(Direction::outbound)).entry == h.entry);
}

BOOST_AUTO_TEST_CASE(suites_the_board_lacks_are_refused) {
  FakeBoardConfig config;
  config.ciphers = 0x3f;  // no GCM
  Rig rig(config);
  SaParameters p;
  p.cipher = Cipher::aes256_gcm;
  p.integrity = Integrity::none;
  p.cipher_key = SecretBytes(std::vector<std::uint8_t>(32, 1));
  p.gcm_salt = SecretBytes({1, 2, 3, 4});
  expect_error<UnsupportedError>([&] { rig.board->install_sa(p); },
                                 {"does not offer aes256_gcm + none", "aes128_cbc+hmac_sha1_96"});
  SaParameters w = aes_sha1(Direction::inbound);
  w.replay_window = 128;
  expect_error<UnsupportedError>([&] { rig.board->install_sa(w); }, {"fixed at 64 packets"});
  SaParameters bad = aes_sha1(Direction::outbound);
  bad.integrity_key.clear();
  BOOST_CHECK_THROW(rig.board->install_sa(bad), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(full_table_is_reported) {
  FakeBoardConfig config;
  config.sa_entries = 2;
  Rig rig(config);
  rig.board->install_sa(aes_sha1(Direction::outbound));
  rig.board->install_sa(aes_sha1(Direction::outbound));
  expect_error<UnsupportedError>([&] { rig.board->install_sa(aes_sha1(Direction::outbound)); },
                                 {"SA table", "is full (2 entries)"});
}

BOOST_AUTO_TEST_CASE(reserved_inbound_spi_is_installed_in_its_entry) {
  Rig rig;
  const std::uint32_t spi = rig.board->reserve_inbound_spi(std::chrono::seconds{60});
  const unsigned entry = spi & 0xfu;
  BOOST_TEST(spi >= 256u);
  BOOST_TEST(rig.board->reserved_inbound_spis() == 1u);
  // Other SAs do not take the reserved entry meanwhile.
  for (int i = 0; i < 3; ++i)
    BOOST_TEST(rig.board->install_sa(aes_sha1(Direction::outbound)).entry != entry);
  SaParameters p = aes_sha1(Direction::inbound);
  p.spi = spi;
  const SaHandle h = rig.board->install_sa(p);
  BOOST_TEST(h.entry == entry);
  BOOST_TEST(h.spi == spi);
  BOOST_TEST(rig.board->reserved_inbound_spis() == 0u);
  BOOST_TEST(rig.board->sa_status(h).spi == spi);
  // Releasing an installed SPI changes nothing.
  rig.board->release_inbound_spi(spi);
  BOOST_TEST(rig.board->sa_status(h).valid);
}

BOOST_AUTO_TEST_CASE(reservations_hold_entries_until_released_or_lapsed) {
  FakeBoardConfig config;
  config.sa_entries = 2;
  Rig rig(config);
  const std::uint32_t a = rig.board->reserve_inbound_spi(std::chrono::hours{1});
  rig.board->reserve_inbound_spi(std::chrono::milliseconds{0});  // lapses at once
  BOOST_TEST(rig.board->reserved_inbound_spis() == 1u);
  rig.board->install_sa(aes_sha1(Direction::outbound));  // the lapsed one's entry
  expect_error<UnsupportedError>([&] { rig.board->install_sa(aes_sha1(Direction::outbound)); },
                                 {"is full (2 entries)"});
  expect_error<UnsupportedError>([&] { rig.board->reserve_inbound_spi(std::chrono::hours{1}); },
                                 {"is full"});
  rig.board->release_inbound_spi(a);
  BOOST_TEST(rig.board->reserved_inbound_spis() == 0u);
  BOOST_TEST(rig.board->install_sa(aes_sha1(Direction::outbound)).entry == (a & 1u));
}

BOOST_AUTO_TEST_CASE(a_wanted_spi_reserves_the_entry_it_names) {
  Rig rig;
  rig.fake->entry(5)[0] = 1;  // someone else's SA
  BOOST_TEST(rig.board->reserve_inbound_spi(std::chrono::hours{1}, 0x2003u) == 0x2003u);
  SaParameters p = aes_sha1(Direction::inbound);
  p.spi = 0x2003;
  const SaHandle h = rig.board->install_sa(p);
  BOOST_TEST(h.entry == 3u);
  BOOST_TEST(h.spi == 0x2003u);
  expect_error<UnsupportedError>(
      [&] { rig.board->reserve_inbound_spi(std::chrono::hours{1}, 0x1013u); },
      {"inbound SPI 0x00001013 names SA entry 3", "in use"});
  expect_error<UnsupportedError>(
      [&] { rig.board->reserve_inbound_spi(std::chrono::hours{1}, 0x1005u); },
      {"SA entry 5", "in use"});
  BOOST_CHECK_THROW(rig.board->reserve_inbound_spi(std::chrono::hours{1}, 0x42u),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(clear_sa_table_erases_every_valid_entry) {
  Rig rig;
  rig.fake->entry(9)[0] = 1;  // left by an earlier session
  rig.board->install_sa(aes_sha1(Direction::outbound));
  rig.board->install_sa(aes_sha1(Direction::inbound));
  rig.board->reserve_inbound_spi(std::chrono::hours{1});
  BOOST_TEST(rig.board->clear_sa_table() == 3u);
  BOOST_TEST(rig.board->reserved_inbound_spis() == 0u);
  for (unsigned e = 0; e < 16; ++e)
    for (std::uint32_t w : rig.fake->entry(e)) BOOST_TEST(w == 0u, "entry " << e);
  BOOST_TEST(rig.board->clear_sa_table() == 0u);
  BOOST_TEST(rig.board->install_sa(aes_sha1(Direction::outbound)).entry < 16u);
}

BOOST_AUTO_TEST_CASE(pipelined_packets_come_back_in_order_within_credit) {
  Rig rig;
  std::vector<Ticket> tickets;
  for (int i = 0; i < 20; ++i) {
    tickets.push_back(
        rig.board->submit(Direction::outbound, 1, packet(100 + i, static_cast<std::uint8_t>(i))));
    BOOST_TEST(rig.board->packets_outstanding() <= 4u);  // never more than the board's slots
  }
  for (int i = 0; i < 20; ++i) {
    const auto r = rig.board->next_result(std::chrono::milliseconds(100));
    BOOST_REQUIRE(r);
    BOOST_TEST(r->ticket == tickets[static_cast<std::size_t>(i)]);
    BOOST_TEST((r->status == PacketStatus::ok));
    auto expected = packet(100 + i, static_cast<std::uint8_t>(i));
    std::reverse(expected.begin(), expected.end());
    BOOST_TEST(r->bytes == expected);
  }
  BOOST_TEST(!rig.board->next_result(std::chrono::milliseconds(1)));
  BOOST_TEST(rig.board->credits_available().first == 4u);
  BOOST_TEST(rig.board->credits_available().second == 4096u);
  for (const auto& f : rig.fake->received())
    if (f.type == FrameType::packet_submit) BOOST_TEST(f.tag != 0);
}

BOOST_AUTO_TEST_CASE(lost_result_is_reported_and_its_credit_repaired) {
  Rig rig;
  rig.fake->drop_outgoing(FrameType::packet_result);  // the first result and its credit report
  const Ticket a = rig.board->submit(Direction::inbound, 0, packet(64, 1));
  const Ticket b = rig.board->submit(Direction::inbound, 0, packet(64, 2));
  auto r = rig.board->next_result(std::chrono::milliseconds(100));
  BOOST_REQUIRE(r);
  BOOST_TEST(r->ticket == a);
  BOOST_TEST((r->status == PacketStatus::lost));
  BOOST_TEST(r->message.find("the board answered tag") != std::string::npos);
  r = rig.board->next_result(std::chrono::milliseconds(100));
  BOOST_REQUIRE(r);
  BOOST_TEST(r->ticket == b);
  BOOST_TEST((r->status == PacketStatus::ok));
  BOOST_TEST(rig.board->credits_available().first == 4u);  // b's report covers a too
  BOOST_TEST(rig.board->link_statistics().packets_lost == 1u);
}

BOOST_AUTO_TEST_CASE(lost_submit_times_out_asks_for_credit_and_recovers) {
  BoardOptions options;
  options.packet_timeout = std::chrono::milliseconds(50);
  Rig rig({}, options);
  rig.fake->drop_incoming(FrameType::packet_submit);
  const std::uint64_t before = rig.sim->cycles();
  expect_error<TimeoutError>(
      [&] { rig.board->process_inbound(Encapsulation::ipv4, packet(40, 3)); },
      {"packet_submit tag", "no packet_result within 50 ms", "not resent"});
  BOOST_TEST(rig.sim->cycles() - before >= 50'000u);
  BOOST_TEST(rig.board->link_statistics().credit_requests >= 1u);
  // The board answers the credit_request in order, without having seen the
  // submit: the lost submit stops counting.
  rig.board->next_result(std::chrono::milliseconds(5));  // let the credit answer in
  BOOST_TEST(rig.board->credits_available().first == 4u);
  const PacketResult r = rig.board->process_inbound(Encapsulation::ipv4, packet(40, 4));
  BOOST_TEST((r.status == PacketStatus::ok));
  BOOST_TEST(rig.board->credits_available().first == 4u);
}

BOOST_AUTO_TEST_CASE(lost_credit_report_is_asked_for_again) {
  BoardOptions options;
  options.credit_timeout = std::chrono::milliseconds(20);
  Rig rig({}, options);
  // Four packets in flight, all four results' reports lost except through the
  // results themselves being dropped: the driver has no credit until it asks.
  rig.fake->drop_outgoing(FrameType::packet_result, 4);
  for (int i = 0; i < 4; ++i) rig.board->submit(Direction::outbound, 0, packet(32, 0));
  const Ticket fifth = rig.board->submit(Direction::outbound, 0, packet(32, 5));  // blocks, asks
  BOOST_TEST(rig.board->link_statistics().credit_requests >= 1u);
  std::optional<PacketResult> r;
  do r = rig.board->next_result(std::chrono::milliseconds(2000));
  while (r && r->ticket != fifth);
  BOOST_REQUIRE(r);
  BOOST_TEST((r->status == PacketStatus::ok));
}

BOOST_AUTO_TEST_CASE(tags_wrap_and_skip_zero) {
  Rig rig;
  for (int i = 0; i < 300; ++i) rig.board->read_register(0x0012);
  for (int i = 0; i < 300; ++i) rig.board->submit(Direction::outbound, 0, packet(8, 0));
  while (rig.board->next_result(std::chrono::milliseconds(10))) {
  }
  unsigned wraps = 0, previous = 0;
  for (const auto& f : rig.fake->received()) {
    BOOST_TEST(f.tag != 0);
    if (f.tag < previous) ++wraps;
    previous = f.tag;
  }
  BOOST_TEST(wraps >= 2u);
  BOOST_TEST(rig.fake->packets_processed() == 300u);
  BOOST_TEST(rig.board->credits_available().first == 4u);
}

BOOST_AUTO_TEST_CASE(events_by_queue_and_by_callback) {
  Rig rig;
  rig.fake->raise_event(0, event_bits::soft_lifetime, 3, 0xabc);
  const auto e = rig.board->next_event(std::chrono::milliseconds(10));
  BOOST_REQUIRE(e);
  BOOST_TEST(e->events == event_bits::soft_lifetime);
  BOOST_TEST(e->sa == 3u);
  BOOST_TEST(e->spi == 0xabcu);
  std::vector<Event> seen;
  rig.board->set_event_callback([&](const Event& ev) { seen.push_back(ev); });
  rig.fake->raise_event(1, event_bits::error_threshold, 4, 0xdef);
  rig.board->read_register(0x0012);
  BOOST_TEST(seen.size() == 1u);
  BOOST_TEST(events_to_string(seen.at(0).events) == "error_threshold");
}

BOOST_AUTO_TEST_CASE(too_long_packet_is_refused_locally) {
  Rig rig;
  expect_error<UnsupportedError>(
      [&] { rig.board->submit(Direction::outbound, 0, packet(1921, 0)); },
      {"1921 bytes", "max_packet_bytes 1920"});
}

namespace {
// A transport that fails after a number of receives: a board unplugged.
class Unplugged : public Transport {
 public:
  explicit Unplugged(std::unique_ptr<Transport> inner, int receives)
      : left_(receives), inner_(std::move(inner)) {}
  void send(std::span<const std::uint8_t> bytes) override { inner_->send(bytes); }
  std::vector<std::uint8_t> receive(std::chrono::milliseconds timeout) override {
    if (--left_ < 0) throw TransportError("device disconnected");
    return inner_->receive(timeout);
  }
  std::string description() const override { return "unplugged"; }
  int left_;

 private:
  std::unique_ptr<Transport> inner_;
};
}  // namespace

BOOST_AUTO_TEST_CASE(board_gone_is_reported_and_sticks) {
  auto transport = std::make_unique<Unplugged>(
      std::make_unique<sim::SimTransport>(std::make_unique<FakeBoard>()), 1000);
  Unplugged* raw = transport.get();
  Board board(std::move(transport));
  raw->left_ = 0;
  expect_error<BoardGoneError>([&] { board.read_register(0x0012); },
                               {"board unplugged gone", "device disconnected"});
  expect_error<BoardGoneError>([&] { board.read_register(0x0012); }, {"gone"});
}
