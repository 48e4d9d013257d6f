#pragma once
// Shared by the host_cli tests: a temporary folder, sample status and SA rows.

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "host/control/gateway_status.hpp"

namespace ipsec_fpga::host::test {

class TempDir {
 public:
  TempDir() {
    // Short: a unix socket path must fit in 108 bytes.
    std::string pattern = "/tmp/hcli_XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& contents,
                    mode_t mode = 0600) const {
    std::filesystem::path f = path_ / name;
    {
      std::ofstream out(f, std::ios::binary | std::ios::trunc);
      out << contents;
    }
    if (::chmod(f.c_str(), mode) != 0) throw std::runtime_error("chmod failed");
    return f.string();
  }

 private:
  std::filesystem::path path_;
};

inline GatewayStatus sample_status() {
  GatewayStatus s;
  s.version = "0.1.0";
  s.config_file = "/etc/ipsec-fpga/gateway.toml";
  s.tun_name = "ipsec0";
  s.wan_address = "203.0.113.1";
  s.pid = 4242;
  s.uptime_s = 3725;
  s.reloads = 2;
  s.board.description = "sim: ipsec_fpga_core";
  s.board.uri = "sim:";
  s.board.build_id = 0x1a2b3c4d;
  s.board.protocol_version = 1;
  s.board.clock_hz = 100'000'000;
  s.board.sa_entries = 64;
  s.board.sa_entries_used = 2;
  s.board.replay_window = 64;
  s.board.suites = {"aes128-cbc/hmac-sha1-96", "aes128-gcm", "3des-cbc/hmac-sha1-96"};
  RuleStatus r;
  r.index = 1;
  r.name = "branch \"office\"\n";  // quotes and a newline survive the trip
  r.active = true;
  r.state = RuleState::up;
  r.local_address = "0.0.0.0";
  r.peer_address = "203.0.113.2";
  r.local_network = "192.0.2.0/24";
  r.remote_network = "198.51.100.0/24";
  r.key_management = "ike";
  r.encapsulation = "tunnel";
  r.ike_sa_state = "established";
  r.ike_lifetime_left_s = 28000;
  r.ipsec_lifetime_left_s = 3500;
  r.packets_out = 10;
  r.bytes_out = 840;
  r.packets_in = 9;
  r.bytes_in = 756;
  s.rules.push_back(r);
  r.index = 2;
  r.name = "road-warriors";
  r.active = false;
  r.state = RuleState::idle;
  r.ike_sa_state = "";
  r.ike_lifetime_left_s = -1;
  r.ipsec_lifetime_left_s = -1;
  r.packets_out = r.bytes_out = r.packets_in = r.bytes_in = 0;
  s.rules.push_back(r);
  s.datapath.tun_packets = 12;
  s.datapath.needs_sa = 1;
  s.datapath.outbound_ok = 10;
  s.datapath.inbound_ok = 9;
  s.datapath.wan_esp = 11;
  s.datapath.inbound_errors = 2;
  s.datapath.last_error = "auth failed";
  return s;
}

}  // namespace ipsec_fpga::host::test

namespace ipsec_fpga::host::test {

inline std::vector<SaRow> sample_sa_rows() {
  SaRow out;
  out.entry = 3;
  out.direction = "outbound";
  out.spi = 0xc0ffee01;
  out.rule = 1;
  out.suite = "aes128-cbc/hmac-sha1-96";
  out.encapsulation = "udp";
  out.mode = "tunnel";
  out.enabled = true;
  out.sequence = 10;
  out.packets = 10;
  out.bytes = 1200;
  out.lifetime_used_s = 25;
  out.lifetime_limit_s = 3600;
  out.lifetime_used_kb = 2;
  out.lifetime_limit_kb = 0;
  SaRow in = out;
  in.entry = 4;
  in.direction = "inbound";
  in.spi = 0xffffffff;  // the whole 32 bits
  in.sequence = 9;
  in.packets = 9;
  in.auth_errors = 2;
  in.replay_errors = 1;
  in.bytes = 18'446'744'073'709'551'615ull;  // uint64 max survives
  return {out, in};
}

}  // namespace ipsec_fpga::host::test
