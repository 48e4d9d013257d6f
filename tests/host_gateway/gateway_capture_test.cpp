// Issue 6's gateway-to-gateway tunnels over raw ESP, checked from the wire:
// two Gateways on two simulated boards (the usual pair of gateway_fixture.hpp),
// dumpcap on a's veth, and tshark (host/lab/esp_capture) decrypting every
// ESP packet of the capture with the SA keys, ICV good, for AES-CBC +
// HMAC-SHA1, 3DES + HMAC-SHA1 and AES-GCM:
//   - IKE-negotiated: ping both ways and 1 MB of TCP each way at once, byte
//     for byte; the keys come from a's GatewayOptions::installed_sa_observer
//     (a diagnostic for in-process tests; keys are never logged or written);
//   - manual keys: the keys the test writes into each side's keys file, one
//     rule per suite, all three at once.
// Each also proves the check can fail: one wrong key bit and that SA's
// packets are not good. Needs root, dumpcap and tshark; skipped otherwise.
#include <openssl/crypto.h>
#include <sys/stat.h>

#include <boost/test/results_collector.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "gateway_fixture.hpp"
#include "host/lab/esp_capture.hpp"
#include "host/lab/lab_suite.hpp"
#include "netns_precondition.hpp"

using namespace ipsec_fpga;
using namespace ipsec_fpga::host;
using namespace ipsec_fpga::host::gateway_test;

namespace {

namespace fs = std::filesystem;

const auto netns_available = netns_available_for("host.gateway.capture");

// Root and namespaces (netns_available), then dumpcap and tshark.
struct CaptureTools {
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    boost::test_tools::assertion_result ok(true);
    if (const std::string why = lab::capture_unavailable_reason(); !why.empty()) {
      std::cout << "SKIPPED: " << why << std::endl;
      ok = false;
      ok.message() << why;
    }
    return ok;
  }
};

// The board's name for a lab suite (`ipsec-fpga sa`, InstalledSaKeys::suite).
std::string board_suite_name(const std::string& suite) {
  if (suite == "aes-cbc-sha1") return "aes128-cbc/hmac-sha1-96";
  if (suite == "3des-sha1") return "tdes-cbc/hmac-sha1-96";
  return "aes128-gcm";
}

// A rule's Phase 1 and Phase 2 proposals as the lab spells the suite.
void use_suite(RuleSpec& r, const lab::LabSuite& s) {
  r.phase1_encryption = s.phase1_encryption;
  r.phase1_hash = s.phase1_hash;
  r.dh_group = s.phase1_dh_group;
  r.phase2_encryption = s.phase2_encryption;
  r.phase2_authentication = s.phase2_authentication;
}

// The capture file: removed when the case passes, kept (and named) when not.
struct CaptureFile {
  fs::path path;
  explicit CaptureFile(const std::string& name)
      : path(fs::temp_directory_path() / (name + std::to_string(::getpid()) + ".pcapng")) {}
  ~CaptureFile() {
    const auto& result = boost::unit_test::results_collector.results(
        boost::unit_test::framework::current_test_case().p_id);
    if (result.passed()) {
      fs::remove(path);
      fs::remove(fs::path(path).concat(".dumpcap.log"));
    } else {
      std::cout << "capture kept: " << path << std::endl;
    }
  }
};

// tshark decrypts `capture` with `sas`: every ESP packet decrypted, ICV
// good, `sas.size()` SPIs each with at least `at_least` packets. Then the
// same with one bit of the first SA's integrity key (GCM: its key) flipped:
// that SA's packets must fail, the others stay good.
void check_capture(const fs::path& capture, const std::vector<lab::TsharkEspSa>& sas,
                   std::uint64_t at_least) {
  const lab::EspCaptureReport report = lab::check_esp_capture(capture, sas);
  BOOST_TEST_MESSAGE("tshark: " << report.summary());
  std::cout << "tshark: " << report.summary() << std::endl;
  BOOST_TEST(report.all_good(), report.summary());
  BOOST_TEST(report.packets_per_spi.size() == sas.size());
  for (const lab::TsharkEspSa& sa : sas) {
    const auto found = report.packets_per_spi.find("0x" + sa.spi);
    const std::uint64_t packets = found == report.packets_per_spi.end() ? 0 : found->second;
    BOOST_TEST(packets >= at_least, "SPI 0x" << sa.spi << ": " << packets << " packets");
  }

  std::vector<lab::TsharkEspSa> wrong = sas;
  std::string& key =
      wrong[0].integrity_key.empty() ? wrong[0].encryption_key : wrong[0].integrity_key;
  key[0] = key[0] == '0' ? '1' : '0';
  lab::EspCaptureReport bad = lab::check_esp_capture(capture, wrong);
  BOOST_TEST_MESSAGE("tshark, one wrong key bit for SPI 0x" << sas[0].spi << ": " << bad.summary());
  const std::uint64_t of_first = bad.packets_per_spi["0x" + sas[0].spi];
  BOOST_TEST(of_first > 0u);
  BOOST_TEST(bad.bad + bad.unchecked == of_first);
  BOOST_TEST(bad.good == report.packets.size() - of_first);
}

// One IKE-negotiated tunnel for `suite`; `a_initiates`: the first packet
// comes from a's LAN (else from b's).
void negotiated_tunnel(const std::string& suite_name, bool a_initiates) {
  CaseTimer timer{"host.gateway.capture_" + suite_name};
  const lab::LabSuite& suite = lab::lab_suite(suite_name);
  NamespacePair ns("gwc");
  CaptureFile file("gwc-" + suite_name + "-");

  // a's IKE thread shows each installed SA; kept as tshark's table.
  std::mutex mutex;
  std::vector<lab::TsharkEspSa> shown;
  std::vector<std::string> shown_suites;
  const auto observe = [&](GatewayOptions& o, bool is_a) {
    if (!is_a) return;
    o.installed_sa_observer = [&](const InstalledSaKeys& k) {
      // No Boost.Test assertion here: this is a's IKE thread.
      std::lock_guard lock(mutex);
      shown.push_back(lab::tshark_esp_sa(k.source, k.destination, k.spi, suite.tshark_suite,
                                         k.encryption_key, k.integrity_key));
      shown_suites.push_back(k.suite + (k.udp_encapsulated ? " in UDP" : ""));
    };
  };
  lab::EspCapture capture(ns.a, ns.veth_a, file.path);
  GatewayPair pair(
      ns, "gwc", [&](RuleSpec& r, bool) { use_suite(r, suite); }, observe);
  GatewayRun& initiator = a_initiates ? pair.a : pair.b;
  GatewayRun& responder = a_initiates ? pair.b : pair.a;
  const std::string& initiator_ns = a_initiates ? ns.a : ns.b;
  const char* from = a_initiates ? lan_a : lan_b;
  const char* to = a_initiates ? lan_b : lan_a;
  const std::string initiator_wan = a_initiates ? NamespacePair::wan_a : NamespacePair::wan_b;
  const std::string responder_wan = a_initiates ? NamespacePair::wan_b : NamespacePair::wan_a;

  BOOST_REQUIRE(ping_until_answered(initiator_ns, from, to, 15));
  BOOST_TEST(initiator.count("Cannot find outbound SA for rule <1>") >= 1u);
  BOOST_TEST(initiator.count("Send Main Mode request to <" + responder_wan + ">") == 1u);
  BOOST_TEST(responder.count("Recv Main Mode request from <" + initiator_wan + ">") == 1u);
  for (GatewayRun* g : {&pair.a, &pair.b})
    BOOST_TEST(g->count("Phase 1 IKE SA process done") == 1u);
  BOOST_TEST(ping(ns.b, lan_b, lan_a));
  BOOST_TEST(ping(ns.a, lan_a, lan_b));

  const Bytes ab = random_bytes(1'000'000, 11);
  const Bytes ba = random_bytes(1'000'000, 12);
  const auto [at_b, at_a] = tcp_transfer_both_ways(ns, ab, ba);
  BOOST_TEST(at_b.size() == ab.size());
  BOOST_TEST(at_a.size() == ba.size());
  BOOST_TEST((at_b == ab), "a -> b: the bytes differ");
  BOOST_TEST((at_a == ba), "b -> a: the bytes differ");
  capture.stop();

  // One pair, as the board holds it on both sides, and as a's observer saw it.
  std::vector<lab::TsharkEspSa> sas;
  {
    std::lock_guard lock(mutex);
    sas = shown;
    BOOST_TEST(shown_suites == std::vector<std::string>(2, board_suite_name(suite_name)),
               boost::test_tools::per_element());
  }
  BOOST_REQUIRE_EQUAL(sas.size(), 2u);  // inbound, then outbound
  const std::vector<SaRow> a_rows = pair.a.gateway->sa_table();
  const std::vector<SaRow> b_rows = pair.b.gateway->sa_table();
  BOOST_REQUIRE_EQUAL(a_rows.size(), 2u);
  BOOST_REQUIRE_EQUAL(b_rows.size(), 2u);
  for (const SaRow& row : a_rows) {
    BOOST_TEST(row.suite == board_suite_name(suite_name));
    BOOST_TEST(row.encapsulation == "esp");
    const lab::TsharkEspSa& sa = sas[row.direction == "inbound" ? 0 : 1];
    BOOST_TEST(std::stoul(sa.spi, nullptr, 16) == row.spi);
    BOOST_TEST(sa.source ==
               (row.direction == "inbound" ? NamespacePair::wan_b : NamespacePair::wan_a));
    // b's opposite direction has the same SPI.
    bool mirrored = false;
    for (const SaRow& other : b_rows)
      mirrored = mirrored || (other.spi == row.spi && other.direction != row.direction);
    BOOST_TEST(mirrored, "SPI " << row.spi << " is not b's opposite SA");
  }
  // 1 MB is at least 700 full-size packets; the other way's ACKs add more.
  check_capture(file.path, sas, 700);
}

}  // namespace

#define CAPTURE_CASE(name)                                                      \
  BOOST_AUTO_TEST_CASE(name, *boost::unit_test::precondition(netns_available) * \
                                 boost::unit_test::precondition(CaptureTools{}))

CAPTURE_CASE(capture_aes_cbc_sha1) { negotiated_tunnel("aes-cbc-sha1", true); }
CAPTURE_CASE(capture_3des_sha1_b_initiates) { negotiated_tunnel("3des-sha1", false); }
CAPTURE_CASE(capture_aes_gcm) { negotiated_tunnel("aes-gcm", true); }

// Manual keys, one rule per suite on each side, b's side the mirror of
// a's (its outbound SPI and keys are a's inbound). b's LAN has one address
// per rule: 203.0.113.1 (rule 1), .65 (rule 2), .129 (rule 3). Ping both
// ways and 100 kB of TCP each way per rule; one capture, six SAs. The
// inbound SPIs name entries 13-15 (Board::reserve_inbound_spi takes the
// entry from the SPI's low bits), clear of the outbound SAs' entries 0-2.
CAPTURE_CASE(capture_manual_keys_three_suites) {
  CaseTimer timer{"host.gateway.capture_manual"};
  NamespacePair ns("gwm");
  CaptureFile file("gwm-");
  const std::string pid = std::to_string(::getpid());
  for (const char* extra : {"203.0.113.65/32", "203.0.113.129/32"})
    must_run({"ip", "-n", ns.b, "addr", "add", extra, "dev", "lo"});

  struct ManualRule {
    std::string suite;
    std::string b_subnet, b_host;
    std::uint32_t spi_to_b, spi_to_a;
    Bytes key_to_b_encryption, key_to_b_integrity, key_to_a_encryption, key_to_a_integrity;
  };
  std::vector<ManualRule> rules = {
      {"aes-cbc-sha1", "203.0.113.0/26", "203.0.113.1", 0x100d, 0x200d, {}, {}, {}, {}},
      {"3des-sha1", "203.0.113.64/26", "203.0.113.65", 0x100e, 0x200e, {}, {}, {}, {}},
      {"aes-gcm", "203.0.113.128/26", "203.0.113.129", 0x100f, 0x200f, {}, {}, {}, {}},
  };
  const auto sizes = [](const std::string& suite) -> std::pair<std::size_t, std::size_t> {
    if (suite == "aes-cbc-sha1") return {16, 20};
    if (suite == "3des-sha1") return {24, 20};
    return {20, 0};  // AES-128-GCM: key and salt
  };
  std::uint64_t seed = 100;
  for (ManualRule& r : rules) {
    const auto [encryption, integrity] = sizes(r.suite);
    r.key_to_b_encryption = random_bytes(encryption, ++seed);
    r.key_to_b_integrity = random_bytes(integrity, ++seed);
    r.key_to_a_encryption = random_bytes(encryption, ++seed);
    r.key_to_a_integrity = random_bytes(integrity, ++seed);
  }
  const auto hex = [](const Bytes& b) {
    std::string s;
    char two[3];
    for (const std::uint8_t x : b) {
      std::snprintf(two, sizeof two, "%02x", x);
      s += two;
    }
    return s;
  };
  // Keys files (0600), removed at the end.
  std::vector<std::string> files;
  struct RemoveFiles {
    std::vector<std::string>& files;
    ~RemoveFiles() {
      for (const std::string& f : files) std::remove(f.c_str());
    }
  } remove_files{files};
  const auto keys_file = [&](const ManualRule& r, std::size_t index, bool is_a) {
    const std::string path =
        "/tmp/gwm" + pid + (is_a ? "a" : "b") + std::to_string(index) + ".keys";
    files.push_back(path);
    const auto direction = [&](const char* name, std::uint32_t spi, const Bytes& encryption,
                               const Bytes& integrity) {
      std::string t = std::string("[") + name + "]\nspi = " + std::to_string(spi) +
                      "\nencryption_key = \"" + hex(encryption) + "\"\n";
      if (!integrity.empty()) t += "authentication_key = \"" + hex(integrity) + "\"\n";
      return t;
    };
    std::ofstream out(path);
    if (is_a)
      out << direction("outbound", r.spi_to_b, r.key_to_b_encryption, r.key_to_b_integrity)
          << direction("inbound", r.spi_to_a, r.key_to_a_encryption, r.key_to_a_integrity);
    else
      out << direction("outbound", r.spi_to_a, r.key_to_a_encryption, r.key_to_a_integrity)
          << direction("inbound", r.spi_to_b, r.key_to_b_encryption, r.key_to_b_integrity);
    out.close();
    ::chmod(path.c_str(), 0600);
    return path;
  };
  std::vector<RuleSpec> a_rules, b_rules;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    for (const bool is_a : {true, false}) {
      RuleSpec r = pair_rule(is_a);
      r.index = static_cast<int>(i + 1);
      (is_a ? r.remote : r.local) = rules[i].b_subnet;
      use_suite(r, lab::lab_suite(rules[i].suite));
      r.manual_keys_file = keys_file(rules[i], i, is_a);
      (is_a ? a_rules : b_rules).push_back(r);
    }
  }
  lab::EspCapture capture(ns.a, ns.veth_a, file.path);
  GatewayRun b(ns.b, pair_config(ns, false, "gwm", b_rules), 2, quick_ike);
  GatewayRun a(ns.a, pair_config(ns, true, "gwm", a_rules), 1, quick_ike);

  for (const ManualRule& r : rules) {
    BOOST_TEST(ping_until_answered(ns.a, lan_a, r.b_host, 10), r.suite);
    BOOST_TEST(ping(ns.b, r.b_host, lan_a), r.suite);
    const Bytes ab = random_bytes(100'000, 21);
    const Bytes ba = random_bytes(100'000, 22);
    BOOST_TEST((tcp_transfer(ns.b, r.b_host.c_str(), ns.a, lan_a, ab) == ab), r.suite);
    BOOST_TEST((tcp_transfer(ns.a, lan_a, ns.b, r.b_host.c_str(), ba) == ba), r.suite);
  }
  capture.stop();
  // No IKE: the SAs came from the keys files.
  BOOST_TEST(a.count("Send Main Mode request to <192.0.2.2>") == 0u);
  BOOST_TEST(a.gateway->sa_table().size() == 6u);

  std::vector<lab::TsharkEspSa> sas;
  for (const ManualRule& r : rules) {
    const std::string& tshark_suite = lab::lab_suite(r.suite).tshark_suite;
    sas.push_back(lab::tshark_esp_sa(NamespacePair::wan_a, NamespacePair::wan_b, r.spi_to_b,
                                     tshark_suite, r.key_to_b_encryption, r.key_to_b_integrity));
    sas.push_back(lab::tshark_esp_sa(NamespacePair::wan_b, NamespacePair::wan_a, r.spi_to_a,
                                     tshark_suite, r.key_to_a_encryption, r.key_to_a_integrity));
  }
  // 100 kB is at least 70 full-size packets each way per rule.
  check_capture(file.path, sas, 70);
  for (ManualRule& r : rules)
    for (Bytes* k : {&r.key_to_b_encryption, &r.key_to_b_integrity, &r.key_to_a_encryption,
                     &r.key_to_a_integrity})
      if (!k->empty()) OPENSSL_cleanse(k->data(), k->size());
}
