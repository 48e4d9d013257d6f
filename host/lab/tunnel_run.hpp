// One tunnel between the gateway under test (ipsec-fpga on the simulated
// board, or a strongSwan charon for the lab's self-test) and a strongSwan
// peer, in a TunnelLab: set-up, bring-up (the gateway or the peer
// initiates), ping, TCP transfer, and the tshark check of the WAN capture
// with the keys from the peer's log. Used by tests/e2e_strongswan and
// `ipsec-fpga demo`.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "host/lab/esp_capture.hpp"
#include "host/lab/ipsec_fpga_gateway.hpp"
#include "host/lab/lab_suite.hpp"
#include "host/lab/strongswan_peer.hpp"
#include "host/lab/traffic.hpp"
#include "host/lab/tunnel_lab.hpp"

namespace ipsec_fpga::host::lab {

enum class GatewayKind { ipsec_fpga, strongswan };

struct TunnelRunOptions {
  std::string tag = "lab";  // namespace names "<tag>-<pid>-gw" / "-peer"
  std::string suite = "aes-cbc-sha1";
  GatewayKind gateway = GatewayKind::ipsec_fpga;
  bool gateway_initiates = true;
  bool aggressive = false;
  std::filesystem::path program;    // the ipsec-fpga executable (GatewayKind::ipsec_fpga)
  std::filesystem::path work_root;  // empty: a fresh folder in /tmp
  bool capture = true;              // dumpcap on the peer's WAN interface
  std::function<void(const std::string&)> progress;  // step messages (may be empty)
  const std::atomic<bool>* cancel = nullptr;         // set: bring_up() gives up (demo's Ctrl-C)
};

class TunnelRun {
 public:
  explicit TunnelRun(TunnelRunOptions options);
  ~TunnelRun();  // stops everything (gateway first, so it can delete its SAs), removes namespaces

  // Namespaces, configs, peer and gateway processes, capture.
  void start();
  // Brings the tunnel up: the gateway initiates (ipsec-fpga: triggered by
  // traffic; strongSwan: swanctl --initiate) or the peer does; returns the
  // peer's CHILD_SA once INSTALLED, nullopt after `timeout`.
  std::optional<SwanChildSa> bring_up(std::chrono::seconds timeout = std::chrono::seconds{45});
  // The same for a new tunnel next to the peer's old SAs (after a gateway
  // restart): `gateway_initiates` says who starts it this time; the CHILD_SA
  // returned is an INSTALLED one whose inbound SPI is not in `old_spis`.
  std::optional<SwanChildSa> bring_up_again(bool gateway_initiates,
                                            const std::vector<std::string>& old_spis,
                                            std::chrono::seconds timeout = std::chrono::seconds{
                                                45});
  // From the gateway's protected address to the peer's.
  PingResult ping(int count);
  // Gateway side is the client; to_peer = client -> server bytes.
  TransferResult transfer(std::uint64_t to_peer, std::uint64_t from_peer, std::uint64_t seed,
                          std::chrono::milliseconds timeout,
                          const std::atomic<bool>* cancel = nullptr);
  // Stops the capture and decrypts it with the peer's logged keys.
  EspCaptureReport check_capture();
  // The ESP SAs (peer's view) with keys, for tshark.
  std::vector<TsharkEspSa> tshark_sas();

  TunnelLab& lab() { return *lab_; }
  StrongswanPeer& peer() { return *peer_; }
  IpsecFpgaGateway* gateway() { return gateway_.get(); }          // GatewayKind::ipsec_fpga
  StrongswanPeer* swan_gateway() { return swan_gateway_.get(); }  // GatewayKind::strongswan
  const LabSuite& suite() const { return suite_; }
  const TunnelRunOptions& options() const { return options_; }
  // Stops the gateway now (SIGTERM) and returns its exit status.
  int stop_gateway();
  // SIGKILL (no Deletes, no clean-up by the process) and returns its exit status.
  int kill_gateway();
  // Starts `ipsec-fpga run` again on the same config (after stop or kill).
  void restart_gateway();

 private:
  void say(const std::string& what) const;
  std::optional<SwanChildSa> bring_up(bool gateway_initiates,
                                      const std::vector<std::string>& old_spis,
                                      std::chrono::seconds timeout);
  std::optional<SwanChildSa> new_installed_sa(const std::vector<std::string>& old_spis);
  bool cancelled() const;
  TunnelRunOptions options_;
  LabSuite suite_;
  std::unique_ptr<TunnelLab> lab_;
  std::unique_ptr<StrongswanPeer> peer_;
  std::unique_ptr<IpsecFpgaGateway> gateway_;
  std::unique_ptr<StrongswanPeer> swan_gateway_;
  std::unique_ptr<EspCapture> capture_;
};

}  // namespace ipsec_fpga::host::lab
