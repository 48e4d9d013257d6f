// Random packets against the ESP reference, one test per cipher group (so
// CTest runs them in parallel): per suite 6 SAs (tunnel/transport,
// bare/ipv4/ipv4_udp, ESN on and off, one near 32-bit exhaustion, one
// crossing the ESN 32-bit boundary, lifetimes on two), interleaved in bursts;
// sizes 0..1,500 (every size 0..64 and 1,400..1,500 swept on a tunnel SA);
// a few transport packets with bad inner headers; 30 % idle/back-pressure on
// command, s_axis, m_axis and status. The write-back is compared at the end.
#include <boost/test/unit_test.hpp>
#include <cstdio>

#include "tb_common.hpp"
#include "test_seed.hpp"

namespace ipsec_fpga::verif::esp_rtl {
namespace {

struct SaPlan {
  esp::Mode mode;
  esp::Encapsulation encapsulation;
  bool esn;
};

const SaPlan plans[6] = {
    {esp::Mode::tunnel, esp::Encapsulation::bare_esp, false},
    {esp::Mode::tunnel, esp::Encapsulation::ipv4, true},
    {esp::Mode::tunnel, esp::Encapsulation::ipv4_udp, false},
    {esp::Mode::transport, esp::Encapsulation::bare_esp, true},
    {esp::Mode::transport, esp::Encapsulation::ipv4, false},
    {esp::Mode::transport, esp::Encapsulation::ipv4_udp, true},
};

// `large_percent` of the sizes uniform in 0..1,500, the rest 0..127.
std::size_t random_size(std::mt19937_64& rng, unsigned large_percent) {
  return rng() % 100 < large_percent ? rng() % 1501 : rng() % 128;
}

// One inner packet for SA `sa`; transport packets get a valid IPv4 header
// except now and then a broken one (the reference says malformed).
Bytes random_inner(std::mt19937_64& rng, const esp::SecurityAssociation& sa, std::size_t size) {
  if (sa.mode == esp::Mode::tunnel) return random_bytes(rng, size);
  const unsigned ihl = rng() % 5 == 0 ? 6 + static_cast<unsigned>(rng() % 10) : 5;
  const std::size_t payload = size > 1500 - ihl * 4 ? 1500 - ihl * 4 : size;
  Bytes p = random_ipv4_packet(rng, ihl, payload);
  switch (rng() % 40) {
    case 0:
      p[0] = static_cast<std::uint8_t>(0x60 | (p[0] & 0x0f));  // version 6
      break;
    case 1:
      p[6] |= 0x20;  // more fragments
      break;
    case 2:
      p[7] |= 0x01;  // fragment offset
      break;
    case 3:
      p[3] ^= 0x04;  // total length off by 4
      break;
    case 4:
      p[0] = 0x44;  // IHL 4
      break;
    case 5:
      p.resize(rng() % 20);  // shorter than a header (may be empty: then skipped)
      break;
    default:
      break;
  }
  return p;
}

// `plans_per_suite` SAs per suite (the table has 64 entries; index 0 unused);
// `sweep`: every size 0..64 and 1,400..1,500 on each suite's first SA.
void run_group(const char* name, const std::vector<esp::Cipher>& ciphers,
               std::size_t packets_per_suite, std::uint64_t default_seed,
               unsigned plans_per_suite = 6, bool sweep = true, unsigned large_percent = 40) {
  std::mt19937_64 rng(test_seed(std::string("esp_outbound random ") + name, default_seed));
  std::vector<esp::Suite> suites;
  for (const esp::Suite& s : esp::engine_suites())
    for (esp::Cipher c : ciphers)
      if (s.cipher == c) suites.push_back(s);

  Driver driver(std::string("esp_outbound_random_") + name);
  OutboundOracle oracle;
  std::vector<unsigned> indices;
  unsigned index = 1;
  for (std::size_t s = 0; s < suites.size(); ++s) {
    const esp::Suite& suite = suites[s];
    for (unsigned j = 0; j < plans_per_suite; ++j, ++index) {
      const unsigned k = static_cast<unsigned>((s + j) % 6);
      BOOST_REQUIRE(index < 64);
      esp::SecurityAssociation sa =
          random_sa(rng, suite, plans[k].mode, plans[k].encapsulation, plans[k].esn);
      if (k == 2) sa.sequence = 0xffffffffull - packets_per_suite / 12;  // exhausts midway
      if (k == 1) sa.sequence = 0xfffffff0ull;                           // crosses 2^32 (ESN)
      if (k == 4) {
        sa.lifetime.soft_packets = packets_per_suite / 12;
        sa.lifetime.hard_packets = packets_per_suite / 8;
      }
      if (k == 5) {
        sa.lifetime.soft_bytes = 40000;
        sa.lifetime.hard_bytes = 120 * packets_per_suite;
      }
      install(driver, oracle, index, std::move(sa));
      indices.push_back(index);
    }
  }

  // Commands: the size sweep on each suite's first (tunnel) SA, then random
  // packets in bursts on random SAs.
  std::vector<OutboundCommand> commands;
  for (std::size_t s = 0; sweep && s < suites.size(); ++s) {
    const unsigned sweep_sa = indices[s * plans_per_suite];
    for (std::size_t size = 0; size <= 1500; ++size) {
      if (size > 64 && size < 1400) continue;
      commands.push_back(
          {sweep_sa, random_bytes(rng, size), static_cast<std::uint16_t>(size), {}, {}});
    }
  }
  const std::size_t total = packets_per_suite * suites.size();
  unsigned current = indices[0];
  while (commands.size() < total) {
    if (rng() % 10 < 3) current = indices[rng() % indices.size()];
    const esp::SecurityAssociation& sa = oracle.entry(current).sa;
    Bytes inner = random_inner(rng, sa, random_size(rng, large_percent));
    if (inner.empty() && sa.mode == esp::Mode::transport) continue;
    const auto length = static_cast<std::uint16_t>(inner.size());
    commands.push_back({current, std::move(inner), length, {}, {}});
  }

  std::vector<OutboundExpected> want;
  want.reserve(commands.size());
  for (const auto& c : commands) want.push_back(oracle.predict(c));

  const OutboundJitter jitter{30, 30, 30, 30, 30};
  std::size_t failures = 0, ok = 0;
  std::map<unsigned, std::size_t> status_counts;
  const std::uint64_t start = driver.cycle();
  const std::size_t chunk = 1000;
  for (std::size_t first = 0; first < commands.size() && failures < 5; first += chunk) {
    const std::size_t last = std::min(commands.size(), first + chunk);
    const std::vector<OutboundCommand> part(commands.begin() + static_cast<std::ptrdiff_t>(first),
                                            commands.begin() + static_cast<std::ptrdiff_t>(last));
    const auto got = driver.run(part, jitter, rng);
    for (std::size_t i = 0; i < got.size() && failures < 5; ++i) {
      const auto& c = part[i];
      const std::string what = std::string(name) + " packet " + std::to_string(first + i) + " SA " +
                               std::to_string(c.sa) + " (" + describe(oracle.entry(c.sa).sa) +
                               ") size " + std::to_string(c.data.size());
      if (!check_outcome(got[i], want[first + i], what)) ++failures;
      ++status_counts[got[i].code];
      if (got[i].code == 0) ++ok;
    }
  }
  for (unsigned i : indices) check_write_back(driver, oracle.entry(i), i, name);
  std::printf("esp_outbound random %s: %zu packets (%zu ok", name, commands.size(), ok);
  for (const auto& [code, count] : status_counts)
    if (code != 0) std::printf(", status %u: %zu", code, count);
  std::printf("), %llu cycles\n", static_cast<unsigned long long>(driver.cycle() - start));
}

namespace utf = boost::unit_test;

BOOST_AUTO_TEST_SUITE(random, *utf::disabled())
BOOST_AUTO_TEST_CASE(null) { run_group("null", {esp::Cipher::null}, 5000, 101); }
BOOST_AUTO_TEST_CASE(des) { run_group("des", {esp::Cipher::des_cbc}, 5000, 102); }
// 3DES runs at 6 cycles per byte: fewer large packets (the sweep still covers 1,400..1,500).
BOOST_AUTO_TEST_CASE(tdes) { run_group("3des", {esp::Cipher::des3_cbc}, 5000, 103, 6, true, 15); }
BOOST_AUTO_TEST_CASE(aes128) { run_group("aes128", {esp::Cipher::aes128_cbc}, 5000, 104); }
BOOST_AUTO_TEST_CASE(aes192) { run_group("aes192", {esp::Cipher::aes192_cbc}, 5000, 105); }
BOOST_AUTO_TEST_CASE(aes256) { run_group("aes256", {esp::Cipher::aes256_cbc}, 5000, 106); }
BOOST_AUTO_TEST_CASE(gcm) {
  run_group("gcm", {esp::Cipher::aes128_gcm16, esp::Cipher::aes256_gcm16}, 5000, 107);
}
BOOST_AUTO_TEST_SUITE_END()

// A short mix of every suite, run with the default test.
BOOST_AUTO_TEST_CASE(random_smoke_all_suites) {
  run_group("smoke",
            {esp::Cipher::null, esp::Cipher::des_cbc, esp::Cipher::des3_cbc,
             esp::Cipher::aes128_cbc, esp::Cipher::aes192_cbc, esp::Cipher::aes256_cbc,
             esp::Cipher::aes128_gcm16, esp::Cipher::aes256_gcm16},
            12, 100, 3, false);
}

}  // namespace
}  // namespace ipsec_fpga::verif::esp_rtl
