#include "host/lab/strongswan_peer.hpp"

#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace ipsec_fpga::host::lab {
namespace fs = std::filesystem;
namespace {

const char* const kPlugins[] = {"random",
                                "nonce",
                                "aes",
                                "sha1",
                                "sha2",
                                "md5",
                                "hmac",
                                "gmp",
                                "pem",
                                "pkcs1",
                                "pubkey",
                                "x509",
                                "openssl",
                                "gcm",
                                "kernel-libipsec",
                                "kernel-netlink",
                                "socket-default",
                                "vici"};

void write_private(const fs::path& path, const std::string& text) {
  {
    std::ofstream out(path, std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path.string());
    out << text;
  }
  ::chmod(path.c_str(), 0600);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string or_default(const std::string& value, const std::string& fallback) {
  return value.empty() ? fallback : value;
}

std::uint64_t to_u64(const std::string& text) {
  try {
    return std::stoull(text);
  } catch (...) {
    return 0;
  }
}

// The bytes of the %B dump right after the line "<label> => N bytes @ ...",
// starting at line `from`; advances `from` past it.
std::string hexdump_after(const std::vector<std::string>& lines, const std::string& label,
                          std::size_t& from) {
  const std::string needle = "] " + label + " => ";
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (lines[i].find(needle) == std::string::npos) continue;
    std::string hex;
    std::size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      std::istringstream words(lines[j]);
      std::string w;
      bool offset_seen = false;
      int bytes = 0;
      while (words >> w) {
        if (!offset_seen) {
          if (w.size() > 1 && w.back() == ':' && w.find_first_not_of("0123456789") == w.size() - 1)
            offset_seen = true;
          continue;
        }
        if (bytes == 16 || w.size() != 2 || !std::isxdigit(static_cast<unsigned char>(w[0])) ||
            !std::isxdigit(static_cast<unsigned char>(w[1])))
          break;
        hex += static_cast<char>(std::tolower(static_cast<unsigned char>(w[0])));
        hex += static_cast<char>(std::tolower(static_cast<unsigned char>(w[1])));
        ++bytes;
      }
      if (!offset_seen) break;
    }
    from = j;
    return hex;
  }
  from = lines.size();
  return {};
}

}  // namespace

StrongswanPeer::StrongswanPeer(std::string netns, fs::path dir, SwanConnection connection,
                               SwanOptions options)
    : netns_(std::move(netns)),
      dir_(std::move(dir)),
      connection_(std::move(connection)),
      options_(options) {}

StrongswanPeer::~StrongswanPeer() { stop(); }

fs::path StrongswanPeer::charon_path() { return "/usr/lib/ipsec/charon"; }

std::string StrongswanPeer::unavailable_reason() {
  if (!fs::exists(charon_path())) return "no strongSwan charon at " + charon_path().string();
  if (!program_in_path("swanctl")) return "no swanctl (Debian package strongswan-swanctl)";
  for (const char* p : {"kernel-libipsec", "openssl", "gcm", "vici"})
    if (!fs::exists(fs::path("/usr/lib/ipsec/plugins") /
                    (std::string("libstrongswan-") + p + ".so")))
      return std::string("charon lacks the ") + p + " plugin";
  return {};
}

std::string StrongswanPeer::strongswan_conf() const {
  std::ostringstream c;
  c << "# written by the ipsec-fpga lab (host/lab/strongswan_peer.cpp)\n"
    << "charon {\n"
    << "  load_modular = no\n"
    << "  load =";
  for (const char* p : kPlugins) c << ' ' << p;
  c << "\n"
    << "  i_dont_care_about_security_and_use_aggressive_mode_psk = "
    << (options_.allow_aggressive_psk_responder ? "yes" : "no") << "\n"
    << "  retransmit_timeout = " << options_.retransmit_timeout_s << "\n"
    << "  retransmit_tries = " << options_.retransmit_tries << "\n"
    << "  plugins {\n"
    << "    vici {\n"
    << "      socket = unix://" << (dir_ / "charon.vici").string() << "\n"
    << "    }\n"
    << "  }\n"
    << "  filelog {\n"
    << "    lab {\n"
    << "      path = " << (dir_ / "charon.log").string() << "\n"
    << "      time_format = %H:%M:%S\n"
    << "      flush_line = yes\n"
    << "      default = 1\n"
    << "      cfg = 2\n";
  if (options_.log_keys) c << "      ike = 4\n      chd = 4\n";
  c << "    }\n"
    << "  }\n"
    << "}\n"
    << "swanctl {\n"
    << "  load = random nonce openssl pem pkcs1 x509 pubkey\n"
    << "}\n";
  return c.str();
}

std::string StrongswanPeer::swanctl_conf() const {
  const SwanConnection& k = connection_;
  const std::string local_id = or_default(k.local_id, k.local_address);
  const std::string remote_id = or_default(k.remote_id, k.remote_address);
  std::ostringstream c;
  c << "# written by the ipsec-fpga lab (host/lab/strongswan_peer.cpp)\n"
    << "connections {\n"
    << "  " << k.name << " {\n"
    << "    version = 1\n"
    << "    aggressive = " << (k.aggressive ? "yes" : "no") << "\n"
    << "    local_addrs = " << k.local_address << "\n"
    << "    remote_addrs = " << k.remote_address << "\n"
    << "    proposals = " << k.ike_proposal << "\n"
    << "    local {\n"
    << "      auth = psk\n"
    << "      id = " << local_id << "\n"
    << "    }\n"
    << "    remote {\n"
    << "      auth = psk\n"
    << "      id = " << remote_id << "\n"
    << "    }\n"
    << "    children {\n"
    << "      " << k.name << "-net {\n"
    << "        local_ts = " << k.local_ts << "\n"
    << "        remote_ts = " << k.remote_ts << "\n"
    << "        esp_proposals = " << k.esp_proposal << "\n"
    << "        start_action = none\n"
    << "      }\n"
    << "    }\n"
    << "  }\n"
    << "}\n"
    << "secrets {\n"
    << "  ike-" << k.name << " {\n"
    << "    id-a = " << local_id << "\n"
    << "    id-b = " << remote_id << "\n"
    << "    secret = \"" << k.psk << "\"\n"
    << "  }\n"
    << "}\n";
  return c.str();
}

void StrongswanPeer::start(std::chrono::milliseconds timeout) {
  fs::create_directories(dir_ / "run");
  fs::remove(dir_ / "charon.vici");
  write_private(dir_ / "strongswan.conf", strongswan_conf());
  write_private(dir_ / "swanctl.conf", swanctl_conf());
  ProcessOptions options;
  options.argv = {charon_path().string()};
  options.netns = netns_;
  options.stdout_file = dir_ / "charon.stdout";
  options.env = {{"STRONGSWAN_CONF", (dir_ / "strongswan.conf").string()}};
  options.private_run = dir_ / "run";
  charon_ = ChildProcess(options);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!fs::exists(dir_ / "charon.vici")) {
    if (!charon_.running() || std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("strongSwan charon did not start (no vici socket) in " + netns_ +
                               "; its output:\n" + read_text(dir_ / "charon.stdout") +
                               read_text(log_file()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  const CommandResult loaded = swanctl({"--load-all", "--file", (dir_ / "swanctl.conf").string()});
  std::ofstream(dir_ / "load.out") << loaded.output;
  if (!loaded.ok())
    throw std::runtime_error("swanctl --load-all failed (see " + (dir_ / "load.out").string() +
                             ")");
}

CommandResult StrongswanPeer::swanctl(const std::vector<std::string>& args,
                                      std::chrono::milliseconds timeout) {
  // swanctl reads the instance's strongswan.conf too (its plugin list).
  std::vector<std::string> argv{"env", "STRONGSWAN_CONF=" + (dir_ / "strongswan.conf").string(),
                                "swanctl"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--uri");
  argv.push_back("unix://" + (dir_ / "charon.vici").string());
  return run_command(argv, timeout);
}

bool StrongswanPeer::initiate(std::chrono::seconds timeout) {
  const CommandResult r = swanctl({"--initiate", "--child", connection_.name + "-net", "--timeout",
                                   std::to_string(timeout.count())},
                                  timeout + std::chrono::seconds{5});
  std::ofstream(dir_ / "initiate.out", std::ios::app) << r.output;
  return r.ok();
}

std::string StrongswanPeer::list_sas() { return swanctl({"--list-sas"}).output; }

std::optional<SwanChildSa> StrongswanPeer::child_sa() { return parse_child_sa(list_sas()); }

std::vector<SwanChildSa> StrongswanPeer::child_sas() { return parse_child_sas(list_sas()); }

int StrongswanPeer::ike_sa_count() { return count_ike_sas(list_sas()); }

std::optional<SwanChildSa> StrongswanPeer::wait_installed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::optional<SwanChildSa> sa = child_sa();
    if (sa && sa->state == "INSTALLED") return sa;
    if (std::chrono::steady_clock::now() > deadline || !charon_.running()) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds{200});
  }
}

void StrongswanPeer::stop() { charon_.stop(std::chrono::seconds{5}); }

std::vector<EspSaKeys> StrongswanPeer::esp_keys(const SwanChildSa& sa) const {
  const std::vector<QuickModeKeys> all = parse_quick_mode_keys(read_text(log_file()));
  if (all.empty()) return {};
  const QuickModeKeys& k = all.front();
  // charon as Quick Mode initiator sends with the initiator keys.
  const bool init = connection_.initiator;
  EspSaKeys out{sa.spi_out, connection_.local_address, connection_.remote_address,
                init ? k.encryption_initiator : k.encryption_responder,
                init ? k.integrity_initiator : k.integrity_responder};
  EspSaKeys in{sa.spi_in, connection_.remote_address, connection_.local_address,
               init ? k.encryption_responder : k.encryption_initiator,
               init ? k.integrity_responder : k.integrity_initiator};
  return {out, in};
}

std::vector<SwanChildSa> parse_child_sas(const std::string& text) {
  // "  lab-net: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA1_96"
  // "    in  c1a2b3c4,   1234 bytes,    10 packets,     0s ago"
  static const std::regex child(R"(^\s+\S+: #\d+, reqid \d+, ([A-Z_]+),)");
  static const std::regex in(
      R"(^\s+in\s+([0-9a-f]{8})(?: \([^)]*\))?,\s+(\d+) bytes,\s+(\d+) packets)");
  static const std::regex out(
      R"(^\s+out\s+([0-9a-f]{8})(?: \([^)]*\))?,\s+(\d+) bytes,\s+(\d+) packets)");
  std::istringstream lines(text);
  std::string line;
  std::vector<SwanChildSa> sas;
  std::smatch m;
  while (std::getline(lines, line)) {
    if (std::regex_search(line, m, child)) {
      sas.emplace_back();
      sas.back().state = m[1];
    } else if (sas.empty()) {
      continue;
    } else if (std::regex_search(line, m, in)) {
      sas.back().spi_in = m[1];
      sas.back().bytes_in = to_u64(m[2]);
      sas.back().packets_in = to_u64(m[3]);
    } else if (std::regex_search(line, m, out)) {
      sas.back().spi_out = m[1];
      sas.back().bytes_out = to_u64(m[2]);
      sas.back().packets_out = to_u64(m[3]);
    }
  }
  return sas;
}

std::optional<SwanChildSa> parse_child_sa(const std::string& text) {
  std::vector<SwanChildSa> sas = parse_child_sas(text);
  if (sas.empty()) return std::nullopt;
  return sas.front();
}

int count_ike_sas(const std::string& text) {
  // "lab: #1, ESTABLISHED, IKEv1, 0123456789abcdef_i* fedcba9876543210_r"
  static const std::regex ike(R"(^\S+: #\d+, [A-Z_]+, IKEv[12],)");
  std::istringstream lines(text);
  int n = 0;
  for (std::string line; std::getline(lines, line);)
    if (std::regex_search(line, ike)) ++n;
  return n;
}

std::vector<QuickModeKeys> parse_quick_mode_keys(const std::string& charon_log) {
  // keymat_v1.c derive_child_keys logs, one after the other: encryption
  // initiator key, encryption responder key, and for non-AEAD suites the two
  // integrity keys. The SPIs are not next to them (see esp_keys()).
  std::vector<std::string> lines;
  std::istringstream in(charon_log);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::vector<QuickModeKeys> keys;
  std::size_t p = 0;
  while (p < lines.size()) {
    QuickModeKeys k;
    k.encryption_initiator = hexdump_after(lines, "encryption initiator key", p);
    if (k.encryption_initiator.empty()) break;
    k.encryption_responder = hexdump_after(lines, "encryption responder key", p);
    for (std::size_t look = p; look < lines.size() && look < p + 4; ++look) {
      if (lines[look].find("] integrity initiator key => ") == std::string::npos) continue;
      std::size_t q = look;
      k.integrity_initiator = hexdump_after(lines, "integrity initiator key", q);
      k.integrity_responder = hexdump_after(lines, "integrity responder key", q);
      p = q;
      break;
    }
    keys.push_back(k);
  }
  return keys;
}

}  // namespace ipsec_fpga::host::lab
