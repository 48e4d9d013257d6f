// The standard two-namespace topology of the end-to-end tests and the demo
// (documentation addresses only; see docs/e2e-tests.md):
//
//   namespace "<tag>-<pid>-gw"                    namespace "<tag>-<pid>-peer"
//   (the gateway under test)                      (strongSwan)
//   wan0 192.0.2.1/24  <------- veth ------->     wan0 192.0.2.2/24
//   protected 198.51.100.1 (198.51.100.0/24)      protected 203.0.113.1/32 on lo
//                                                 (203.0.113.0/24)
//
// A work folder holds every file (configs, logs, captures); it is removed
// unless kept (failures, --keep).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "host/lab/netns.hpp"

namespace ipsec_fpga::host::lab {

struct LabAddresses {
  static constexpr const char* kGatewayWan = "192.0.2.1";
  static constexpr const char* kPeerWan = "192.0.2.2";
  static constexpr const char* kWanPrefix = "/24";
  static constexpr const char* kGatewayHost = "198.51.100.1";
  static constexpr const char* kGatewayNet = "198.51.100.0/24";
  static constexpr const char* kPeerHost = "203.0.113.1";
  static constexpr const char* kPeerNet = "203.0.113.0/24";
  static constexpr const char* kWanDevice = "wan0";
};

class TunnelLab {
 public:
  // Removes leftovers of `tag` first, then creates both namespaces, the veth
  // and the WAN addresses, and the work folder under `work_root`
  // (default: a fresh folder in /tmp).
  explicit TunnelLab(const std::string& tag, std::filesystem::path work_root = {});
  ~TunnelLab();  // namespaces deleted; the work folder removed unless keep()

  const Netns& gateway() const { return *gateway_; }
  const Netns& peer() const { return *peer_; }
  const std::filesystem::path& dir() const { return dir_; }
  void keep(bool k = true) { keep_ = k; }
  bool kept() const { return keep_; }

 private:
  std::filesystem::path dir_;
  bool own_dir_ = false;
  bool keep_ = false;
  std::unique_ptr<Netns> gateway_;
  std::unique_ptr<Netns> peer_;
};

}  // namespace ipsec_fpga::host::lab
