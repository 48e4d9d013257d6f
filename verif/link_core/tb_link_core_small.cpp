// The board core in a small boards' configuration: AES-CBC + HMAC-SHA1-96
// only (no 3DES, MD5, SHA-256, GCM), 16 SAs, a 2 KiB ring with 2 packet
// slots, 1400-byte packets. The identification registers and the reset
// credit say so; what is built runs both ways (checked against the
// reference), the rest is refused with no_sa both ways; table bounds follow
// ENTRY_BITS.
#define BOOST_TEST_MODULE ipsec_fpga_core_small
#include <boost/test/unit_test.hpp>

#include "Vipsec_fpga_core_small.h"
#include "engine_sa_pairs.hpp"
#include "link_core_host.hpp"
#include "sa_pair.hpp"
#include "test_seed.hpp"

namespace ipsec_fpga::verif::link_core {
namespace {

namespace regs = layout::registers;
using esp::Encapsulation;
using esp::EspStatus;
using esp::Mode;
using esp_rtl::EngineSaPair;
using esp_rtl::EngineSaPairs;
using Board = HostBoard<Vipsec_fpga_core_small>;

// The -G parameters of this build (verif/link_core/CMakeLists.txt).
constexpr unsigned entry_bits = 4;
constexpr unsigned packet_slots = 2;
constexpr std::uint32_t byte_credits = 2048 - 516;
constexpr unsigned max_packet_bytes = 1400;

BOOST_AUTO_TEST_CASE(identification_says_what_is_built) {
  Board board("link_core_small_identification", 1);
  BOOST_TEST(field(board.reset_credit.payload, fields::credit::packets) == packet_slots);
  BOOST_TEST(field(board.reset_credit.payload, fields::credit::bytes) == byte_credits);
  const std::vector<std::pair<layout::Register, std::uint32_t>> expected = {
      {regs::sa_entries, 1u << entry_bits},
      {regs::ciphers, 0b00111001},  // null, AES-CBC-128/192/256
      {regs::integrities, 0b0101},  // none, HMAC-SHA1-96
      {regs::max_packet_bytes, max_packet_bytes},
      {regs::packet_credits, packet_slots},
      {regs::byte_credits, byte_credits},
  };
  for (const auto& [reg, value] : expected) {
    const auto [result, read] = board.reg_read(static_cast<std::uint16_t>(reg.address));
    BOOST_TEST(result == values::result::ok, reg.name);
    BOOST_TEST(read == value, reg.name);
  }
  BOOST_TEST(board.sa_read(1u << entry_bits, 0, 1).first == values::result::bad_entry);
  BOOST_TEST(board.sa_read((1u << entry_bits) - 1, 0, 1).first == values::result::ok);
  const PacketResult r =
      board.process(values::direction::outbound, 1u << entry_bits, esp::test::sample_inner(10));
  BOOST_TEST(r.code == values::status::no_sa);
  const PacketResult long_one = board.process(values::direction::outbound, 0,
                                              esp::test::sample_inner(max_packet_bytes + 1 - 28));
  BOOST_TEST(long_one.code == values::status::too_long);
  board.expect_nothing_else();
}

BOOST_AUTO_TEST_CASE(built_suites_run_the_rest_is_refused) {
  const std::uint64_t seed = test_seed("link_core_small_suites", 4201);
  Board board("link_core_small_suites", seed, 20);
  std::mt19937_64& rng = board.core.rng();
  for (const esp::Suite& suite : esp::engine_suites()) {
    const bool built =
        suite.integrity == esp::Integrity::hmac_sha1_96 &&
        (suite.cipher == esp::Cipher::null || suite.cipher == esp::Cipher::aes128_cbc ||
         suite.cipher == esp::Cipher::aes192_cbc || suite.cipher == esp::Cipher::aes256_cbc);
    BOOST_TEST_CONTEXT(suite_name(suite) << (built ? " (built)" : " (not built)")) {
      EngineSaPairs pairs(entry_bits);
      const EngineSaPair pair =
          pairs.install(board, suite, Mode::tunnel, Encapsulation::ipv4_udp, rng() % 2 == 0, rng);
      for (unsigned n = 0; n < 2; ++n) {
        const Bytes inner = esp::test::sample_inner(rng() % 600);
        const esp::OutboundResult want = esp_rtl::reference_outbound(pair, inner);
        const PacketResult out = board.process(values::direction::outbound, pair.out_index, inner);
        const PacketResult in =
            board.process(values::direction::inbound,
                          static_cast<unsigned>(Encapsulation::ipv4_udp), want.packet);
        if (built) {
          BOOST_TEST(out.code == values::status::ok);
          BOOST_TEST(to_hex(out.bytes) == to_hex(want.packet));
          const esp::InboundResult back =
              esp::process_inbound(pairs.reference, want.packet, Encapsulation::ipv4_udp);
          BOOST_TEST((back.status == EspStatus::ok));
          BOOST_TEST(in.code == values::status::ok);
          BOOST_TEST(to_hex(in.bytes) == to_hex(inner));
        } else {
          BOOST_TEST(out.code == values::status::no_sa);
          BOOST_TEST(out.bytes.empty());
          BOOST_TEST(in.code == values::status::no_sa);
          BOOST_TEST(in.bytes.empty());
        }
      }
    }
  }
  board.expect_nothing_else();
}

}  // namespace
}  // namespace ipsec_fpga::verif::link_core
