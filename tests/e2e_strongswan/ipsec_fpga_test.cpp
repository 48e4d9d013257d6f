// ipsec-fpga (`ipsec-fpga run` on the simulated board) against strongSwan
// (kernel-libipsec): each suite with ipsec-fpga as initiator and as
// responder; ping and a TCP transfer both ways at once verified byte for
// byte; the SA table (`ipsec-fpga sa`) against strongSwan's SPIs; tshark
// decrypting the WAN capture with the keys from charon's log, every ICV good;
// and the exact IPSec log lines of the set-up. See docs/e2e-tests.md.
#define BOOST_TEST_MODULE e2e_strongswan_ipsec_fpga
#define BOOST_TEST_NO_MAIN
#define BOOST_TEST_ALTERNATIVE_INIT_API
#include <algorithm>
#include <fstream>
#include <sstream>

#include "e2e_fixture.hpp"
#include "e2e_ipsec_fpga_main.hpp"
#include "e2e_setup_log.hpp"
#include "host/lab/tunnel_run.hpp"

namespace {

using namespace e2e;
using lab::LabAddresses;

struct Case {
  std::string suite;
  bool ours_initiates = true;
  bool aggressive = false;
  std::uint64_t to_peer = 1'000'000;
  std::uint64_t from_peer = 1'000'000;
};

std::vector<std::string> expected_setup_log(const Case& c) {
  return e2e::expected_setup_log(c.ours_initiates, c.aggressive);
}

void run_case(const Case& c) {
  Steps step;
  lab::TunnelRunOptions o;
  o.tag = "e2e";
  o.suite = c.suite;
  o.gateway = lab::GatewayKind::ipsec_fpga;
  o.gateway_initiates = c.ours_initiates;
  o.aggressive = c.aggressive;
  o.program = program();
  o.progress = [&](const std::string& s) { step(s); };
  lab::TunnelRun run(o);
  struct KeepOnFailure {
    lab::TunnelRun& run;
    Steps& step;
    ~KeepOnFailure() {
      if (!current_test_passed()) {
        run.lab().keep();
        step("FAILED: files kept in " + run.lab().dir().string() +
             " (ipsec-fpga/ipsec-fpga.out, ipsec-fpga/ipsec.log, strongswan/charon.log, "
             "wan.pcapng)");
      }
    }
  } keep_on_failure{run, step};
  run.start();
  if (const char* k = std::getenv("E2E_KEEP"); k != nullptr && std::string(k) == "1")
    run.lab().keep();

  const auto sa = run.bring_up(std::chrono::seconds{40});
  BOOST_REQUIRE_MESSAGE(sa, "the tunnel did not come up; ipsec-fpga said:\n" +
                                read_file(run.gateway()->output_file()).substr(0, 3000));

  const lab::PingResult p = run.ping(5);
  step("ping: " + std::to_string(p.received) + "/" + std::to_string(p.sent));
  BOOST_CHECK_MESSAGE(p.sent == 5 && p.received == 5, "ping through the tunnel:\n" + p.output);

  const auto bytes_time = std::chrono::seconds{30 + (c.to_peer + c.from_peer) / 25'000};
  const lab::TransferResult r = run.transfer(c.to_peer, c.from_peer, 7, bytes_time);
  step("TCP: " + r.summary());
  BOOST_CHECK_MESSAGE(r.ok(), r.summary());
  BOOST_CHECK_EQUAL(r.to_server.sha256_received, r.to_server.sha256_expected);
  BOOST_CHECK_EQUAL(r.to_client.sha256_received, r.to_client.sha256_expected);

  // The board's SA table: strongSwan's inbound SPI is our outbound one.
  const std::optional<lab::SwanChildSa> swan = run.peer().child_sa();
  BOOST_REQUIRE(swan);
  const lab::CommandResult table = run.gateway()->query("sa");
  step("ipsec-fpga sa:\n" + table.output);
  BOOST_CHECK_MESSAGE(table.ok(), table.output);
  BOOST_CHECK_MESSAGE(table.output.find(swan->spi_in) != std::string::npos,
                      "our outbound SPI " + swan->spi_in + " not in `ipsec-fpga sa`");
  BOOST_CHECK_MESSAGE(table.output.find(swan->spi_out) != std::string::npos,
                      "our inbound SPI " + swan->spi_out + " not in `ipsec-fpga sa`");
  BOOST_CHECK_GT(swan->packets_in, 0u);
  BOOST_CHECK_GT(swan->packets_out, 0u);

  const lab::EspCaptureReport report = run.check_capture();
  step("tshark: " + report.summary());
  BOOST_CHECK_MESSAGE(report.all_good(), report.summary());
  BOOST_CHECK_EQUAL(report.packets_per_spi.size(), 2u);

  // The IPSec log: the set-up's lines exactly and in order, no error line.
  const std::vector<lab::GatewayLogLine> log = run.gateway()->log_lines();
  std::string shown;
  for (const auto& l : log) shown += "  " + l.message + "\n";
  step("IPSec log:\n" + shown);
  const std::vector<std::string> expected = expected_setup_log(c);
  std::vector<std::string> got;
  for (const auto& l : log) got.push_back(l.message);
  // The set-up is the log's beginning (a fresh log file per run).
  const std::vector<std::string> setup(
      got.begin(), got.begin() + static_cast<long>(std::min(got.size(), expected.size())));
  BOOST_CHECK_EQUAL_COLLECTIONS(setup.begin(), setup.end(), expected.begin(), expected.end());
  for (const auto& l : log) BOOST_CHECK_MESSAGE(!l.error, "error in the IPSec log: " + l.message);

  // SIGTERM: a clean stop (exit 0) that deletes the SAs.
  const int status = run.stop_gateway();
  step("ipsec-fpga run stopped with status " + std::to_string(status));
  BOOST_CHECK_EQUAL(status, 0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(aes_cbc_sha1_initiator) { run_case({"aes-cbc-sha1", true}); }
BOOST_AUTO_TEST_CASE(aes_cbc_sha1_responder) { run_case({"aes-cbc-sha1", false}); }
BOOST_AUTO_TEST_CASE(tdes_sha1_initiator) { run_case({"3des-sha1", true}); }
BOOST_AUTO_TEST_CASE(tdes_sha1_responder) { run_case({"3des-sha1", false}); }
BOOST_AUTO_TEST_CASE(aes_gcm_initiator) { run_case({"aes-gcm", true}); }
BOOST_AUTO_TEST_CASE(aes_gcm_responder) { run_case({"aes-gcm", false}); }
// Aggressive Mode (strongSwan as responder needs its opt-in; the lab sets it).
// Smaller transfers: the 1 MB cases above cover the data path.
BOOST_AUTO_TEST_CASE(aes_gcm_aggressive_responder) {
  run_case({"aes-gcm", false, true, 200'000, 200'000});
}
BOOST_AUTO_TEST_CASE(aes_cbc_sha1_aggressive_initiator) {
  run_case({"aes-cbc-sha1", true, true, 200'000, 200'000});
}
// 10 MB one way (label slow: the simulated board carries ~50-100 kB/s).
BOOST_AUTO_TEST_CASE(aes_cbc_sha1_10mb) { run_case({"aes-cbc-sha1", true, false, 10'000'000, 0}); }
