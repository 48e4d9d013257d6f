// The lab's own proof, before the gateway exists: two strongSwan charons
// (kernel-libipsec both) in the lab's two namespaces, ping and 1 MB of TCP
// each way through the tunnel verified byte for byte, and tshark decrypting
// the capture with the keys from charon's log, every ICV good.
#define BOOST_TEST_MODULE e2e_strongswan_lab
#define BOOST_TEST_NO_MAIN
#define BOOST_TEST_ALTERNATIVE_INIT_API
#include <string>

inline std::string e2e_extra_unavailable_reason() { return {}; }

#include "e2e_fixture.hpp"
#include "e2e_main.hpp"

namespace {

using namespace e2e;
using lab::LabAddresses;

struct SwanPair : LabFixture {
  std::unique_ptr<lab::StrongswanPeer> left, right;

  void start(const std::string& ike, const std::string& esp, bool aggressive) {
    lab.gateway().add_loopback_address(LabAddresses::kGatewayHost);
    lab::SwanConnection l;
    l.local_address = LabAddresses::kGatewayWan;
    l.remote_address = LabAddresses::kPeerWan;
    l.ike_proposal = ike;
    l.esp_proposal = esp;
    l.aggressive = aggressive;
    l.psk = "lab-selftest-secret-4711";
    l.local_ts = LabAddresses::kGatewayNet;
    l.remote_ts = LabAddresses::kPeerNet;
    l.initiator = true;
    lab::SwanConnection r = l;
    std::swap(r.local_address, r.remote_address);
    std::swap(r.local_ts, r.remote_ts);
    r.initiator = false;
    left = std::make_unique<lab::StrongswanPeer>(lab.gateway().name(), lab.dir() / "left", l);
    right = std::make_unique<lab::StrongswanPeer>(lab.peer().name(), lab.dir() / "right", r);
    right->start();
    left->start();
    step("charons started (pids " + std::to_string(left->pid()) + ", " +
         std::to_string(right->pid()) + ")");
  }
};

void run_tunnel(SwanPair& f, const std::string& suite, std::uint64_t bytes) {
  lab::EspCapture capture(f.lab.peer().name(), LabAddresses::kWanDevice,
                          f.lab.dir() / "wan.pcapng");
  BOOST_REQUIRE_MESSAGE(f.left->initiate(),
                        "swanctl --initiate failed (see " + (f.lab.dir() / "left").string() + ")");
  const auto sa = f.left->wait_installed(std::chrono::seconds{10});
  BOOST_REQUIRE_MESSAGE(sa, "the left CHILD_SA is not INSTALLED");
  BOOST_REQUIRE_MESSAGE(f.right->wait_installed(std::chrono::seconds{10}),
                        "the right CHILD_SA is not INSTALLED");
  f.step("tunnel up: SPIs in " + sa->spi_in + ", out " + sa->spi_out);

  const lab::PingResult p =
      lab::ping(f.lab.gateway().name(), LabAddresses::kGatewayHost, LabAddresses::kPeerHost, 5);
  f.step("ping: " + std::to_string(p.received) + "/" + std::to_string(p.sent));
  BOOST_CHECK_MESSAGE(p.sent == 5 && p.received == 5, "ping through the tunnel:\n" + p.output);

  lab::TransferOptions t;
  t.server_netns = f.lab.peer().name();
  t.server_address = LabAddresses::kPeerHost;
  t.client_netns = f.lab.gateway().name();
  t.client_address = LabAddresses::kGatewayHost;
  t.to_server_bytes = bytes;
  t.to_client_bytes = bytes;
  t.seed = 42;
  t.timeout = std::chrono::seconds{30};
  const lab::TransferResult r = lab::tcp_transfer(t);
  f.step("TCP: " + r.summary());
  BOOST_CHECK_MESSAGE(r.ok(), r.summary());
  BOOST_CHECK_EQUAL(r.to_server.sha256_received, r.to_server.sha256_expected);
  BOOST_CHECK_EQUAL(r.to_client.sha256_received, r.to_client.sha256_expected);

  capture.stop();
  const auto now = f.left->child_sa();
  BOOST_REQUIRE(now);
  std::vector<lab::TsharkEspSa> sas;
  for (const lab::EspSaKeys& k : f.left->esp_keys(*now))
    sas.push_back({k.source, k.destination, k.spi, suite, k.encryption_key, k.integrity_key});
  BOOST_REQUIRE_MESSAGE(sas.size() == 2, "no ESP keys in " + f.left->log_file().string());
  const lab::EspCaptureReport report = lab::check_esp_capture(capture.file(), sas);
  f.step("tshark: " + report.summary());
  BOOST_CHECK_MESSAGE(report.all_good(), report.summary());
  BOOST_CHECK_EQUAL(report.packets_per_spi.size(), 2u);

  // The check is not vacuous: one wrong key bit, and that SA's packets fail.
  std::vector<lab::TsharkEspSa> wrong = sas;
  std::string& key =
      wrong[0].integrity_key.empty() ? wrong[0].encryption_key : wrong[0].integrity_key;
  key[0] = key[0] == '0' ? '1' : '0';
  lab::EspCaptureReport bad = lab::check_esp_capture(capture.file(), wrong);
  f.step("tshark with a wrong key for SPI " + sas[0].spi + ": " + bad.summary());
  BOOST_CHECK_EQUAL(bad.good, bad.packets_per_spi["0x" + sas[1].spi]);
  BOOST_CHECK_EQUAL(bad.bad + bad.unchecked, bad.packets_per_spi["0x" + sas[0].spi]);
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(aes_cbc_sha1_main_mode, SwanPair) {
  start("aes128-sha1-modp2048", "aes128-sha1", false);
  run_tunnel(*this, "aes-cbc-sha1", 1'000'000);
}

BOOST_FIXTURE_TEST_CASE(aes_gcm_aggressive_mode, SwanPair) {
  start("aes256-sha256-modp2048", "aes128gcm16-modp2048", true);
  run_tunnel(*this, "aes-gcm", 1'000'000);
}
