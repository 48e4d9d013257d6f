// Exact cycle counts: back-to-back packets per suite at 64 and 1,400 bytes,
// with every handshake always ready; the period between statuses, the
// latency of one packet, and the overhead beyond the HMAC (or the cipher).
#include <boost/test/unit_test.hpp>
#include <cstdio>

#include "tb_common.hpp"

namespace ipsec_fpga::verif::esp_rtl {
namespace {

struct Timing {
  std::uint64_t first_latency;  // command to status, key load included
  std::uint64_t latency;        // command to status, key loaded
  std::uint64_t period;         // status to status, back to back
  std::size_t out_bytes;
};

Timing measure(esp::Suite suite, std::size_t size, esp::Encapsulation encapsulation) {
  std::mt19937_64 rng(7);
  Driver driver("esp_outbound_timing");
  OutboundOracle oracle;
  install(driver, oracle, 3, random_sa(rng, suite, esp::Mode::tunnel, encapsulation, false));
  std::vector<OutboundCommand> commands;
  for (int i = 0; i < 4; ++i) {
    const Bytes inner = random_bytes(rng, size);
    commands.push_back({3, inner, static_cast<std::uint16_t>(size), {}, {}});
  }
  std::vector<OutboundExpected> want;
  for (const auto& c : commands) want.push_back(oracle.predict(c));
  const auto got = driver.run(commands, {}, rng);
  for (std::size_t i = 0; i < got.size(); ++i) check_outcome(got[i], want[i], "timing");
  return {got[0].status_cycle - got[0].command_cycle, got[3].status_cycle - got[3].command_cycle,
          got[3].status_cycle - got[2].status_cycle, got[3].packet.size()};
}

// hmac_engine latency (docs/esp/hmac_engine.md) for a message of `bytes`.
std::uint64_t hmac_latency(esp::Integrity integrity, std::size_t bytes) {
  const std::uint64_t n = (bytes + 9 + 63) / 64;
  switch (integrity) {
    case esp::Integrity::hmac_md5_96:
      return 64 * (n + 1) + 7;
    case esp::Integrity::hmac_sha1_96:
      return 81 * (n + 1) + 5;
    case esp::Integrity::hmac_sha256_128:
      return 65 * (n + 1) + 5;
    default:
      return 0;
  }
}

std::size_t hmac_message(esp::Suite suite, std::size_t size) {
  const auto c = esp::properties(suite.cipher);
  const std::size_t align = std::max<std::size_t>(c.block_size, 4);
  const std::size_t text = (size + 2 + align - 1) / align * align;
  return 8 + c.iv_size + text;
}

BOOST_AUTO_TEST_CASE(cycles_per_suite) {
  std::printf("%-28s %5s %8s %8s %8s %7s %9s\n", "suite", "bytes", "first", "latency", "period",
              "B/cyc", "overhead");
  for (const esp::Suite& suite : esp::engine_suites()) {
    for (std::size_t size : {64u, 1400u}) {
      const Timing t = measure(suite, size, esp::Encapsulation::ipv4);
      const std::uint64_t crypto = hmac_latency(suite.integrity, hmac_message(suite, size));
      const std::string name = std::string(esp::to_string(suite.cipher)) + "/" +
                               std::string(esp::to_string(suite.integrity));
      std::printf(
          "%-28s %5zu %8llu %8llu %8llu %7.3f %9lld\n", name.c_str(), size,
          static_cast<unsigned long long>(t.first_latency),
          static_cast<unsigned long long>(t.latency), static_cast<unsigned long long>(t.period),
          static_cast<double>(size) / static_cast<double>(t.period),
          crypto ? static_cast<long long>(t.period) - static_cast<long long>(crypto) : -1ll);
    }
  }
}

// Exact counts (tunnel mode, IPv4 outer header, every handshake ready):
// first = command to status with the key load, latency = the same with the
// key loaded, period = status to status back to back. See esp_outbound.md.
BOOST_AUTO_TEST_CASE(exact_cycle_counts) {
  struct Case {
    esp::Suite suite;
    std::size_t size;
    std::uint64_t first, latency, period;
  };
  const Case cases[] = {
      {{esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}, 64, 370, 322, 323},
      {{esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}, 1400, 2071, 2023, 2024},
      {{esp::Cipher::aes256_cbc, esp::Integrity::hmac_sha256_128}, 1400, 1720, 1656, 1657},
      {{esp::Cipher::null, esp::Integrity::hmac_md5_96}, 1400, 1588, 1588, 1589},
      {{esp::Cipher::des3_cbc, esp::Integrity::hmac_sha256_128}, 64, 680, 666, 667},
      {{esp::Cipher::aes256_gcm16, esp::Integrity::none}, 1400, 1463, 1383, 1384},
  };
  for (const Case& c : cases) {
    const Timing t = measure(c.suite, c.size, esp::Encapsulation::ipv4);
    BOOST_TEST((t.first_latency == c.first && t.latency == c.latency && t.period == c.period),
               "esp_outbound " << esp::to_string(c.suite.cipher) << "/"
                               << esp::to_string(c.suite.integrity) << " " << c.size
                               << " bytes: expected first/latency/period " << c.first << "/"
                               << c.latency << "/" << c.period << ", got " << t.first_latency << "/"
                               << t.latency << "/" << t.period);
  }
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp_rtl
