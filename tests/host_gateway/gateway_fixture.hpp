// What the host.gateway.* cases share (tests/host_gateway): a Gateway on a
// simulated board running in a namespace (GatewayRun), config text for the
// usual pair a (WAN 192.0.2.1, LAN 198.51.100.0/24) and b (WAN 192.0.2.2,
// LAN 203.0.113.0/24), pings, verified TCP transfers and timers. Reuses
// tests/host_datapath/netns_fixture.hpp (namespaces, veth, NetnsEntry).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstring>
#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "board/board.hpp"
#include "host/config/config_parser.hpp"
#include "host/gateway/gateway.hpp"
#include "netns_fixture.hpp"
#include "sa/sa_words.hpp"

namespace ipsec_fpga::host::gateway_test {

using namespace ipsec_fpga::host::test;
using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;

// 198.51.100.0/24 behind gateway a (192.0.2.1), 203.0.113.0/24 behind b (192.0.2.2).
// `peer`: the other side's address as seen from here (default: its WAN).
inline std::string config_text(bool a, const std::string& tun, std::string peer = "") {
  const std::string wan = a ? "192.0.2.1" : "192.0.2.2";
  if (peer.empty()) peer = a ? "192.0.2.2" : "192.0.2.1";
  const std::string lan = a ? "198.51.100.1/24" : "203.0.113.1/24";
  const std::string local = a ? "198.51.100.0/24" : "203.0.113.0/24";
  const std::string remote = a ? "203.0.113.0/24" : "198.51.100.0/24";
  return "[gateway]\nwan_interface = \"lo\"\nwan_address = \"" + wan + "\"\nlan_interface = \"" +
         tun + "\"\nlan_address = \"" + lan +
         "\"\nlog_file = \"-\"\nboard = \"sim:\"\n\n"
         "[[rule]]\nindex = 1\nname = \"tunnel\"\nmy_ip = \"" +
         wan + "\"\nsecure_gateway = \"" + peer + "\"\nlocal = \"" + local + "\"\nremote = \"" +
         remote +
         "\"\npre_shared_key = \"gateway test key\"\n"
         "[rule.phase1]\nencryption = \"aes128\"\nhash = \"sha1\"\ndh_group = 14\n"
         "[rule.phase2]\nencryption = \"aes128\"\nauthentication = \"sha1\"\npfs = \"none\"\n";
}

// One gateway: its board (opened here, so the test can read it back after
// the gateway is gone) and the thread that runs it inside its namespace.
class GatewayRun {
 public:
  GatewayRun(const std::string& netns, bool a, const std::string& tun,
             std::function<void(driver::Board&)> before = {}, std::string peer = "")
      : GatewayRun(netns, config_text(a, tun, peer), a ? 1 : 2, {}, std::move(before)) {}
  // Any config; `tune` adjusts the options (shorter IKE timers...).
  GatewayRun(const std::string& netns, const std::string& text, std::uint64_t seed,
             std::function<void(GatewayOptions&)> tune = {},
             std::function<void(driver::Board&)> before = {})
      : netns_(netns) {
    board = driver::open_board("sim:");
    if (before) before(*board);
    std::promise<void> ready;
    auto started = ready.get_future();
    thread_ = std::thread([this, text, seed, tune, &ready] {
      try {
        NetnsEntry in(netns_);
        GatewayConfig config = parse_config_string(text, "gw" + std::to_string(seed) + ".toml");
        GatewayOptions options;
        options.random_seed = seed;
        if (tune) tune(options);
        gateway = std::make_unique<Gateway>(std::move(config), *board, options);
        ready.set_value();
      } catch (...) {
        ready.set_exception(std::current_exception());
        return;
      }
      result_ = gateway->run();
    });
    try {
      started.get();
    } catch (...) {
      thread_.join();
      throw;
    }
  }
  // GATEWAY_TEST_LOG=1: each gateway's IPSec log on stderr at the end.
  ~GatewayRun() {
    stop();
    if (std::getenv("GATEWAY_TEST_LOG") != nullptr && gateway)
      for (const LogEntry& e : gateway->log_entries())
        std::cerr << netns_ << ": " << e.message << "\n";
  }

  int stop() {
    if (thread_.joinable()) {
      gateway->request_stop();
      thread_.join();
    }
    return result_;
  }

  std::vector<std::string> log_lines() const {
    std::vector<std::string> lines;
    for (const LogEntry& e : gateway->log_entries()) lines.push_back(e.message);
    return lines;
  }
  std::size_t count(const std::string& line) const {
    const auto lines = log_lines();
    return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), line));
  }
  bool wait_for_line(const std::string& line, std::chrono::milliseconds timeout,
                     std::size_t times = 1) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (count(line) >= times) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  bool wait_for_prefix(const std::string& prefix, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      for (const std::string& l : log_lines())
        if (l.rfind(prefix, 0) == 0) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  void print_log(const std::string& who) const {
    for (const std::string& l : log_lines()) BOOST_TEST_MESSAGE(who << ": " << l);
  }

  // Entries whose valid bit is set, read back from the board.
  std::vector<unsigned> valid_entries() {
    std::vector<unsigned> valid;
    for (unsigned e = 0; e < board->capabilities().sa_entries; ++e)
      if (sa_layout::extract(board->read_sa_words(e, sa_layout::valid.word, 1)[0],
                             sa_layout::valid))
        valid.push_back(e);
    return valid;
  }

  std::unique_ptr<driver::Board> board;
  std::unique_ptr<Gateway> gateway;

 private:
  std::string netns_;
  std::thread thread_;
  int result_ = -1;
};

inline bool ping(const std::string& netns, const std::string& from, const std::string& to) {
  return run_command({"ip", "netns", "exec", netns, "ping", "-c", "1", "-W", "1", "-s", "56", "-I",
                      from, to},
                     5s) == 0;
}

// Pings until one answer (the first packets start IKE and are dropped).
inline bool ping_until_answered(const std::string& netns, const std::string& from,
                                const std::string& to, int tries) {
  for (int i = 0; i < tries; ++i)
    if (ping(netns, from, to)) return true;
  return false;
}

inline Bytes random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

inline sockaddr_in address(const char* ip, std::uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  ::inet_pton(AF_INET, ip, &sa.sin_addr);
  return sa;
}

// `data` from a client in `client_ns` (bound to client_ip) to a server in
// `server_ns` on server_ip:port; returns what the server received.
inline Bytes tcp_transfer(const std::string& server_ns, const char* server_ip,
                          const std::string& client_ns, const char* client_ip, const Bytes& data,
                          std::uint16_t port = 5001) {
  int listener = -1;
  {
    NetnsEntry in(server_ns);
    listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  }
  const int on = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  const sockaddr_in at = address(server_ip, port);
  if (::bind(listener, reinterpret_cast<const sockaddr*>(&at), sizeof at) != 0 ||
      ::listen(listener, 1) != 0) {
    ::close(listener);
    throw std::runtime_error(std::string("listen: ") + std::strerror(errno));
  }
  auto received = std::async(std::launch::async, [listener] {
    Bytes got;
    pollfd p{listener, POLLIN, 0};
    if (::poll(&p, 1, 20000) <= 0) return got;
    const int s = ::accept(listener, nullptr, nullptr);
    if (s < 0) return got;
    std::uint8_t buffer[16384];
    for (;;) {
      pollfd q{s, POLLIN, 0};
      if (::poll(&q, 1, 20000) <= 0) break;
      const ssize_t n = ::recv(s, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      got.insert(got.end(), buffer, buffer + n);
    }
    ::close(s);
    return got;
  });
  int client = -1;
  {
    NetnsEntry in(client_ns);
    client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  }
  const sockaddr_in me = address(client_ip, 0);
  timeval timeout{20, 0};
  ::setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  bool ok = ::bind(client, reinterpret_cast<const sockaddr*>(&me), sizeof me) == 0 &&
            ::connect(client, reinterpret_cast<const sockaddr*>(&at), sizeof at) == 0;
  std::size_t sent = 0;
  while (ok && sent < data.size()) {
    const ssize_t n = ::send(client, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  ::close(client);
  Bytes got = received.get();
  ::close(listener);
  return got;
}

inline bool contains_prefix(const std::vector<std::string>& lines, const std::string& prefix,
                            const std::string& part) {
  for (const std::string& l : lines)
    if (l.rfind(prefix, 0) == 0 && l.find(part) != std::string::npos) return true;
  return false;
}

// One [[rule]]: what differs between the scenarios.
struct RuleSpec {
  int index = 1;
  std::string my_ip = "0.0.0.0";
  std::string peer;  // secure_gateway; "0.0.0.0": dynamic
  std::string local, remote;
  std::string psk = "gateway test key";
  std::string phase1_encryption = "aes128";
  std::string phase1_hash = "sha1";
  int dh_group = 14;
  std::string phase2_encryption = "aes128";
  std::string phase2_authentication = "sha1";
  unsigned idle_timeout = 0;
  unsigned lifetime_seconds = 0;    // phase 2; 0: the default
  unsigned lifetime_kilobytes = 0;  // phase 2; 0: the default
  std::string mode = "main";        // negotiation_mode
  // Non-empty: key_management = "manual" with this keys file (no PSK, no Phase 1).
  std::string manual_keys_file = "";
};

inline std::string rule_text(const RuleSpec& r) {
  std::string t = "\n[[rule]]\nindex = " + std::to_string(r.index) + "\nname = \"rule" +
                  std::to_string(r.index) + "\"\nmy_ip = \"" + r.my_ip + "\"\nsecure_gateway = \"" +
                  r.peer + "\"\nlocal = \"" + r.local + "\"\nremote = \"" + r.remote + "\"\n";
  if (r.idle_timeout != 0) t += "idle_timeout_seconds = " + std::to_string(r.idle_timeout) + "\n";
  if (r.manual_keys_file.empty()) {
    t += "pre_shared_key = \"" + r.psk + "\"\nnegotiation_mode = \"" + r.mode + "\"\n";
    t += "[rule.phase1]\nencryption = \"" + r.phase1_encryption + "\"\nhash = \"" + r.phase1_hash +
         "\"\ndh_group = " + std::to_string(r.dh_group) + "\n";
  } else {
    t += "key_management = \"manual\"\nmanual_keys_file = \"" + r.manual_keys_file + "\"\n";
  }
  t += "[rule.phase2]\nencryption = \"" + r.phase2_encryption + "\"\nauthentication = \"" +
       r.phase2_authentication + "\"\npfs = \"none\"\n";
  if (r.lifetime_seconds != 0)
    t += "lifetime_seconds = " + std::to_string(r.lifetime_seconds) + "\n";
  if (r.lifetime_kilobytes != 0)
    t += "lifetime_kilobytes = " + std::to_string(r.lifetime_kilobytes) + "\n";
  return t;
}

// [gateway] with a fixed WAN address, or wan_address = "" to follow `wan_interface`.
inline std::string gateway_text(const std::string& wan_interface, const std::string& wan_address,
                                const std::string& tun, const std::string& lan,
                                const std::string& extra = "") {
  return "[gateway]\nwan_interface = \"" + wan_interface + "\"\nwan_address = \"" +
         (wan_address.empty() ? std::string("interface") : wan_address) + "\"\nlan_interface = \"" +
         tun + "\"\nlan_address = \"" + lan + "\"\nlog_file = \"-\"\nboard = \"sim:\"\n" + extra;
}

inline bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return condition();
}

// Prints a case's wall time (docs/gateway.md lists them).
struct CaseTimer {
  std::string name;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  ~CaseTimer() {
    std::cout << name << ": "
              << std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count()
              << " ms" << std::endl;
  }
};

// Shorter IKE timers: 300 ms, 2 retransmits (about 1.8 s before giving up).
inline void quick_ike(GatewayOptions& o) {
  o.retransmit_timeout_ms = 300;
  o.retransmit_tries = 2;
  o.negotiation_notice_interval = std::chrono::seconds{1};
  o.tick = std::chrono::milliseconds{50};
}

// --- the usual pair: a (WAN 192.0.2.1 on its veth, LAN 198.51.100.0/24) and b
// (WAN 192.0.2.2, LAN 203.0.113.0/24), each with one rule to the other ---

inline constexpr const char* lan_a = "198.51.100.1";
inline constexpr const char* lan_b = "203.0.113.1";

// Side a's (is_a) or b's rule 1: my_ip its WAN, the other's WAN as peer,
// its LAN to the other's.
inline RuleSpec pair_rule(bool is_a) {
  return RuleSpec{.my_ip = is_a ? NamespacePair::wan_a : NamespacePair::wan_b,
                  .peer = is_a ? NamespacePair::wan_b : NamespacePair::wan_a,
                  .local = is_a ? "198.51.100.0/24" : "203.0.113.0/24",
                  .remote = is_a ? "203.0.113.0/24" : "198.51.100.0/24"};
}

// Side a's or b's whole config: [gateway] on its veth with its fixed WAN
// address, TUN "<tag>a<pid>" / "<tag>b<pid>" with its LAN address, then
// `rules` (rule_text() of each) and `extra` ([gateway] lines go in `gateway_extra`).
inline std::string pair_config(const NamespacePair& ns, bool is_a, const std::string& tag,
                               const std::vector<RuleSpec>& rules,
                               const std::string& gateway_extra = "") {
  std::string text =
      gateway_text(is_a ? ns.veth_a : ns.veth_b, is_a ? NamespacePair::wan_a : NamespacePair::wan_b,
                   tag + (is_a ? "a" : "b") + std::to_string(::getpid()),
                   std::string(is_a ? lan_a : lan_b) + "/24", gateway_extra);
  for (const RuleSpec& r : rules) text += rule_text(r);
  return text;
}

// The pair running: b (seed 2) starts first, then a (seed 1), each with
// its pair_rule() changed by `adjust` and its options by `tune`
// (quick_ike() by default). Stopped in the opposite order.
struct GatewayPair {
  using Adjust = std::function<void(RuleSpec&, bool is_a)>;
  using Tune = std::function<void(GatewayOptions&, bool is_a)>;
  GatewayPair(const NamespacePair& ns, const std::string& tag, const Adjust& adjust = {},
              const Tune& tune = {})
      : b(start(ns, false, tag, adjust, tune)), a(start(ns, true, tag, adjust, tune)) {}

  static std::string config(const NamespacePair& ns, bool is_a, const std::string& tag,
                            const Adjust& adjust = {}) {
    RuleSpec rule = pair_rule(is_a);
    if (adjust) adjust(rule, is_a);
    return pair_config(ns, is_a, tag, {rule});
  }

  GatewayRun b;
  GatewayRun a;

 private:
  static GatewayRun start(const NamespacePair& ns, bool is_a, const std::string& tag,
                          const Adjust& adjust, const Tune& tune) {
    return GatewayRun(is_a ? ns.a : ns.b, config(ns, is_a, tag, adjust), is_a ? 1 : 2,
                      [tune, is_a](GatewayOptions& o) {
                        quick_ike(o);
                        if (tune) tune(o, is_a);
                      });
  }
};

// `ab` from a's LAN address to b's (port 5001) and `ba` from b's to a's
// (port 5002) at the same time; returns what each server received.
inline std::pair<Bytes, Bytes> tcp_transfer_both_ways(const NamespacePair& ns, const Bytes& ab,
                                                      const Bytes& ba) {
  auto to_b = std::async(std::launch::async,
                         [&] { return tcp_transfer(ns.b, lan_b, ns.a, lan_a, ab, 5001); });
  Bytes at_a = tcp_transfer(ns.a, lan_a, ns.b, lan_b, ba, 5002);
  return {to_b.get(), std::move(at_a)};
}

}  // namespace ipsec_fpga::host::gateway_test
