// `ipsec-fpga run` as a lab process: a config file written from a small
// description (one IKE rule), the PSK in its own mode-600 file, the daemon
// started in a network namespace on the simulated board with its own log
// file and control socket, and the CLI's queries (`sa`, `status`, `log`)
// against it. SIGTERM ends it (it deletes its SAs first).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "host/lab/lab_suite.hpp"
#include "host/lab/process.hpp"

namespace ipsec_fpga::host::lab {

struct GatewayRule {
  int index = 1;
  std::string name = "lab-tunnel";
  std::string secure_gateway;  // the peer's WAN address
  std::string local;           // protected ranges
  std::string remote;
  bool aggressive = false;
  std::string psk;  // written to a mode-600 file only
  LabSuite suite;
};

struct GatewayProcessOptions {
  std::filesystem::path program;  // the ipsec-fpga executable
  std::string board = "sim:";
  std::string wan_interface = "wan0";
  std::string lan_interface = "ipsec0";
  std::string lan_address = "198.51.100.1/24";
};

// One line of `ipsec-fpga log --json`.
struct GatewayLogLine {
  int index = 0;
  std::string message;  // errors start with "!! "
  bool error = false;
};

// One row of `ipsec-fpga sa --json` (the board's SA table), the parts the tests use.
struct GatewaySaRow {
  int entry = 0;
  std::string direction;  // "inbound" / "outbound"
  std::string spi;        // hex, 8 digits (as swanctl shows SPIs)
  int rule = 0;
  std::uint64_t packets = 0;
  bool enabled = false;
};

class IpsecFpgaGateway {
 public:
  IpsecFpgaGateway(std::string netns, std::filesystem::path dir, GatewayRule rule,
                   GatewayProcessOptions options);
  ~IpsecFpgaGateway();  // stop()
  IpsecFpgaGateway(const IpsecFpgaGateway&) = delete;
  IpsecFpgaGateway& operator=(const IpsecFpgaGateway&) = delete;

  // Writes the config, starts `ipsec-fpga run`, waits for its control socket
  // and its TUN device. Throws with the daemon's output when it fails. May be
  // called again once the process ended (a restart on the same config, log
  // file and control socket; the output file gets a marker line and the
  // new run's output appended).
  void start(std::chrono::milliseconds timeout = std::chrono::seconds{20});
  // SIGTERM and wait; returns the exit status.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds{15});
  // SIGKILL (a crash: no Deletes to the peer, nothing cleaned up by the
  // process) and wait; returns the exit status (128 + 9), -1 if it had not run.
  int kill(std::chrono::milliseconds wait = std::chrono::seconds{10});
  int starts() const { return starts_; }
  bool running() { return process_.running(); }
  pid_t pid() const { return process_.pid(); }

  // `ipsec-fpga <command> --control-socket S <args>`.
  CommandResult query(const std::string& command, const std::vector<std::string>& args = {});
  // `ipsec-fpga sa --json`, parsed; nullopt when the gateway did not answer.
  std::optional<std::vector<GatewaySaRow>> sa_rows();
  // `ipsec-fpga log --file F --json`, parsed.
  std::vector<GatewayLogLine> log_lines();
  // `ipsec-fpga log --file F` (the router's screen).
  std::string log_screen();

  std::string config_toml() const;
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path config_file() const { return dir_ / "gateway.toml"; }
  std::filesystem::path log_file() const { return dir_ / "ipsec.log"; }
  std::filesystem::path output_file() const { return dir_ / "ipsec-fpga.out"; }
  std::filesystem::path control_socket() const { return dir_ / "control.sock"; }

  // Why `program` cannot be used (missing, or no `run` subcommand yet), or empty.
  static std::string unavailable_reason(const std::filesystem::path& program);

 private:
  std::string netns_;
  std::filesystem::path dir_;
  GatewayRule rule_;
  GatewayProcessOptions options_;
  ChildProcess process_;
  int starts_ = 0;
};

// Parses the answer of `ipsec-fpga sa --json`; nullopt unless it is {"ok":true,"sa":[...]}.
std::optional<std::vector<GatewaySaRow>> parse_sa_json(const std::string& answer);

// Parses JSON Lines of the IPSec log (index, message, error of each record).
std::vector<GatewayLogLine> parse_log_json(const std::string& json_lines);

}  // namespace ipsec_fpga::host::lab
