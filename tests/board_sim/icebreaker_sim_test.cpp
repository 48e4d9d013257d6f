// The driver against the simulated iCEBreaker: the Verilated icebreaker_top
// (boards/icebreaker/) at its pins, behind UartWire at the board's own
// divisor (12 MHz / 3 Mbaud: 4 clocks per bit), opened as "sim:icebreaker".
// Handshake and capabilities (AES-CBC-128/256 + HMAC-SHA1-96 only), SA install /
// read-back / remove, 20 packets each way checked against the ESP reference,
// a suite the board lacks refused, the cycles per byte on the wire, damaged
// bit cells both ways (CRC/COBS errors the driver recovers from, a framing
// error on the red LED), the green LED, the reset button.
// IPSEC_FPGA_FST=<dir> writes a waveform per test (icebreaker_<test>.fst).
#define BOOST_TEST_MODULE driver_icebreaker_sim
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>

#include "board/board.hpp"
#include "bytes.hpp"
#include "esp_inbound.hpp"
#include "esp_outbound.hpp"
#include "sim/open_sim_transport.hpp"
#include "sim/uart_wire.hpp"
#include "sim/verilated_icebreaker.hpp"
#include "sim_board_pair.hpp"
#include "test_sas.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga;
using namespace ipsec_fpga::driver;
namespace esp = verif::esp;
using test::BoardPair;
using test::install_pair;
using test::reference_outbound;
using verif::to_hex;

namespace {

std::string options_for(const std::string& test) {
  std::string options = "icebreaker";
  if (const char* dir = std::getenv("IPSEC_FPGA_FST"); dir != nullptr && *dir != '\0') {
    std::filesystem::create_directories(dir);
    options += ",fst=" + std::string(dir) + "/icebreaker_" + test + ".fst";
  }
  return options;
}

// A Board over sim:icebreaker, keeping a hand on the wire and the clock.
struct Rig {
  explicit Rig(const std::string& test, BoardOptions options = {}) {
    auto t = sim::open_sim_transport(options_for(test));
    transport = t.get();
    wire = sim::uart_wire(*t);
    BOOST_REQUIRE(wire != nullptr);
    board = std::make_unique<Board>(std::move(t), options);
  }
  sim::SimTransport* transport = nullptr;
  sim::UartWire* wire = nullptr;
  std::unique_ptr<Board> board;
};

std::uint32_t board_rx_errors(Board& board) {
  namespace r = host_link::layout::registers;
  return board.read_register(r::rx_crc_errors.address) +
         board.read_register(r::rx_cobs_errors.address) +
         board.read_register(r::rx_length_errors.address);
}

}  // namespace

BOOST_AUTO_TEST_CASE(handshake_and_capabilities) {
  auto board = open_board("sim:" + options_for("capabilities"));
  const Capabilities& c = board->capabilities();
  BOOST_TEST_MESSAGE(board->description() << ": " << c.summary());
  BOOST_TEST(board->description().find("icebreaker_top") != std::string::npos);
  BOOST_TEST(board->description().find("3000000 baud") != std::string::npos);
  BOOST_TEST(c.protocol_version == host_link::layout::protocol_version);
  BOOST_TEST(c.clock_hz == sim::icebreaker_clock_hz);  // the RTL's CLOCK_HZ, read back
  BOOST_TEST(c.sa_entries == 64u);
  BOOST_TEST(c.sa_entry_words == 128u);
  BOOST_TEST(c.replay_window == 64u);
  // The compact AES core (AES_COMPACT = 1) has AES-128 and AES-256, no
  // AES-192; NULL encryption is always built.
  BOOST_TEST(
      (c.ciphers == std::vector<Cipher>{Cipher::null, Cipher::aes128_cbc, Cipher::aes256_cbc}));
  // "none" is the integrity bit GCM would use: no suite here pairs with it.
  BOOST_TEST((c.integrities == std::vector<Integrity>{Integrity::none, Integrity::hmac_sha1_96}));
  // The suites: AES-CBC (and NULL) with HMAC-SHA1-96, nothing else.
  const std::vector<Suite> suites = c.suites();
  std::string names;
  for (const Suite& s : suites)
    names += std::string(to_string(s.cipher)) + "+" + std::string(to_string(s.integrity)) + " ";
  BOOST_TEST(names == "null+hmac_sha1_96 aes128_cbc+hmac_sha1_96 aes256_cbc+hmac_sha1_96 ");
  BOOST_TEST(board->credits_available().first == c.packet_credits);
  BOOST_TEST(board->credits_available().second == c.byte_credits);
  namespace r = host_link::layout::registers;
  BOOST_TEST(board->write_register(r::scratch.address, 0x1cebea4e) == 0x1cebea4eu);
  BOOST_TEST(board->read_register(r::scratch.address) == 0x1cebea4eu);
  BOOST_TEST(board->link_statistics().local_error_total() == 0u);
  BOOST_TEST(board_rx_errors(*board) == 0u);
}

BOOST_AUTO_TEST_CASE(sa_install_read_back_remove) {
  Rig rig("sa");
  Board& board = *rig.board;
  std::mt19937_64 rng(verif::test_seed("driver.icebreaker_sim.sa", 0x1ce1));
  const esp::Suite suite{esp::Cipher::aes256_cbc, esp::Integrity::hmac_sha1_96};
  const esp::SecurityAssociation ref = esp::test::make_sa(
      0, esp::Direction::inbound, suite, esp::Mode::tunnel, esp::Encapsulation::ipv4_udp, rng);
  const SaHandle h = board.install_sa(test::parameters(ref));
  BOOST_TEST((h.spi & 63u) == h.entry);
  BOOST_TEST(h.spi >= 256u);
  SaParameters p = test::parameters(ref);
  p.spi = h.spi;
  p.replay_window = board.capabilities().replay_window;
  const SaWords written = sa_words(p);
  const std::vector<std::uint32_t> read = board.read_sa_words(h.entry, 0, 128);
  for (unsigned w = 0; w < 128; ++w)
    BOOST_TEST(read[w] == (sa_layout::is_key_word(w) ? 0u : written[w]), "word " << w);
  const SaStatus status = board.sa_status(h);
  BOOST_TEST(status.valid);
  BOOST_TEST(status.spi == h.spi);
  BOOST_TEST(status.packets == 0u);
  board.remove_sa(h);
  BOOST_TEST(board.read_sa_words(h.entry, 0, 128) == std::vector<std::uint32_t>(128, 0));
  BOOST_TEST(board.link_statistics().local_error_total() == 0u);
}

BOOST_AUTO_TEST_CASE(a_suite_the_board_lacks_is_refused) {
  Rig rig("refused");
  std::mt19937_64 rng(verif::test_seed("driver.icebreaker_sim.refused", 0x1ce2));
  const esp::Suite lacking[] = {{esp::Cipher::aes192_cbc, esp::Integrity::hmac_sha1_96},
                                {esp::Cipher::aes128_gcm16, esp::Integrity::none},
                                {esp::Cipher::des3_cbc, esp::Integrity::hmac_sha1_96},
                                {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha256_128},
                                {esp::Cipher::aes128_cbc, esp::Integrity::hmac_md5_96}};
  for (const esp::Suite& suite : lacking) {
    const auto sa = esp::test::make_sa(0, esp::Direction::inbound, suite, esp::Mode::tunnel,
                                       esp::Encapsulation::ipv4, rng);
    try {
      rig.board->install_sa(test::parameters(sa));
      BOOST_ERROR("installed " << test::suite_name(suite) << " on the iCEBreaker");
    } catch (const UnsupportedError& e) {
      const std::string m = e.what();
      BOOST_TEST_MESSAGE(m);
      BOOST_TEST(m.find("does not offer") != std::string::npos, m);
      BOOST_TEST(m.find("its suites: null+hmac_sha1_96 aes128_cbc+hmac_sha1_96 "
                        "aes256_cbc+hmac_sha1_96") != std::string::npos,
                 m);
    }
  }
  // Nothing reached the board: no frames beyond the handshake's were spent on it.
  BOOST_TEST(rig.board->clear_sa_table() == 0u);
}

BOOST_AUTO_TEST_CASE(twenty_packets_each_way_against_the_reference) {
  const std::clock_t cpu_start = std::clock();
  Rig rig("packets");
  Board& board = *rig.board;
  const std::uint64_t seed = verif::test_seed("driver.icebreaker_sim.packets", 0x1ce3);
  std::mt19937_64 rng(seed);
  // Both suites, the three encapsulations, both modes; sizes from 0 to 1400
  // (the limits and random ones in between).
  struct Flow {
    BoardPair pair;
    esp::Encapsulation encapsulation;
  };
  std::vector<Flow> flows;
  const esp::Suite suites[] = {{esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96},
                               {esp::Cipher::aes256_cbc, esp::Integrity::hmac_sha1_96}};
  for (unsigned f = 0; f < 4; ++f) {
    const auto encapsulation = static_cast<esp::Encapsulation>(f % 3);
    const auto mode = f % 2 ? esp::Mode::transport : esp::Mode::tunnel;
    flows.push_back({install_pair(board, suites[f % 2], mode, encapsulation, rng), encapsulation});
  }
  std::vector<std::size_t> sizes = {0, 1, 15, 16, 1400};
  while (sizes.size() < 20) sizes.push_back(rng() % 1401);
  std::vector<verif::Bytes> inners;
  std::vector<esp::OutboundResult> expected;
  std::vector<Ticket> tickets;
  const std::uint64_t cycles_before = rig.transport->cycles();
  for (std::size_t i = 0; i < 20; ++i) {  // pipelined: as many in flight as credits allow
    Flow& flow = flows[i % flows.size()];
    inners.push_back(esp::test::sample_inner(sizes[i]));
    expected.push_back(reference_outbound(flow.pair, inners.back()));
    BOOST_TEST_REQUIRE((expected.back().status == esp::EspStatus::ok));
    tickets.push_back(board.submit_outbound(flow.pair.out, inners.back()));
  }
  std::vector<verif::Bytes> esp_packets;
  for (std::size_t i = 0; i < 20; ++i) {
    const auto r = board.next_result(std::chrono::milliseconds(100));
    BOOST_REQUIRE(r);
    BOOST_TEST_CONTEXT("outbound packet " << i << ", " << sizes[i] << " bytes, seed " << seed) {
      const Flow& flow = flows[i % flows.size()];
      BOOST_TEST(r->ticket == tickets[i]);
      BOOST_TEST((r->status == PacketStatus::ok), to_string(r->status) << ": " << r->message);
      BOOST_TEST(r->spi == flow.pair.out.spi);
      BOOST_TEST(r->sequence == expected[i].sequence);
      BOOST_TEST(to_hex(r->bytes) == to_hex(expected[i].packet));
    }
    esp_packets.push_back(r->bytes);
  }
  // Back in, pipelined too: each against the reference's inbound result.
  tickets.clear();
  for (std::size_t i = 0; i < 20; ++i)
    tickets.push_back(board.submit_inbound(
        static_cast<Encapsulation>(flows[i % flows.size()].encapsulation), esp_packets[i]));
  for (std::size_t i = 0; i < 20; ++i) {
    Flow& flow = flows[i % flows.size()];
    const esp::InboundResult want =
        esp::process_inbound(flow.pair.reference, esp_packets[i], flow.encapsulation);
    const auto r = board.next_result(std::chrono::milliseconds(100));
    BOOST_REQUIRE(r);
    BOOST_TEST_CONTEXT("inbound packet " << i << ", " << sizes[i] << " bytes, seed " << seed) {
      BOOST_TEST(r->ticket == tickets[i]);
      BOOST_TEST((r->status == PacketStatus::ok), to_string(r->status) << ": " << r->message);
      BOOST_TEST(static_cast<unsigned>(r->status) == static_cast<unsigned>(want.status));
      BOOST_TEST(r->spi == flow.pair.in.spi);
      BOOST_TEST(r->sequence == want.sequence);
      BOOST_TEST(to_hex(r->bytes) == to_hex(want.inner));
    }
  }
  const std::uint64_t cycles = rig.transport->cycles() - cycles_before;
  BOOST_TEST_MESSAGE("40 packets through the UART in " << cycles << " board clocks ("
                                                       << cycles / 12'000 << " ms at 12 MHz)");
  for (Flow& flow : flows) {
    BOOST_TEST(board.sa_status(flow.pair.out).packets == 5u);
    BOOST_TEST(board.sa_status(flow.pair.in).packets == 5u);
  }
  const double cpu = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  BOOST_TEST_MESSAGE("model speed: " << rig.transport->cycles() << " board clocks in " << cpu
                                     << " s of CPU: "
                                     << static_cast<double>(rig.transport->cycles()) / cpu / 1e6
                                     << " M clocks per CPU second");
  // The green LED: packets were processed within the last 0.1 s.
  BOOST_TEST(rig.wire->pins().leds().green);
  BOOST_TEST(!rig.wire->pins().leds().red);
  BOOST_TEST(board.link_statistics().local_error_total() == 0u);
  BOOST_TEST(board.link_statistics().packets_lost == 0u);
  BOOST_TEST(rig.wire->statistics().misaligned_tx_edges == 0u);
  BOOST_TEST(rig.wire->statistics().host_framing_errors == 0u);
}

BOOST_AUTO_TEST_CASE(forty_clocks_per_byte_on_the_wire) {
  Rig rig("wire");
  Board& board = *rig.board;
  sim::UartWire& wire = *rig.wire;
  BOOST_TEST(wire.cell_boundary(1) == 4u);  // 12 MHz / 3 Mbaud
  namespace r = host_link::layout::registers;
  wire.record_frames(true);
  const std::uint64_t start = rig.transport->cycles();
  BOOST_TEST(board.write_register(r::scratch.address, 0x00ff55aa) == 0x00ff55aau);
  const std::uint64_t write_cycles = rig.transport->cycles() - start;
  const std::vector<sim::WireFrame> frames = wire.frames();
  std::vector<sim::WireFrame> request, response;
  for (const auto& f : frames) (f.to_board ? request : response).push_back(f);
  BOOST_REQUIRE(request.size() >= 8u);
  BOOST_REQUIRE(response.size() >= 8u);
  BOOST_TEST(request.back().byte == 0u);  // a whole frame each way, delimiter last
  BOOST_TEST(response.back().byte == 0u);
  // Host -> board: each byte's 10 cells take 40 clocks, the next starts at once.
  for (std::size_t i = 0; i < request.size(); ++i) {
    BOOST_TEST(request[i].end - request[i].start == 40u);
    if (i > 0) BOOST_TEST(request[i].start - request[i - 1].start == 40u, "request byte " << i);
  }
  // Board -> host: link_uart's transmitter sends the frame back to back,
  // 40 clocks a byte; every TX edge on a 4-clock cell boundary.
  for (std::size_t i = 1; i < response.size(); ++i)
    BOOST_TEST(response[i].start - response[i - 1].start == 40u, "response byte " << i);
  for (const auto& f : response) BOOST_TEST(f.end - f.start == 38u);  // stop bit sampled mid-cell
  BOOST_TEST(wire.statistics().misaligned_tx_edges == 0u);
  // The whole exchange: request bytes, the board's turnaround, response bytes.
  const std::uint64_t turnaround = response.front().start - request.back().end;
  BOOST_TEST_MESSAGE("reg_write: " << request.size() << " bytes in (" << request.size() * 40
                                   << " clocks), " << response.size() << " bytes out ("
                                   << response.size() * 40 << " clocks), board turnaround "
                                   << turnaround << " clocks after the request's stop bit, "
                                   << write_cycles << " clocks in all");
  BOOST_TEST(request.front().start == start);  // the byte went out on the first clock
  BOOST_TEST_MESSAGE("the host attached " << wire.pins().clocks_before_attach()
                                          << " clocks after power-up");
  BOOST_TEST(wire.pins().clocks_before_attach() > 264u);  // reset, then the credit frame
  BOOST_TEST(turnaround < 200u);
  // A 1000-byte packet: its frame is 1000 + header bytes, 40 clocks each.
  std::mt19937_64 rng(verif::test_seed("driver.icebreaker_sim.wire", 0x1ce4));
  BoardPair pair = install_pair(board, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96},
                                esp::Mode::tunnel, esp::Encapsulation::ipv4, rng);
  wire.clear_frames();
  const verif::Bytes inner = esp::test::sample_inner(1000 - 28);
  const PacketResult out = board.process_outbound(pair.out, inner);
  BOOST_TEST((out.status == PacketStatus::ok));
  request.clear();
  response.clear();
  for (const auto& f : wire.frames()) (f.to_board ? request : response).push_back(f);
  BOOST_REQUIRE(request.size() > 1000u);
  BOOST_TEST(request.back().start - request.front().start == 40u * (request.size() - 1));
  BOOST_REQUIRE(response.size() > out.bytes.size());
  BOOST_TEST(response.back().start - response.front().start == 40u * (response.size() - 1));
  BOOST_TEST_MESSAGE("1000-byte packet: " << request.size() << " bytes in, " << response.size()
                                          << " bytes out; 300,000 bytes/s each way at 12 MHz");
  BOOST_TEST(wire.statistics().misaligned_tx_edges == 0u);
}

BOOST_AUTO_TEST_CASE(damaged_bit_cells_are_recovered) {
  // Short timeouts: each one spent is 12,000 board clocks per ms; a register
  // exchange takes about 1,000, a 100-byte packet about 10,000.
  BoardOptions options;
  options.request_timeout = std::chrono::milliseconds(5);
  options.packet_timeout = std::chrono::milliseconds(20);
  Rig rig("damage", options);
  Board& board = *rig.board;
  sim::UartWire& wire = *rig.wire;
  namespace r = host_link::layout::registers;
  board.write_register(r::scratch.address, 0x600d);

  // Data bit 2 of the request's ninth byte, host -> board (a payload byte of
  // the register request): the board's CRC check drops the frame and sends
  // link_error; the driver retries.
  wire.damage_to_board(8, 3);
  BOOST_TEST(board.read_register(r::scratch.address) == 0x600du);
  BOOST_TEST(board.link_statistics().retries == 1u);
  BOOST_TEST(board.link_statistics().board_errors[1] == 1u, board.link_statistics().summary());
  BOOST_TEST(board.read_register(r::rx_crc_errors.address) == 1u);
  BOOST_TEST(board_rx_errors(board) == 1u);

  // Data bit 2 of the response's eleventh byte, board -> host: the driver's
  // decoder drops the frame on its CRC and asks again.
  wire.damage_to_host(10, 3);
  BOOST_TEST(board.read_register(r::scratch.address) == 0x600du);
  BOOST_TEST(board.link_statistics().local_errors[1] == 1u, board.link_statistics().summary());
  BOOST_TEST(board.link_statistics().local_error_total() == 1u);
  BOOST_TEST_MESSAGE("driver: " << board.link_statistics().last_local_error);
  BOOST_TEST(board.link_statistics().retries == 2u);

  // A stop bit, host -> board: link_uart drops the byte (framing error, the
  // red LED lights for 0.1 s); the short frame fails its COBS check; retried.
  BOOST_TEST(!wire.pins().leds().red);
  wire.damage_to_board(2, 9);
  BOOST_TEST(board.read_register(r::scratch.address) == 0x600du);
  BOOST_TEST(board.link_statistics().retries == 3u);
  BOOST_TEST(wire.pins().leds().red);
  BOOST_TEST(board_rx_errors(board) == 2u);
  BOOST_TEST(board.read_register(r::rx_cobs_errors.address) == 1u);
  BOOST_TEST(!board.next_event(std::chrono::milliseconds(101)));  // 0.1 s of board time
  BOOST_TEST(!wire.pins().leds().red);

  // A packet_submit damaged on the wire: lost (the board dropped it), then
  // the next one goes through with the credits recovered.
  std::mt19937_64 rng(verif::test_seed("driver.icebreaker_sim.damage", 0x1ce5));
  BoardPair pair = install_pair(board, {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96},
                                esp::Mode::tunnel, esp::Encapsulation::ipv4, rng);
  const verif::Bytes inner = esp::test::sample_inner(100);
  wire.damage_to_board(40, 3);
  BOOST_CHECK_THROW(board.process_outbound(pair.out, inner), TimeoutError);
  const esp::OutboundResult want = reference_outbound(pair, inner);
  const PacketResult next = board.process_outbound(pair.out, inner);
  BOOST_TEST((next.status == PacketStatus::ok));
  BOOST_TEST(next.sequence == 1u);  // the damaged one never reached the engine
  BOOST_TEST(to_hex(next.bytes) == to_hex(want.packet));
  BOOST_TEST(board.credits_available().first == board.capabilities().packet_credits);
  BOOST_TEST(board.credits_available().second == board.capabilities().byte_credits);
  BOOST_TEST(wire.statistics().damaged_cells == 4u);
  BOOST_TEST_MESSAGE("link: " << board.link_statistics().summary());
}

BOOST_AUTO_TEST_CASE(reset_button_restarts_the_board) {
  // The button resets the board: registers back to their reset values, the
  // SA table zeroed (SPRAM would keep it: sa_table wipes it, no key survives
  // a reset), a credit frame (tag 0) announcing it, after which the driver
  // starts its credit account over.
  Rig rig("button");
  Board& board = *rig.board;
  namespace r = host_link::layout::registers;
  board.write_register(r::scratch.address, 0xb0);
  std::mt19937_64 rng(verif::test_seed("driver.icebreaker_sim.button", 0x1ce7));
  const auto sa = esp::test::make_sa(0, esp::Direction::inbound,
                                     {esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96},
                                     esp::Mode::tunnel, esp::Encapsulation::ipv4, rng);
  const SaHandle h = board.install_sa(test::parameters(sa));
  BOOST_TEST(board.read_sa_words(h.entry, 0, 1)[0] != 0u);
  rig.wire->pins().set_button(true);
  rig.transport->run_cycles(100);
  rig.wire->pins().set_button(false);
  // power_on_reset: 256 clocks after release; the driver pumps (and takes
  // the credit frame) while it waits here: 1 ms is 12,000 clocks.
  BOOST_TEST(!board.next_event(std::chrono::milliseconds(1)));
  BOOST_TEST(board.read_register(r::scratch.address) == 0u);
  BOOST_TEST(board.read_sa_words(h.entry, 0, 128) == std::vector<std::uint32_t>(128, 0));
  BOOST_TEST(board.credits_available().first == board.capabilities().packet_credits);
  BOOST_TEST(board.link_statistics().local_error_total() == 0u);
}

BOOST_AUTO_TEST_CASE(runs_are_deterministic_in_board_time) {
  // Timeouts are board time and the clock runs only while the driver waits:
  // the same work costs the same clocks, to the cycle, on every run. (The
  // inbound SPI is fixed: the driver's are random, and a zero byte more or
  // less changes a frame's COBS length.)
  std::vector<std::uint64_t> cycles;
  std::vector<std::string> packets;
  for (int run = 0; run < 2; ++run) {
    Rig rig("deterministic_" + std::to_string(run));
    Board& board = *rig.board;
    std::mt19937_64 rng(0x1ce6);
    const esp::Suite suite{esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96};
    esp::SecurityAssociation out =
        esp::test::make_sa(0x1ce0b005, esp::Direction::outbound, suite, esp::Mode::tunnel,
                           esp::Encapsulation::ipv4, rng);
    esp::SecurityAssociation in = esp::test::inbound_twin(out);
    in.spi = board.reserve_inbound_spi(std::chrono::seconds(60), 0x1ce0b005);
    const SaHandle in_handle = board.install_sa(test::parameters(in));
    BOOST_TEST(in_handle.spi == 0x1ce0b005u);
    BOOST_TEST(in_handle.entry == 5u);  // the SPI's low 6 bits
    const SaHandle out_handle = board.install_sa(test::parameters(out));
    const PacketResult r = board.process_outbound(out_handle, esp::test::sample_inner(300));
    BOOST_TEST((r.status == PacketStatus::ok));
    const PacketResult back = board.process_inbound(Encapsulation::ipv4, r.bytes);
    BOOST_TEST((back.status == PacketStatus::ok));
    cycles.push_back(rig.transport->cycles());
    packets.push_back(to_hex(r.bytes));
  }
  BOOST_TEST_MESSAGE("open, two SAs, a 300-byte packet out and back in: " << cycles[0]
                                                                          << " clocks");
  BOOST_TEST(cycles[0] == cycles[1]);
  BOOST_TEST(packets[0] == packets[1]);  // same keys, same on-chip IV
}
