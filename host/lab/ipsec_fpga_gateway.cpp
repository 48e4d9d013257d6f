#include "host/lab/ipsec_fpga_gateway.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "host/json/json.hpp"

namespace ipsec_fpga::host::lab {
namespace fs = std::filesystem;
namespace {

void write_file(const fs::path& path, const std::string& text, mode_t mode) {
  {
    std::ofstream out(path, std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path.string());
    out << text;
  }
  ::chmod(path.c_str(), mode);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::vector<GatewayLogLine> parse_log_json(const std::string& json_lines) {
  std::vector<GatewayLogLine> lines;
  std::istringstream in(json_lines);
  for (std::string line; std::getline(in, line);) {
    Json record;
    try {
      record = parse_json(line);
    } catch (const JsonError&) {
      continue;  // not a record (a torn line, other output)
    }
    const Json* message = record.find("message");
    if (!message || !message->is_string()) continue;
    GatewayLogLine l;
    const Json* index = record.find("index");
    if (index && index->is_integer() && index->as_double() >= 0 && index->as_double() <= 999)
      l.index = static_cast<int>(index->as_double());
    l.message = message->as_string();
    const Json* error = record.find("error");
    l.error = error && error->is_bool() && error->as_bool();
    lines.push_back(l);
  }
  return lines;
}

std::optional<std::vector<GatewaySaRow>> parse_sa_json(const std::string& answer) {
  Json reply;
  try {
    reply = parse_json(answer.substr(0, answer.find('\n')));
  } catch (const JsonError&) {
    return std::nullopt;
  }
  const Json* ok = reply.find("ok");
  const Json* sa = reply.find("sa");
  if (!ok || !ok->is_bool() || !ok->as_bool() || !sa || !sa->is_array()) return std::nullopt;
  std::vector<GatewaySaRow> rows;
  for (const Json& r : sa->as_array()) {
    GatewaySaRow row;
    if (const Json* v = r.find("entry"); v && v->is_integer())
      row.entry = static_cast<int>(v->as_int64());
    if (const Json* v = r.find("direction"); v && v->is_string()) row.direction = v->as_string();
    if (const Json* v = r.find("spi"); v && v->is_integer()) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "%08llx", static_cast<unsigned long long>(v->as_uint64()));
      row.spi = hex;
    }
    if (const Json* v = r.find("rule"); v && v->is_integer())
      row.rule = static_cast<int>(v->as_int64());
    if (const Json* v = r.find("packets"); v && v->is_integer()) row.packets = v->as_uint64();
    if (const Json* v = r.find("enabled"); v && v->is_bool()) row.enabled = v->as_bool();
    rows.push_back(row);
  }
  return rows;
}

IpsecFpgaGateway::IpsecFpgaGateway(std::string netns, fs::path dir, GatewayRule rule,
                                   GatewayProcessOptions options)
    : netns_(std::move(netns)),
      dir_(std::move(dir)),
      rule_(std::move(rule)),
      options_(std::move(options)) {}

IpsecFpgaGateway::~IpsecFpgaGateway() { stop(); }

std::string IpsecFpgaGateway::unavailable_reason(const fs::path& program) {
  if (program.empty() || ::access(program.c_str(), X_OK) != 0)
    return "no ipsec-fpga executable at '" + program.string() + "'";
  const CommandResult r =
      run_command({program.string(), "run", "--help"}, std::chrono::seconds{10});
  if (!r.ok())
    return program.string() + " has no working `run` command yet: " + r.output.substr(0, 300);
  return {};
}

std::string IpsecFpgaGateway::config_toml() const {
  const GatewayRule& r = rule_;
  std::ostringstream c;
  c << "# written by the ipsec-fpga lab (host/lab/ipsec_fpga_gateway.cpp)\n"
    << "[gateway]\n"
    << "wan_interface = \"" << options_.wan_interface << "\"\n"
    << "wan_address = \"interface\"\n"
    << "lan_interface = \"" << options_.lan_interface << "\"\n"
    << "lan_address = \"" << options_.lan_address << "\"\n"
    << "log_file = \"" << log_file().string() << "\"\n"
    << "board = \"" << options_.board << "\"\n"
    << "\n[[rule]]\n"
    << "index = " << r.index << "\n"
    << "name = \"" << r.name << "\"\n"
    << "active = true\n"
    << "my_ip = \"0.0.0.0\"\n"
    << "secure_gateway = \"" << r.secure_gateway << "\"\n"
    << "local = \"" << r.local << "\"\n"
    << "remote = \"" << r.remote << "\"\n"
    << "key_management = \"ike\"\n"
    << "negotiation_mode = \"" << (r.aggressive ? "aggressive" : "main") << "\"\n"
    << "pre_shared_key_file = \"rule" << r.index << ".psk\"\n"
    << "encapsulation = \"tunnel\"\n"
    << "nat_traversal = true\n"
    << "\n[rule.phase1]\n"
    << "encryption = \"" << r.suite.phase1_encryption << "\"\n"
    << "hash = \"" << r.suite.phase1_hash << "\"\n"
    << "dh_group = " << r.suite.phase1_dh_group << "\n"
    << "\n[[rule.phase2]]\n"
    << "protocol = \"esp\"\n"
    << "encryption = \"" << r.suite.phase2_encryption << "\"\n"
    << "authentication = \"" << r.suite.phase2_authentication << "\"\n"
    << "pfs = \"none\"\n";
  return c.str();
}

void IpsecFpgaGateway::start(std::chrono::milliseconds timeout) {
  fs::create_directories(dir_ / "run");
  write_file(dir_ / ("rule" + std::to_string(rule_.index) + ".psk"), rule_.psk + "\n", 0600);
  write_file(config_file(), config_toml(), 0644);
  fs::remove(control_socket());
  if (starts_ > 0) {
    process_.stop();  // already ended (a no-op then), or a clean stop first
    std::ofstream(output_file(), std::ios::app)
        << "=== lab: ipsec-fpga run started again (start " << starts_ + 1 << ") ===\n";
  }
  ++starts_;
  ProcessOptions p;
  p.argv = {options_.program.string(),
            "run",
            "--config",
            config_file().string(),
            "--board",
            options_.board,
            "--log-file",
            log_file().string(),
            "--control-socket",
            control_socket().string(),
            "--foreground"};
  p.netns = netns_;
  p.stdout_file = output_file();
  p.private_run = dir_ / "run";
  p.working_dir = dir_;
  process_ = ChildProcess(p);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const bool socket = fs::exists(control_socket());
    const bool tun =
        socket && run_command({"ip", "-n", netns_, "link", "show", options_.lan_interface},
                              std::chrono::seconds{5})
                      .ok();
    if (socket && tun) break;
    if (!process_.running() || std::chrono::steady_clock::now() > deadline) {
      const std::string out = read_text(output_file());
      process_.stop();
      throw std::runtime_error("ipsec-fpga run did not come up in " + netns_ + " (see " +
                               output_file().string() + "):\n" + out.substr(0, 2000));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  // The remote networks go through the TUN device (idempotent if the gateway did it).
  run_command({"ip", "-n", netns_, "route", "replace", rule_.remote, "dev", options_.lan_interface},
              std::chrono::seconds{5});
}

int IpsecFpgaGateway::stop(std::chrono::milliseconds grace) { return process_.stop(grace); }

int IpsecFpgaGateway::kill(std::chrono::milliseconds wait) {
  if (process_.pid() <= 0) return -1;
  process_.signal(SIGKILL);
  const std::optional<int> status = process_.wait_for(wait);
  return status ? *status : process_.stop();
}

CommandResult IpsecFpgaGateway::query(const std::string& command,
                                      const std::vector<std::string>& args) {
  std::vector<std::string> argv{options_.program.string(), command, "--control-socket",
                                control_socket().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, std::chrono::seconds{20});
}

std::optional<std::vector<GatewaySaRow>> IpsecFpgaGateway::sa_rows() {
  const CommandResult r = query("sa", {"--json"});
  if (!r.ok()) return std::nullopt;
  return parse_sa_json(r.output);
}

std::vector<GatewayLogLine> IpsecFpgaGateway::log_lines() {
  const CommandResult r =
      run_command({options_.program.string(), "log", "--file", log_file().string(), "--json"},
                  std::chrono::seconds{20});
  return parse_log_json(r.output);
}

std::string IpsecFpgaGateway::log_screen() {
  return run_command({options_.program.string(), "log", "--file", log_file().string()},
                     std::chrono::seconds{20})
      .output;
}

}  // namespace ipsec_fpga::host::lab
