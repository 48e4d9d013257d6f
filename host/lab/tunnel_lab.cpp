#include "host/lab/tunnel_lab.hpp"

#include <cstdlib>
#include <stdexcept>

namespace ipsec_fpga::host::lab {
namespace fs = std::filesystem;

TunnelLab::TunnelLab(const std::string& tag, fs::path work_root) {
  cleanup_leftover_namespaces(tag);
  if (work_root.empty()) {
    std::string pattern = (fs::temp_directory_path() / (tag + ".XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a work folder in /tmp");
    dir_ = pattern;
    own_dir_ = true;
  } else {
    dir_ = work_root;
    fs::create_directories(dir_);
  }
  gateway_ = std::make_unique<Netns>(tag, "gw");
  peer_ = std::make_unique<Netns>(tag, "peer");
  add_veth(*gateway_, LabAddresses::kWanDevice, *peer_, LabAddresses::kWanDevice);
  gateway_->add_address(LabAddresses::kWanDevice,
                        std::string(LabAddresses::kGatewayWan) + LabAddresses::kWanPrefix);
  peer_->add_address(LabAddresses::kWanDevice,
                     std::string(LabAddresses::kPeerWan) + LabAddresses::kWanPrefix);
  peer_->add_loopback_address(LabAddresses::kPeerHost);
}

TunnelLab::~TunnelLab() {
  peer_.reset();
  gateway_.reset();
  if (own_dir_ && !keep_) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

}  // namespace ipsec_fpga::host::lab
