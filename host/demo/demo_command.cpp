#include "host/demo/demo_command.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>

#include "host/lab/netns.hpp"
#include "host/lab/tunnel_run.hpp"

namespace ipsec_fpga::host {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
namespace lab = ipsec_fpga::host::lab;
using Clock = std::chrono::steady_clock;

struct DemoOptions {
  std::string suite = "aes-cbc-sha1";
  std::string role = "initiator";
  std::string mode = "main";
  std::string gateway = "ipsec-fpga";
  std::uint64_t bytes = 200'000;
  int pings = 5;
  std::string keep_dir;
  std::string program;
  bool no_capture = false;
};

po::options_description demo_options(DemoOptions& o) {
  po::options_description d("Options");
  d.add_options()("help,h", "print this help")("suite", po::value(&o.suite)->default_value(o.suite),
                                               "ESP suite: aes-cbc-sha1, 3des-sha1 or aes-gcm")(
      "role", po::value(&o.role)->default_value(o.role),
      "ipsec-fpga's role: initiator (a packet triggers the negotiation) or responder")(
      "mode", po::value(&o.mode)->default_value(o.mode), "Phase 1: main or aggressive")(
      "bytes", po::value(&o.bytes)->default_value(o.bytes),
      "bytes of the bulk TCP transfer, each way (the simulated board carries ~50-100 kB/s)")(
      "pings", po::value(&o.pings)->default_value(o.pings), "pings through the tunnel")(
      "gateway", po::value(&o.gateway)->default_value(o.gateway),
      "the local gateway: ipsec-fpga (simulated board) or strongswan (the lab's self-test)")(
      "keep", po::value(&o.keep_dir)->value_name("DIR"),
      "keep every config, log and the capture in DIR")(
      "program", po::value(&o.program)->value_name("FILE"),
      "the ipsec-fpga executable to run as the gateway (default: this one)")(
      "no-capture", po::bool_switch(&o.no_capture), "skip the capture and its tshark check");
  return d;
}

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int) { g_interrupted.store(true); }

// Installs SIGINT/SIGTERM/SIGHUP handlers for the demo's lifetime.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted = false;
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; ++i) ::sigaction(kSignals[i], &sa, &old_[i]);
  }
  ~InterruptGuard() {
    for (int i = 0; i < 3; ++i) ::sigaction(kSignals[i], &old_[i], nullptr);
  }

 private:
  static constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction old_[3]{};
};

struct Interrupted {};

void check_interrupt() {
  if (g_interrupted.load()) throw Interrupted{};
}

std::string indent(const std::string& text, const std::string& prefix = "  ") {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) out += prefix + line + "\n";
  return out;
}

std::string rate(std::uint64_t bytes, double seconds) {
  if (seconds <= 0) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f kB/s (%.2f Mbit/s)",
                static_cast<double>(bytes) / seconds / 1000.0,
                static_cast<double>(bytes) * 8 / seconds / 1e6);
  return buf;
}

std::string self_executable() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

int run_demo(const DemoOptions& o) {
  const auto start = Clock::now();
  auto say = [&](const std::string& what) {
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "[%5.1f s] ",
                  std::chrono::duration<double>(Clock::now() - start).count());
    std::cout << stamp << what << std::endl;
  };
  lab::TunnelRunOptions t;
  t.tag = "ipsec-fpga-demo";
  t.suite = o.suite;
  t.gateway =
      o.gateway == "strongswan" ? lab::GatewayKind::strongswan : lab::GatewayKind::ipsec_fpga;
  t.gateway_initiates = o.role == "initiator";
  t.aggressive = o.mode == "aggressive";
  t.program = o.program.empty() ? self_executable() : o.program;
  t.work_root = o.keep_dir;
  t.capture = !o.no_capture;
  if (t.capture) {
    if (const std::string why = lab::capture_unavailable_reason(); !why.empty()) {
      std::cout << "(no capture check: " << why << ")\n";
      t.capture = false;
    }
  }
  t.progress = say;
  t.cancel = &g_interrupted;
  const lab::LabSuite& suite = lab::lab_suite(o.suite);
  const bool ours = t.gateway == lab::GatewayKind::ipsec_fpga;
  if (ours) {
    const std::string why = lab::IpsecFpgaGateway::unavailable_reason(t.program);
    if (!why.empty()) {
      std::cerr << "ipsec-fpga demo: " << why << "\n";
      return 1;
    }
  }
  std::cout << "ipsec-fpga demo: " << (ours ? "ipsec-fpga on the simulated board" : "strongSwan")
            << " <-> strongSwan, " << suite.description << ", "
            << (t.aggressive ? "Aggressive" : "Main") << " Mode, "
            << (ours ? "ipsec-fpga" : "the gateway") << " as " << o.role << "\n"
            << "  gateway namespace: WAN " << lab::LabAddresses::kGatewayWan << ", protects "
            << lab::LabAddresses::kGatewayNet << " (host " << lab::LabAddresses::kGatewayHost
            << ")\n"
            << "  peer namespace:    WAN " << lab::LabAddresses::kPeerWan << ", protects "
            << lab::LabAddresses::kPeerNet << " (host " << lab::LabAddresses::kPeerHost << ")\n\n";

  lab::TunnelRun run(t);
  int status = 0;
  try {
    run.start();
    check_interrupt();
    const auto up_start = Clock::now();
    const std::optional<lab::SwanChildSa> sa = run.bring_up(std::chrono::seconds{45});
    check_interrupt();
    if (!sa) {
      say("the tunnel did not come up within 45 s");
      status = 1;
    } else {
      say("tunnel up after " +
          std::to_string(std::chrono::duration<double>(Clock::now() - up_start).count())
              .substr(0, 4) +
          " s");
      const lab::PingResult p = run.ping(o.pings);
      check_interrupt();
      say("ping " + std::string(lab::LabAddresses::kGatewayHost) + " -> " +
          lab::LabAddresses::kPeerHost + ": " + std::to_string(p.received) + "/" +
          std::to_string(p.sent) + " replies");
      if (p.received == 0) status = 1;
      say("TCP transfer: " + std::to_string(o.bytes) + " bytes each way at once, seeded stream");
      const auto timeout = std::chrono::seconds{30 + static_cast<long>(o.bytes / 20'000)};
      const lab::TransferResult r = run.transfer(o.bytes, o.bytes, 2026, timeout, &g_interrupted);
      check_interrupt();
      say("TCP: " + r.summary());
      if (!r.ok()) status = 1;

      std::cout << "\n== IPSec log (the router's view) ==\n";
      if (ours)
        std::cout << indent(run.gateway()->log_screen());
      else
        std::cout << indent(run.swan_gateway()->list_sas());
      std::cout << "\n== SA table (ipsec-fpga sa) ==\n";
      if (ours)
        std::cout << indent(run.gateway()->query("sa").output);
      else
        std::cout << "  (the strongSwan gateway has no FPGA SA table)\n";
      std::cout << "\n== strongSwan peer (swanctl --list-sas) ==\n"
                << indent(run.peer().list_sas());

      std::cout << "\n== Throughput ==\n"
                << "  gateway -> peer: " << r.to_server.received << " bytes in "
                << r.to_server.seconds << " s, " << rate(r.to_server.received, r.to_server.seconds)
                << (r.to_server.intact
                        ? ", intact (SHA-256 " + r.to_server.sha256_received.substr(0, 16) + "...)"
                        : ", NOT intact")
                << "\n"
                << "  peer -> gateway: " << r.to_client.received << " bytes in "
                << r.to_client.seconds << " s, " << rate(r.to_client.received, r.to_client.seconds)
                << (r.to_client.intact
                        ? ", intact (SHA-256 " + r.to_client.sha256_received.substr(0, 16) + "...)"
                        : ", NOT intact")
                << "\n"
                << "  ping: " << p.received << "/" << p.sent << " replies\n";
      if (t.capture) {
        const lab::EspCaptureReport c = run.check_capture();
        std::cout << "  capture (tshark with strongSwan's keys): " << c.summary() << "\n";
        if (!c.all_good()) status = 1;
      }
      std::cout << "\n";
    }
  } catch (const Interrupted&) {
    say("interrupted: cleaning up");
    status = 130;
  } catch (const std::exception& e) {
    std::cerr << "ipsec-fpga demo: " << e.what() << "\n";
    status = 1;
  }
  if (status != 0 && status != 130 && o.keep_dir.empty()) {
    run.lab().keep();
    say("files kept for a look in " + run.lab().dir().string());
  }
  say("stopping the gateway and the peer, removing the namespaces");
  return status;
}

}  // namespace

int demo_command(const std::vector<std::string>& args) {
  DemoOptions options;
  const po::options_description desc = demo_options(options);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).run(), vm);
    po::notify(vm);
    if (options.role != "initiator" && options.role != "responder")
      throw po::error("--role must be initiator or responder, not '" + options.role + "'");
    if (options.mode != "main" && options.mode != "aggressive")
      throw po::error("--mode must be main or aggressive, not '" + options.mode + "'");
    if (options.gateway != "ipsec-fpga" && options.gateway != "strongswan")
      throw po::error("--gateway must be ipsec-fpga or strongswan, not '" + options.gateway + "'");
    if (options.pings < 1 || options.pings > 1000) throw po::error("--pings must be 1..1000");
    lab::lab_suite(options.suite);
  } catch (const std::exception& e) {
    std::cerr << "ipsec-fpga demo: " << e.what() << "\nTry 'ipsec-fpga demo --help'.\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout
        << "Usage: ipsec-fpga demo [options]\n\n"
           "Runs a tunnel between ipsec-fpga on the simulated board and a strongSwan peer in\n"
           "two network namespaces it creates, sends pings and a TCP transfer through it\n"
           "(verified byte for byte), and prints the IPSec log, the SA table, the throughput\n"
           "and tshark's check of the captured ESP; then removes everything, also on Ctrl-C.\n"
           "Needs root and strongSwan (scripts/install-deps.sh).\n\n"
        << desc;
    return 0;
  }
  std::string why = lab::lab_unavailable_reason();
  if (why.empty()) why = lab::StrongswanPeer::unavailable_reason();
  if (!why.empty()) {
    std::cerr << "ipsec-fpga demo: cannot run here: " << why << "\n";
    return 1;
  }
  InterruptGuard guard;
  return run_demo(options);
}

}  // namespace ipsec_fpga::host
