#include "host/lab/tunnel_run.hpp"

#include <algorithm>
#include <thread>

namespace ipsec_fpga::host::lab {
namespace {
constexpr const char* kLabPsk = "lab-psk-only-for-these-namespaces-0815";
}

TunnelRun::TunnelRun(TunnelRunOptions options)
    : options_(std::move(options)), suite_(lab_suite(options_.suite)) {}

TunnelRun::~TunnelRun() {
  capture_.reset();
  if (gateway_) gateway_->stop();
  swan_gateway_.reset();
  peer_.reset();
  lab_.reset();
}

bool TunnelRun::cancelled() const { return options_.cancel != nullptr && options_.cancel->load(); }

void TunnelRun::say(const std::string& what) const {
  if (options_.progress) options_.progress(what);
}

void TunnelRun::start() {
  lab_ = std::make_unique<TunnelLab>(options_.tag, options_.work_root);
  say("namespaces " + lab_->gateway().name() + " and " + lab_->peer().name() + ", files in " +
      lab_->dir().string());
  SwanConnection peer;
  peer.aggressive = options_.aggressive;
  peer.local_address = LabAddresses::kPeerWan;
  peer.remote_address = LabAddresses::kGatewayWan;
  peer.ike_proposal = suite_.swan_ike_proposal;
  peer.esp_proposal = suite_.swan_esp_proposal;
  peer.psk = kLabPsk;
  peer.local_ts = LabAddresses::kPeerNet;
  peer.remote_ts = LabAddresses::kGatewayNet;
  peer.initiator = !options_.gateway_initiates;
  peer_ = std::make_unique<StrongswanPeer>(lab_->peer().name(), lab_->dir() / "strongswan", peer);

  if (options_.gateway == GatewayKind::strongswan) {
    lab_->gateway().add_loopback_address(LabAddresses::kGatewayHost);
    SwanConnection gw = peer;
    std::swap(gw.local_address, gw.remote_address);
    std::swap(gw.local_ts, gw.remote_ts);
    gw.initiator = options_.gateway_initiates;
    swan_gateway_ = std::make_unique<StrongswanPeer>(lab_->gateway().name(),
                                                     lab_->dir() / "strongswan-gateway", gw);
  } else {
    GatewayRule rule;
    rule.secure_gateway = LabAddresses::kPeerWan;
    rule.local = LabAddresses::kGatewayNet;
    rule.remote = LabAddresses::kPeerNet;
    rule.aggressive = options_.aggressive;
    rule.psk = kLabPsk;
    rule.suite = suite_;
    GatewayProcessOptions g;
    g.program = options_.program;
    g.wan_interface = LabAddresses::kWanDevice;
    g.lan_address = std::string(LabAddresses::kGatewayHost) + "/24";
    gateway_ = std::make_unique<IpsecFpgaGateway>(lab_->gateway().name(),
                                                  lab_->dir() / "ipsec-fpga", rule, g);
  }
  if (options_.capture)
    capture_ = std::make_unique<EspCapture>(lab_->peer().name(), LabAddresses::kWanDevice,
                                            lab_->dir() / "wan.pcapng");
  peer_->start();
  say("strongSwan peer started (charon pid " + std::to_string(peer_->pid()) + ", " +
      suite_.swan_ike_proposal + " / " + suite_.swan_esp_proposal + ")");
  if (swan_gateway_) {
    swan_gateway_->start();
    say("strongSwan gateway started (charon pid " + std::to_string(swan_gateway_->pid()) + ")");
  } else {
    gateway_->start();
    say("ipsec-fpga run started on the simulated board (pid " + std::to_string(gateway_->pid()) +
        ")");
  }
}

std::optional<SwanChildSa> TunnelRun::bring_up(std::chrono::seconds timeout) {
  return bring_up(options_.gateway_initiates, {}, timeout);
}

std::optional<SwanChildSa> TunnelRun::bring_up_again(bool gateway_initiates,
                                                     const std::vector<std::string>& old_spis,
                                                     std::chrono::seconds timeout) {
  return bring_up(gateway_initiates, old_spis, timeout);
}

std::optional<SwanChildSa> TunnelRun::new_installed_sa(const std::vector<std::string>& old_spis) {
  for (const SwanChildSa& sa : peer_->child_sas())
    if (sa.state == "INSTALLED" &&
        std::find(old_spis.begin(), old_spis.end(), sa.spi_in) == old_spis.end())
      return sa;
  return std::nullopt;
}

std::optional<SwanChildSa> TunnelRun::bring_up(bool gateway_initiates,
                                               const std::vector<std::string>& old_spis,
                                               std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  if (!gateway_initiates) {
    say("strongSwan initiates (swanctl --initiate)");
    peer_->initiate(timeout);
  } else if (swan_gateway_) {
    say("the gateway initiates (swanctl --initiate)");
    swan_gateway_->initiate(timeout);
  } else {
    say("the gateway initiates: a packet for the tunnel triggers the negotiation");
    // Each ping that finds no SA triggers (or waits for) the negotiation.
    while (std::chrono::steady_clock::now() < deadline && !cancelled()) {
      run_command({"ping", "-n", "-c", "1", "-W", "1", "-I", LabAddresses::kGatewayHost,
                   LabAddresses::kPeerHost},
                  std::chrono::seconds{5}, lab_->gateway().name());
      if (new_installed_sa(old_spis)) break;
    }
  }
  std::optional<SwanChildSa> sa;
  while (!cancelled()) {
    sa = new_installed_sa(old_spis);
    if (sa || std::chrono::steady_clock::now() >= deadline || !peer_->running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds{200});
  }
  if (sa && swan_gateway_ && !swan_gateway_->wait_installed(std::chrono::seconds{5}))
    return std::nullopt;
  if (sa && gateway_) {
    // charon may report INSTALLED before the gateway has its SAs on the board
    // (as responder it installs after Quick Mode 3): wait for both SPIs in `sa`.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    for (;;) {
      const std::string table = gateway_->query("sa").output;
      if (table.find(sa->spi_in) != std::string::npos &&
          table.find(sa->spi_out) != std::string::npos)
        break;
      if (std::chrono::steady_clock::now() > until || cancelled()) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds{100});
    }
  }
  if (sa) say("tunnel up: strongSwan SPIs in " + sa->spi_in + ", out " + sa->spi_out);
  return sa;
}

PingResult TunnelRun::ping(int count) {
  return lab::ping(lab_->gateway().name(), LabAddresses::kGatewayHost, LabAddresses::kPeerHost,
                   count, std::chrono::milliseconds{200}, options_.cancel);
}

TransferResult TunnelRun::transfer(std::uint64_t to_peer, std::uint64_t from_peer,
                                   std::uint64_t seed, std::chrono::milliseconds timeout,
                                   const std::atomic<bool>* cancel) {
  TransferOptions t;
  t.server_netns = lab_->peer().name();
  t.server_address = LabAddresses::kPeerHost;
  t.client_netns = lab_->gateway().name();
  t.client_address = LabAddresses::kGatewayHost;
  t.to_server_bytes = to_peer;
  t.to_client_bytes = from_peer;
  t.seed = seed;
  t.timeout = timeout;
  t.cancel = cancel;
  return tcp_transfer(t);
}

std::vector<TsharkEspSa> TunnelRun::tshark_sas() {
  std::vector<TsharkEspSa> sas;
  const std::optional<SwanChildSa> sa = peer_->child_sa();
  if (!sa) return sas;
  for (const EspSaKeys& k : peer_->esp_keys(*sa))
    sas.push_back(
        {k.source, k.destination, k.spi, suite_.tshark_suite, k.encryption_key, k.integrity_key});
  return sas;
}

EspCaptureReport TunnelRun::check_capture() {
  EspCaptureReport report;
  if (!capture_) {
    report.error = "no capture";
    return report;
  }
  capture_->stop();
  const std::vector<TsharkEspSa> sas = tshark_sas();
  if (sas.size() != 2) {
    report.error = "no ESP keys in " + peer_->log_file().string();
    return report;
  }
  return check_esp_capture(capture_->file(), sas);
}

int TunnelRun::kill_gateway() {
  if (!gateway_) return -1;
  const int status = gateway_->kill();
  say("ipsec-fpga run killed (SIGKILL), status " + std::to_string(status));
  return status;
}

void TunnelRun::restart_gateway() {
  if (!gateway_) return;
  gateway_->start();
  say("ipsec-fpga run started again on the same config (pid " + std::to_string(gateway_->pid()) +
      ")");
}

int TunnelRun::stop_gateway() {
  if (gateway_) return gateway_->stop();
  if (swan_gateway_) swan_gateway_->stop();
  return 0;
}

}  // namespace ipsec_fpga::host::lab
