// End to end: two Gateways on two simulated boards in two network
// namespaces (tests/host_datapath/netns_fixture.hpp) negotiate Main Mode +
// Quick Mode with each other when the first packet needs an SA, carry
// pings and 200 KB of TCP each way over raw ESP, survive a reload that
// changes nothing, and on stop send Deletes and leave both boards' SA
// tables empty. A stale SA left in a board is erased at start. Needs root;
// skipped (with the reason) otherwise.
#define BOOST_TEST_MODULE host_gateway_netns
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <future>
#include <iostream>
#include <random>
#include <thread>

#include "board/board.hpp"
#include "host/config/config_parser.hpp"
#include "host/gateway/gateway.hpp"
#include "netns_fixture.hpp"
#include "sa/sa_words.hpp"

using namespace ipsec_fpga;
using namespace ipsec_fpga::host;
using namespace ipsec_fpga::host::test;
using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;

namespace {

boost::test_tools::assertion_result netns_available(boost::unit_test::test_unit_id) {
  const std::string why = netns_unavailable_reason();
  if (why.empty()) return true;
  std::cout << "SKIPPED: host.gateway.netns: " << why << std::endl;
  boost::test_tools::assertion_result r(false);
  r.message() << why;
  return r;
}

// 198.51.100.0/24 behind gateway a (192.0.2.1), 203.0.113.0/24 behind b (192.0.2.2).
// `peer`: the other side's address as seen from here (default: its WAN).
std::string config_text(bool a, const std::string& tun, std::string peer = "") {
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
      : netns_(netns) {
    board = driver::open_board("sim:");
    if (before) before(*board);
    std::promise<void> ready;
    auto started = ready.get_future();
    thread_ = std::thread([this, a, tun, peer, &ready] {
      try {
        NetnsEntry in(netns_);
        GatewayConfig config =
            parse_config_string(config_text(a, tun, peer), a ? "a.toml" : "b.toml");
        GatewayOptions options;
        options.random_seed = a ? 1 : 2;
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
  ~GatewayRun() { stop(); }

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
  bool wait_for_line(const std::string& line, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (count(line) > 0) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
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

bool ping(const std::string& netns, const std::string& from, const std::string& to) {
  return run_command({"ip", "netns", "exec", netns, "ping", "-c", "1", "-W", "1", "-s", "56", "-I",
                      from, to},
                     5s) == 0;
}

// Pings until one answer (the first packets start IKE and are dropped).
bool ping_until_answered(const std::string& netns, const std::string& from, const std::string& to,
                         int tries) {
  for (int i = 0; i < tries; ++i)
    if (ping(netns, from, to)) return true;
  return false;
}

Bytes random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

sockaddr_in address(const char* ip, std::uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  ::inet_pton(AF_INET, ip, &sa.sin_addr);
  return sa;
}

// `data` from a client in `client_ns` (bound to client_ip) to a server in
// `server_ns` on server_ip; returns what the server received.
Bytes tcp_transfer(const std::string& server_ns, const char* server_ip,
                   const std::string& client_ns, const char* client_ip, const Bytes& data) {
  int listener = -1;
  {
    NetnsEntry in(server_ns);
    listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  }
  const int on = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  const sockaddr_in at = address(server_ip, 5001);
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

bool contains_prefix(const std::vector<std::string>& lines, const std::string& prefix,
                     const std::string& part) {
  for (const std::string& l : lines)
    if (l.rfind(prefix, 0) == 0 && l.find(part) != std::string::npos) return true;
  return false;
}

// A userspace NAT in namespace b at 192.0.2.3: what a sends to 192.0.2.3:500
// and :4500 reaches b's 192.0.2.2 from 192.0.2.3:40500 and :44500, and b's
// answers go back. Both gateways see the other's address differ from the
// one in the packets (NAT-D), so IKE floats to 4500 and ESP goes in UDP.
class UdpNat {
 public:
  static constexpr const char* public_address = "192.0.2.3";
  UdpNat(const std::string& netns, const std::string& veth) {
    must_run({"ip", "-n", netns, "addr", "add", std::string(public_address) + "/24", "dev", veth});
    NetnsEntry in(netns);
    for (std::uint16_t port : {std::uint16_t{500}, std::uint16_t{4500}}) {
      Leg leg;
      leg.inside = bound(public_address, port);
      leg.outside = bound(public_address, static_cast<std::uint16_t>(40000 + port));
      leg.port = port;
      legs_.push_back(leg);
    }
    thread_ = std::thread([this] { loop(); });
  }
  ~UdpNat() {
    stop_ = true;
    thread_.join();
    for (const Leg& leg : legs_) {
      ::close(leg.inside);
      ::close(leg.outside);
    }
  }

 private:
  struct Leg {
    int inside = -1, outside = -1;
    std::uint16_t port = 0;
    sockaddr_in client{};
    bool have_client = false;
  };
  static int bound(const char* ip, std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const sockaddr_in at = address(ip, port);
    if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&at), sizeof at) != 0)
      throw std::runtime_error(std::string("NAT socket: ") + std::strerror(errno));
    return fd;
  }
  void loop() {
    std::vector<std::uint8_t> buffer(65536);
    while (!stop_) {
      std::vector<pollfd> fds;
      for (const Leg& leg : legs_) {
        fds.push_back({leg.inside, POLLIN, 0});
        fds.push_back({leg.outside, POLLIN, 0});
      }
      if (::poll(fds.data(), fds.size(), 50) <= 0) continue;
      for (std::size_t i = 0; i < fds.size(); ++i) {
        if (!(fds[i].revents & POLLIN)) continue;
        Leg& leg = legs_[i / 2];
        sockaddr_in from{};
        socklen_t len = sizeof from;
        const ssize_t n = ::recvfrom(fds[i].fd, buffer.data(), buffer.size(), 0,
                                     reinterpret_cast<sockaddr*>(&from), &len);
        if (n <= 0) continue;
        if (i % 2 == 0) {  // from a: on to b
          leg.client = from;
          leg.have_client = true;
          const sockaddr_in to = address("192.0.2.2", leg.port);
          ::sendto(leg.outside, buffer.data(), static_cast<std::size_t>(n), 0,
                   reinterpret_cast<const sockaddr*>(&to), sizeof to);
        } else if (leg.have_client) {  // from b: back to a
          ::sendto(leg.inside, buffer.data(), static_cast<std::size_t>(n), 0,
                   reinterpret_cast<const sockaddr*>(&leg.client), sizeof leg.client);
        }
      }
    }
  }
  std::vector<Leg> legs_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(two_gateways_over_udp_4500_behind_a_nat,
                     *boost::unit_test::precondition(netns_available)) {
  const auto t0 = std::chrono::steady_clock::now();
  NamespacePair ns("gwu");
  const std::string pid = std::to_string(::getpid());
  UdpNat nat(ns.b, ns.veth_b);
  GatewayRun b(ns.b, false, "gwub" + pid, {}, UdpNat::public_address);
  GatewayRun a(ns.a, true, "gwua" + pid, {}, UdpNat::public_address);
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 15));
  BOOST_TEST(a.count("Send Main Mode request to <192.0.2.3>") == 1u);
  BOOST_TEST(b.count("Recv Main Mode request from <192.0.2.3>") == 1u);
  BOOST_TEST(a.count("Phase 1 IKE SA process done") == 1u);
  BOOST_TEST(ping(ns.b, "203.0.113.1", "198.51.100.1"));
  const Bytes ab = random_bytes(200 * 1024, 3);
  const Bytes ba = random_bytes(200 * 1024, 4);
  BOOST_TEST((tcp_transfer(ns.b, "203.0.113.1", ns.a, "198.51.100.1", ab) == ab));
  BOOST_TEST((tcp_transfer(ns.a, "198.51.100.1", ns.b, "203.0.113.1", ba) == ba));
  for (GatewayRun* g : {&a, &b}) {
    const std::vector<SaRow> rows = g->gateway->sa_table();
    BOOST_REQUIRE_EQUAL(rows.size(), 2u);
    for (const SaRow& row : rows) {
      BOOST_TEST(row.encapsulation == "udp");
      BOOST_TEST(row.packets > 100u);
    }
  }
  BOOST_TEST(a.stop() == 0);
  BOOST_TEST(a.valid_entries().empty());
  bool b_empty = false;
  for (int i = 0; i < 100 && !b_empty; ++i) {
    b_empty = b.gateway->sa_table().empty();
    if (!b_empty) std::this_thread::sleep_for(50ms);
  }
  BOOST_TEST(b_empty);
  BOOST_TEST(b.stop() == 0);
  BOOST_TEST(b.valid_entries().empty());
  std::cout << "host.gateway.netns udp: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - t0)
                   .count()
            << " ms" << std::endl;
}

BOOST_AUTO_TEST_CASE(two_gateways_negotiate_carry_traffic_reload_and_stop,
                     *boost::unit_test::precondition(netns_available)) {
  const auto t0 = std::chrono::steady_clock::now();
  NamespacePair ns("gwt");
  const std::string pid = std::to_string(::getpid());
  unsigned stale_entry = 0;  // erased at start (the SA table rows have other SPIs)
  GatewayRun b(ns.b, false, "gwtb" + pid);
  // A board that kept an SA from an earlier run: the gateway erases it at start.
  GatewayRun a(ns.a, true, "gwta" + pid, [&](driver::Board& board) {
    driver::SaParameters p;
    p.direction = driver::Direction::outbound;
    p.cipher = driver::Cipher::aes128_cbc;
    p.integrity = driver::Integrity::hmac_sha1_96;
    p.cipher_key = driver::SecretBytes(Bytes(16, 0x11));
    p.integrity_key = driver::SecretBytes(Bytes(20, 0x22));
    p.spi = 0x5000;
    stale_entry = board.install_sa(p).entry;
  });

  // The first packet finds no SA: IKE from a to b, then traffic flows.
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 15));
  const auto a_lines = a.log_lines();
  const auto b_lines = b.log_lines();
  BOOST_TEST(a.count("Cannot find outbound SA for rule <1>") >= 1u);
  BOOST_TEST(a.count("Send Main Mode request to <192.0.2.2>") == 1u);
  BOOST_TEST(a.count("Phase 1 IKE SA process done") == 1u);
  BOOST_TEST(a.count("Start Phase 2: Quick Mode") == 1u);
  BOOST_TEST(b.count("Recv Main Mode request from <192.0.2.1>") == 1u);
  BOOST_TEST(b.count("Phase 1 IKE SA process done") == 1u);
  BOOST_TEST(b.count("Recv:<HASH>") == 1u);  // QM3: b installs
  for (const auto& l : a_lines) BOOST_TEST_MESSAGE("a: " << l);
  for (const auto& l : b_lines) BOOST_TEST_MESSAGE("b: " << l);
  // The stale entry is gone (it may hold one of the new SAs now, with another SPI).
  for (const SaRow& row : a.gateway->sa_table()) BOOST_TEST(row.spi != 0x5000u);

  // Pings the other way, then 200 KB of TCP each way, byte for byte.
  BOOST_TEST(ping(ns.b, "203.0.113.1", "198.51.100.1"));
  const Bytes ab = random_bytes(200 * 1024, 1);
  const Bytes ba = random_bytes(200 * 1024, 2);
  BOOST_TEST((tcp_transfer(ns.b, "203.0.113.1", ns.a, "198.51.100.1", ab) == ab));
  BOOST_TEST((tcp_transfer(ns.a, "198.51.100.1", ns.b, "203.0.113.1", ba) == ba));

  // The SA table, read back from the board: one pair each, raw ESP.
  const std::vector<SaRow> rows = a.gateway->sa_table();
  BOOST_REQUIRE_EQUAL(rows.size(), 2u);
  std::uint32_t spi_in = 0, spi_out = 0;
  for (const SaRow& row : rows) {
    BOOST_TEST(row.rule == 1);
    BOOST_TEST(row.suite == "aes128-cbc/hmac-sha1-96");
    BOOST_TEST(row.encapsulation == "esp");
    BOOST_TEST(row.packets > 100u);
    (row.direction == "inbound" ? spi_in : spi_out) = row.spi;
  }
  const unsigned bits = a.board->capabilities().entry_bits();
  for (const SaRow& row : rows)
    if (row.direction == "inbound") BOOST_TEST((row.spi & ((1u << bits) - 1)) == row.entry);
  const GatewayStatus status = a.gateway->status();
  BOOST_REQUIRE_EQUAL(status.rules.size(), 1u);
  BOOST_TEST((status.rules[0].state == RuleState::up));
  BOOST_TEST(status.rules[0].ike_sa_state == "established");
  BOOST_TEST(status.datapath.outbound_ok > 100u);

  // A reload that changes nothing keeps the tunnel: same SPIs, no new IKE.
  a.gateway->request_reload(parse_config_string(config_text(true, "gwta" + pid), "a.toml"));
  for (int i = 0; i < 50 && a.gateway->status().reloads == 0; ++i)
    std::this_thread::sleep_for(20ms);
  BOOST_TEST(a.gateway->status().reloads == 1u);
  BOOST_TEST(ping(ns.a, "198.51.100.1", "203.0.113.1"));
  std::vector<std::uint32_t> spis;
  for (const SaRow& row : a.gateway->sa_table()) spis.push_back(row.spi);
  BOOST_TEST((spis == std::vector<std::uint32_t>{spi_in, spi_out} ||
              spis == std::vector<std::uint32_t>{spi_out, spi_in}));
  BOOST_TEST(a.count("Send Main Mode request to <192.0.2.2>") == 1u);

  // Stop a: Deletes to b, a's board empty; b removes its SAs too.
  BOOST_TEST(a.stop() == 0);
  BOOST_TEST(a.valid_entries().empty());
  bool b_empty = false;
  for (int i = 0; i < 100 && !b_empty; ++i) {
    b_empty = b.gateway->sa_table().empty();
    if (!b_empty) std::this_thread::sleep_for(50ms);
  }
  BOOST_TEST(b_empty);
  BOOST_TEST(contains_prefix(b.log_lines(), "Recv:", "<DEL>"));
  BOOST_TEST(b.stop() == 0);
  BOOST_TEST(b.valid_entries().empty());
  std::cout << "host.gateway.netns: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - t0)
                   .count()
            << " ms" << std::endl;
}
