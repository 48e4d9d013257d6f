#pragma once
// Shared by the host_cli tests: a temporary folder (tests/host_config's),
// running the CLI in process, sample status and SA rows.

#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "host/cli/cli.hpp"
#include "host/control/control_protocol.hpp"
#include "host/control/gateway_status.hpp"
#include "tests/host_config/temp_files.hpp"

namespace ipsec_fpga::host::test {

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// `ipsec-fpga ARGS` in process (cli_main): exit status, stdout, stderr.
struct CliResult {
  int status;
  std::string out, err;
};

inline CliResult cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  int status = cli_main(args, out, err);
  return {status, out.str(), err.str()};
}

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

// A control handler answering with sample_status() and sample_sa_rows().
inline ControlHandler sample_handler() {
  ControlHandler h;
  h.status = [] { return sample_status(); };
  h.sa_table = [] { return sample_sa_rows(); };
  return h;
}

}  // namespace ipsec_fpga::host::test
