// Restart safety with strongSwan as the peer (issue 6: "killing and
// restarting the gateway leaves no stale SA in the FPGA model and the tunnel
// comes back"). The tunnel is brought up and carries traffic; then
// `ipsec-fpga run` is ended (SIGKILL: no Deletes; or SIGTERM: Deletes) and
// started again on the same config, log file and control socket. Checked:
// the new gateway's SA table (`ipsec-fpga sa --json`) is empty at start and
// then holds only the new pair, never an old SPI; ping and a verified TCP
// transfer work again; strongSwan ends with only the new CHILD_SA (after a
// kill, the INITIAL-CONTACT of our new Main Mode makes it drop the old ones;
// after SIGTERM it has none left before the restart); the restarted
// gateway's IPSec log lines exactly. With `sim:` the board lives inside the
// process, so the board memory's own restart safety (clear_sa_table at
// start) is tests/host_gateway's; these are about the peer and the tunnel.
// See docs/e2e-tests.md.
#define BOOST_TEST_MODULE e2e_strongswan_restart
#define BOOST_TEST_NO_MAIN
#define BOOST_TEST_ALTERNATIVE_INIT_API
#include <algorithm>
#include <csignal>
#include <thread>

#include "e2e_fixture.hpp"
#include "e2e_ipsec_fpga_main.hpp"
#include "e2e_setup_log.hpp"
#include "host/lab/tunnel_run.hpp"

namespace {

using namespace e2e;
using lab::LabAddresses;

constexpr std::uint64_t kBytes = 100'000;  // each way, per transfer

struct Restart {
  Steps step;
  std::unique_ptr<lab::TunnelRun> run;

  Restart() {
    lab::TunnelRunOptions o;
    o.tag = "e2e";
    o.suite = "aes-cbc-sha1";
    o.gateway = lab::GatewayKind::ipsec_fpga;
    o.gateway_initiates = true;
    o.capture = false;  // the ESP itself is checked by the other cases
    o.program = program();
    o.progress = [this](const std::string& s) { step(s); };
    run = std::make_unique<lab::TunnelRun>(o);
  }
  ~Restart() {
    if (!current_test_passed() && run->gateway() != nullptr) {
      run->lab().keep();
      step("FAILED: files kept in " + run->lab().dir().string() +
           " (ipsec-fpga/ipsec-fpga.out holds both runs' output, ipsec-fpga/ipsec.log, "
           "strongswan/charon.log)");
    }
  }

  lab::IpsecFpgaGateway& gateway() { return *run->gateway(); }

  void start() {
    run->start();
    if (const char* k = std::getenv("E2E_KEEP"); k != nullptr && std::string(k) == "1")
      run->lab().keep();
  }

  std::string gateway_output() { return read_file(gateway().output_file()); }

  // Ping 5/5 and `kBytes` each way at once, byte for byte.
  void check_traffic(std::uint64_t seed) {
    const lab::PingResult p = run->ping(5);
    step("ping: " + std::to_string(p.received) + "/" + std::to_string(p.sent));
    BOOST_CHECK_MESSAGE(p.sent == 5 && p.received == 5, "ping through the tunnel:\n" + p.output);
    const lab::TransferResult r = run->transfer(kBytes, kBytes, seed, std::chrono::seconds{30});
    step("TCP: " + r.summary());
    BOOST_CHECK_MESSAGE(r.ok(), r.summary());
  }

  // The board's table holds exactly `sa`'s pair (strongSwan's inbound SPI is
  // our outbound one) and none of `old_spis`.
  void check_sa_table(const lab::SwanChildSa& sa, const std::vector<std::string>& old_spis) {
    const auto rows = gateway().sa_rows();
    BOOST_REQUIRE_MESSAGE(rows, "`ipsec-fpga sa --json` gave no table");
    std::string shown;
    for (const auto& r : *rows)
      shown += "  entry " + std::to_string(r.entry) + " " + r.direction + " " + r.spi + " rule " +
               std::to_string(r.rule) + " packets " + std::to_string(r.packets) + "\n";
    step("ipsec-fpga sa:\n" + shown);
    BOOST_CHECK_EQUAL(rows->size(), 2u);
    for (const auto& r : *rows) {
      BOOST_CHECK_MESSAGE(std::find(old_spis.begin(), old_spis.end(), r.spi) == old_spis.end(),
                          "old SPI " + r.spi + " in the SA table");
      if (r.direction == "outbound") BOOST_CHECK_EQUAL(r.spi, sa.spi_in);
      if (r.direction == "inbound") BOOST_CHECK_EQUAL(r.spi, sa.spi_out);
    }
  }

  // strongSwan holds `n` IKE_SAs and CHILD_SAs, the CHILD_SA being `sa` when
  // given; polled for up to `timeout` (it drops old SAs asynchronously).
  bool peer_holds(int n, const std::optional<lab::SwanChildSa>& sa,
                  std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      const std::string text = run->peer().list_sas();
      const std::vector<lab::SwanChildSa> children = lab::parse_child_sas(text);
      const int ikes = lab::count_ike_sas(text);
      bool ok = ikes == n && static_cast<int>(children.size()) == n;
      if (ok && sa) ok = children.front().spi_in == sa->spi_in;
      if (ok) return true;
      if (Clock::now() > deadline) {
        step("strongSwan (swanctl --list-sas):\n" + text);
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds{200});
    }
  }

  // The first tunnel: up (ipsec-fpga initiates), traffic, table.
  lab::SwanChildSa first_tunnel() {
    start();
    const auto sa = run->bring_up(std::chrono::seconds{30});
    BOOST_REQUIRE_MESSAGE(sa, "the first tunnel did not come up; ipsec-fpga said:\n" +
                                  gateway_output().substr(0, 3000));
    check_traffic(11);
    check_sa_table(*sa, {});
    return *sa;
  }

  // The restarted gateway: its board's table is empty before any negotiation.
  void restart() {
    run->restart_gateway();
    const auto rows = gateway().sa_rows();
    BOOST_REQUIRE_MESSAGE(rows, "`ipsec-fpga sa --json` of the restarted gateway gave no table");
    BOOST_CHECK_MESSAGE(rows->empty(), "the restarted gateway's SA table is not empty");
    step("restarted gateway: SA table empty");
  }

  // The IPSec log lines the restarted gateway wrote (the file is shared by
  // both runs: the lines after the first run's `before`).
  std::vector<lab::GatewayLogLine> new_log_lines(std::size_t before,
                                                 const std::string& what = "after the restart") {
    const std::vector<lab::GatewayLogLine> all = gateway().log_lines();
    std::vector<lab::GatewayLogLine> lines(
        all.begin() + static_cast<long>(std::min(before, all.size())), all.end());
    std::string shown;
    for (const auto& l : lines) shown += "  " + l.message + "\n";
    step("IPSec log " + what + ":\n" + shown);
    return lines;
  }

  static std::vector<std::string> messages(const std::vector<lab::GatewayLogLine>& lines) {
    std::vector<std::string> m;
    for (const auto& l : lines) m.push_back(l.message);
    return m;
  }
};

std::vector<std::string> spis_of(const lab::SwanChildSa& sa) { return {sa.spi_in, sa.spi_out}; }

}  // namespace

// SIGKILL, restart, ipsec-fpga initiates again: the INITIAL-CONTACT of its
// new Main Mode makes strongSwan drop the old IKE_SA and CHILD_SA.
BOOST_AUTO_TEST_CASE(sigkill_restart_initiator) {
  Restart t;
  const lab::SwanChildSa old = t.first_tunnel();
  const std::size_t before = t.gateway().log_lines().size();

  const int killed = t.run->kill_gateway();
  BOOST_CHECK_EQUAL(killed, 128 + SIGKILL);
  // No Delete was sent: strongSwan still holds the old SAs.
  BOOST_CHECK_MESSAGE(t.peer_holds(1, old, std::chrono::milliseconds{0}),
                      "strongSwan should still hold the old CHILD_SA after the kill");

  t.restart();
  const auto sa = t.run->bring_up_again(true, spis_of(old), std::chrono::seconds{30});
  BOOST_REQUIRE_MESSAGE(
      sa, "the tunnel did not come back; ipsec-fpga said:\n" + t.gateway_output().substr(0, 3000));
  BOOST_CHECK_NE(sa->spi_in, old.spi_in);
  BOOST_CHECK_NE(sa->spi_out, old.spi_out);
  t.check_sa_table(*sa, spis_of(old));
  t.check_traffic(12);
  BOOST_CHECK_MESSAGE(t.peer_holds(1, sa, std::chrono::seconds{5}),
                      "strongSwan should hold only the new IKE_SA and CHILD_SA");
  const std::string charon_log = read_file(t.run->peer().log_file());
  BOOST_CHECK_MESSAGE(charon_log.find("destroying duplicate IKE_SA for peer '" +
                                      std::string(LabAddresses::kGatewayWan) +
                                      "', received INITIAL_CONTACT") != std::string::npos,
                      "charon did not log dropping the old IKE_SA for INITIAL_CONTACT");
  t.check_sa_table(*sa, spis_of(old));

  const auto log = t.new_log_lines(before);
  const std::vector<std::string> expected = expected_setup_log(true, false);
  const std::vector<std::string> got = Restart::messages(log);
  BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), expected.begin(), expected.end());
  for (const auto& l : log) BOOST_CHECK_MESSAGE(!l.error, "error in the IPSec log: " + l.message);

  BOOST_CHECK_EQUAL(t.run->stop_gateway(), 0);
}

// SIGKILL, restart, and strongSwan sends on its old SA: the restarted gateway
// does not know that SPI ("!! Cannot find Phase 2 SA", the packet dropped)
// until strongSwan negotiates anew (here its operator re-initiates:
// swanctl --terminate, then --initiate; strongSwan initiating).
BOOST_AUTO_TEST_CASE(sigkill_restart_peer_initiates) {
  Restart t;
  const lab::SwanChildSa old = t.first_tunnel();
  const std::size_t before = t.gateway().log_lines().size();

  BOOST_CHECK_EQUAL(t.run->kill_gateway(), 128 + SIGKILL);
  t.restart();

  // Three pings from strongSwan's side go out on its old SA.
  const lab::PingResult lost =
      lab::ping(t.run->lab().peer().name(), LabAddresses::kPeerHost, LabAddresses::kGatewayHost, 3,
                std::chrono::milliseconds{200});
  t.step("ping from strongSwan's side on its old SA: " + std::to_string(lost.received) + "/" +
         std::to_string(lost.sent));
  BOOST_CHECK_EQUAL(lost.received, 0);
  {
    const auto lines = t.new_log_lines(before);
    const long unknown = std::count_if(lines.begin(), lines.end(), [](const auto& l) {
      return l.message == "!! Cannot find Phase 2 SA";
    });
    // One line per ESP packet on the old SPI, and nothing else.
    BOOST_CHECK_EQUAL(unknown, lost.sent);
    BOOST_CHECK_EQUAL(static_cast<std::size_t>(unknown), lines.size());
  }
  const std::size_t before_new = t.gateway().log_lines().size();

  // strongSwan's operator starts anew: --terminate sends two Deletes (ESP,
  // then ISAKMP) under the old ISAKMP SA, which the restarted gateway does
  // not know; it logs each and drops it. Waiting for both lines before the
  // --initiate keeps the log's order fixed (they come in on UDP 4500 through
  // the data path thread, Main Mode 1 on 500).
  const lab::CommandResult terminated =
      t.run->peer().swanctl({"--terminate", "--ike", "lab", "--timeout", "5"});
  t.step("swanctl --terminate --ike lab: status " + std::to_string(terminated.status));
  BOOST_CHECK_MESSAGE(t.peer_holds(0, std::nullopt, std::chrono::seconds{5}),
                      "strongSwan still holds SAs after --terminate");
  const std::string unknown_cookies = std::string("!! Malformed IKE packet from <") +
                                      LabAddresses::kPeerWan + ">: no ISAKMP SA for these cookies";
  for (const auto until = Clock::now() + std::chrono::seconds{3}; Clock::now() < until;) {
    if (t.gateway().log_lines().size() >= before_new + 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  const auto sa = t.run->bring_up_again(false, spis_of(old), std::chrono::seconds{30});
  BOOST_REQUIRE_MESSAGE(sa, "strongSwan's new tunnel did not come up; ipsec-fpga said:\n" +
                                t.gateway_output().substr(0, 3000));
  t.check_sa_table(*sa, spis_of(old));
  t.check_traffic(13);
  BOOST_CHECK_MESSAGE(t.peer_holds(1, sa, std::chrono::seconds{5}),
                      "strongSwan should hold only the new IKE_SA and CHILD_SA");

  // The two Deletes' lines, then the set-up with strongSwan initiating.
  const auto log = t.new_log_lines(before_new);
  std::vector<std::string> expected{unknown_cookies, unknown_cookies};
  for (const std::string& l : expected_setup_log(false, false)) expected.push_back(l);
  const std::vector<std::string> got = Restart::messages(log);
  BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), expected.begin(), expected.end());
  for (const auto& l : log)
    BOOST_CHECK_MESSAGE(!l.error || l.message == unknown_cookies,
                        "error in the IPSec log: " + l.message);

  BOOST_CHECK_EQUAL(t.run->stop_gateway(), 0);
}

// SIGTERM (a clean stop: Deletes to strongSwan), then a restart: strongSwan
// holds no SA before the restart, and the tunnel comes back.
BOOST_AUTO_TEST_CASE(sigterm_restart) {
  Restart t;
  const lab::SwanChildSa old = t.first_tunnel();
  const std::size_t before = t.gateway().log_lines().size();

  BOOST_CHECK_EQUAL(t.run->stop_gateway(), 0);
  t.step("ipsec-fpga run stopped (SIGTERM)");
  BOOST_CHECK_MESSAGE(t.peer_holds(0, std::nullopt, std::chrono::seconds{5}),
                      "strongSwan still holds SAs after our clean stop (no Deletes received?)");
  // Our stop's lines: one Delete for the ESP SA, one for the ISAKMP SA;
  // charon names the SPI (our inbound, its outbound) it deleted.
  {
    const auto stop_lines = t.new_log_lines(before, "at the stop");
    const std::vector<std::string> got = Restart::messages(stop_lines);
    const std::vector<std::string> expected{"Send:<HASH><DEL>", "Send:<HASH><DEL>"};
    BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), expected.begin(), expected.end());
    const std::string charon_log = read_file(t.run->peer().log_file());
    BOOST_CHECK_MESSAGE(charon_log.find("received DELETE for ESP CHILD_SA with SPI " +
                                        old.spi_out) != std::string::npos,
                        "charon did not log our Delete for SPI " + old.spi_out);
    BOOST_CHECK_MESSAGE(charon_log.find("received DELETE for IKE_SA lab[1]") != std::string::npos,
                        "charon did not log our Delete for its IKE_SA lab[1]");
  }
  const std::size_t before_restart = t.gateway().log_lines().size();

  t.restart();
  const auto sa = t.run->bring_up_again(true, spis_of(old), std::chrono::seconds{30});
  BOOST_REQUIRE_MESSAGE(
      sa, "the tunnel did not come back; ipsec-fpga said:\n" + t.gateway_output().substr(0, 3000));
  t.check_sa_table(*sa, spis_of(old));
  t.check_traffic(14);
  BOOST_CHECK_MESSAGE(t.peer_holds(1, sa, std::chrono::seconds{5}),
                      "strongSwan should hold only the new IKE_SA and CHILD_SA");

  const auto log = t.new_log_lines(before_restart);
  const std::vector<std::string> expected = expected_setup_log(true, false);
  const std::vector<std::string> got = Restart::messages(log);
  BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), expected.begin(), expected.end());
  for (const auto& l : log) BOOST_CHECK_MESSAGE(!l.error, "error in the IPSec log: " + l.message);

  BOOST_CHECK_EQUAL(t.run->stop_gateway(), 0);
}
