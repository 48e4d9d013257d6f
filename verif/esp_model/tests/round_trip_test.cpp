// Random round trips for every suite the engine offers: payloads of 0..1500
// bytes (every block boundary), both modes, all three encapsulations, with
// and without ESN. The seed is fixed, printed, and replayable.
#define BOOST_TEST_MODULE esp_reference_round_trip
#include <boost/test/unit_test.hpp>

#include "esp_codec.hpp"
#include "sa_pair.hpp"
#include "test_seed.hpp"

namespace ipsec_fpga::verif::esp {
namespace {

using test::SaPair;

constexpr std::size_t largest_payload = 1500;

std::size_t expected_esp_size(const Suite& suite, std::size_t payload) {
  const std::size_t align = std::max<std::size_t>(properties(suite.cipher).block_size, 4);
  const std::size_t padded = (payload + esp_trailer_size + align - 1) / align * align;
  return esp_header_size + properties(suite.cipher).iv_size + padded + icv_size(suite);
}

// In transport mode too: the original header simply becomes the outer one.
std::size_t outer_size(Encapsulation encapsulation) {
  return encapsulation == Encapsulation::bare_esp ? 0
         : encapsulation == Encapsulation::ipv4   ? 20
                                                  : 28;
}

BOOST_AUTO_TEST_CASE(every_suite_every_size) {
  const std::uint64_t seed = test_seed("esp_reference.round_trip", 0x35b1ce5a);
  std::mt19937_64 rng(seed);
  const Encapsulation encapsulations[] = {Encapsulation::bare_esp, Encapsulation::ipv4,
                                          Encapsulation::ipv4_udp};
  std::size_t packets = 0;
  for (const Suite& suite : engine_suites()) {
    for (const Mode mode : {Mode::tunnel, Mode::transport}) {
      for (const bool esn : {false, true}) {
        const Encapsulation encapsulation = encapsulations[rng() % 3];
        SaPair pair(suite, mode, encapsulation, rng());
        pair.sender->sa.extended_sequence_numbers = esn;
        pair.receiver->sa.extended_sequence_numbers = esn;
        if (esn) {  // start just below a 2^32 boundary so the high bits change on the way
          pair.sender->sa.sequence = 0x1fffffc00u;
          pair.receiver->sa.sequence = 0x1fffffc00u;
          pair.receiver->replay = ReplayWindow(pair.receiver->sa.replay_window, 0x1fffffc00u);
        }
        for (std::size_t size = 0; size <= largest_payload; ++size) {
          BOOST_TEST_CONTEXT(to_string(suite.cipher)
                             << "/" << to_string(suite.integrity) << " mode "
                             << static_cast<int>(mode) << " encapsulation "
                             << static_cast<int>(encapsulation) << " ESN " << esn << " payload "
                             << size << " seed " << seed) {
            Bytes inner = mode == Mode::tunnel ? random_bytes(rng, size) : test::sample_inner(size);
            const Bytes iv = test::random_iv(rng, suite);
            const OutboundResult sent = process_outbound(*pair.sender, {inner, iv, 7, {}});
            BOOST_TEST_REQUIRE(to_string(sent.status) == "ok");
            const std::size_t payload = mode == Mode::tunnel ? size : size + 8;  // UDP header
            BOOST_TEST(sent.packet.size() ==
                       outer_size(encapsulation) + expected_esp_size(suite, payload));
            const InboundResult received = pair.receive(sent.packet);
            BOOST_TEST_REQUIRE(to_string(received.status) == "ok");
            BOOST_TEST(received.sequence == sent.sequence);
            if (mode == Mode::transport && encapsulation == Encapsulation::bare_esp)
              inner.erase(inner.begin(), inner.begin() + 20);  // bare ESP brings no header back
            BOOST_TEST(received.inner == inner);
            ++packets;
          }
        }
      }
    }
  }
  BOOST_TEST_MESSAGE(packets << " packets");
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp
