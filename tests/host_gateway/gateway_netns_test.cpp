// End to end: two Gateways on two simulated boards in two network
// namespaces (tests/host_datapath/netns_fixture.hpp) negotiate Main Mode +
// Quick Mode with each other when the first packet needs an SA, carry
// pings and 200 KB of TCP each way over raw ESP, survive a reload that
// changes nothing, and on stop send Deletes and leave both boards' SA
// tables empty. A stale SA left in a board is erased at start. Needs root;
// skipped (with the reason) otherwise.
#define BOOST_TEST_MODULE host_gateway_netns
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>

#include <fstream>
#include <span>

#include "gateway_fixture.hpp"
#include "netns_precondition.hpp"

using namespace ipsec_fpga;
using namespace ipsec_fpga::host;
using namespace ipsec_fpga::host::gateway_test;

namespace {

const auto netns_available = netns_available_for("host.gateway.netns");

// A userspace NAT in namespace b at 192.0.2.3: what a sends to 192.0.2.3:500
// and :4500 reaches b's 192.0.2.2 from 192.0.2.3:40500 and :44500, and b's
// answers go back. Both gateways see the other's address differ from the
// one in the packets (NAT-D), so IKE floats to 4500 and ESP goes in UDP.
class UdpNat {
 public:
  static constexpr const char* public_address = "192.0.2.3";
  // Returns true to drop a datagram: (payload, from b, port 500 or 4500).
  using Drop = std::function<bool(std::span<const std::uint8_t>, bool, std::uint16_t)>;
  UdpNat(const std::string& netns, const std::string& veth, Drop drop = {})
      : drop_(std::move(drop)) {
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
        if (drop_ &&
            drop_(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(n)),
                  i % 2 == 1, leg.port))
          continue;
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
  Drop drop_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// --- building blocks of the catalog scenarios (docs/gateway.md, "Log catalog coverage") ---
// One UDP datagram from `from` (an address of `netns`) to `to`:9: enough
// for the outbound SPD to match it (and start IKE if the rule has no SA).
void send_udp(const std::string& netns, const char* from, const char* to) {
  int fd = -1;
  {
    NetnsEntry in(netns);
    fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  }
  const sockaddr_in me = address(from, 0);
  const sockaddr_in there = address(to, 9);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&me), sizeof me) == 0)
    ::sendto(fd, "x", 1, 0, reinterpret_cast<const sockaddr*>(&there), sizeof there);
  ::close(fd);
}

// A raw IP protocol 50 socket in `netns`: sees a copy of every ESP packet
// that arrives there, and sends bare ESP (the kernel adds the IPv4 header).
class RawEsp {
 public:
  explicit RawEsp(const std::string& netns) {
    NetnsEntry in(netns);
    fd_ = ::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ESP);
    if (fd_ < 0) throw std::runtime_error(std::string("raw ESP socket: ") + std::strerror(errno));
  }
  ~RawEsp() { ::close(fd_); }
  // The next ESP packet from `source` (bare ESP, IPv4 header removed).
  Bytes receive_from(const char* source, std::chrono::milliseconds timeout) {
    in_addr want{};
    ::inet_pton(AF_INET, source, &want);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::uint8_t buffer[65536];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      sockaddr_in from{};
      socklen_t len = sizeof from;
      const ssize_t n =
          ::recvfrom(fd_, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &len);
      if (n < 28 || from.sin_addr.s_addr != want.s_addr) continue;
      const std::size_t header = (buffer[0] & 0x0f) * 4u;
      return Bytes(buffer + header, buffer + n);
    }
    return {};
  }
  void send_to(const char* destination, const Bytes& esp) {
    const sockaddr_in to = address(destination, 0);
    ::sendto(fd_, esp.data(), esp.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
  }

 private:
  int fd_ = -1;
};

std::uint32_t be32(const Bytes& b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}
void put_be32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_gateways_over_udp_4500_behind_a_nat,
                     *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.nat"};
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
  BOOST_TEST(wait_until([&] { return b.gateway->sa_table().empty(); }, 5s));  // the Deletes came
  BOOST_TEST(b.stop() == 0);
  BOOST_TEST(b.valid_entries().empty());
}

BOOST_AUTO_TEST_CASE(two_gateways_negotiate_carry_traffic_reload_and_stop,
                     *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.netns"};
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
  BOOST_TEST(wait_until([&] { return b.gateway->sa_table().empty(); }, 5s));  // the Deletes came
  BOOST_TEST(contains_prefix(b.log_lines(), "Recv:", "<DEL>"));
  BOOST_TEST(b.stop() == 0);
  BOOST_TEST(b.valid_entries().empty());
}

// "!! WAN IP changed to <IP>": a follows its WAN interface (wan_address =
// "interface", my_ip 0.0.0.0); its address changes from 192.0.2.1 to
// 192.0.2.11 under the running gateway. The IKE SA of the old address is
// deleted (b hears the Delete and empties its table) and the next packet
// negotiates again from the new address. b answers any peer (dynamic).
BOOST_AUTO_TEST_CASE(wan_address_change, *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.wan_change"};
  NamespacePair ns("gww");
  const std::string pid = std::to_string(::getpid());
  RuleSpec dynamic = pair_rule(false);
  dynamic.my_ip = "0.0.0.0";
  dynamic.peer = "0.0.0.0";
  GatewayRun b(ns.b, pair_config(ns, false, "gww", {dynamic}), 2, quick_ike);
  GatewayRun a(
      ns.a,
      gateway_text(ns.veth_a, "", "gwwa" + pid, "198.51.100.1/24") +
          rule_text({.peer = "192.0.2.2", .local = "198.51.100.0/24", .remote = "203.0.113.0/24"}),
      1, quick_ike);
  BOOST_TEST(a.gateway->status().wan_address == "192.0.2.1");
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  BOOST_TEST(b.count("Recv Main Mode request from <192.0.2.1>") == 1u);
  // The responder's log reads like the manual's example (plus the VID,
  // NAT-D and INITIAL-CONTACT payloads this gateway sends).
  const std::vector<std::string> responder = {"Recv Main Mode request from <192.0.2.1>",
                                              "Recv:<SA><VID>",
                                              "Send:<SA><VID>",
                                              "Recv:<KE><NONCE><NATD><NATD>",
                                              "Send:<KE><NONCE><NATD><NATD>",
                                              "Recv:<ID><HASH><NOTFY>",
                                              "Send:<ID><HASH>",
                                              "Phase 1 IKE SA process done",
                                              "Recv:<HASH><SA><NONCE><ID><ID>",
                                              "Start Phase 2: Quick Mode",
                                              "Send:<HASH><SA><NONCE><ID><ID>",
                                              "Recv:<HASH>"};
  const auto b_lines = b.log_lines();
  BOOST_REQUIRE(b_lines.size() >= responder.size());
  BOOST_TEST(std::vector<std::string>(b_lines.begin(), b_lines.begin() + 12) == responder,
             boost::test_tools::per_element());

  // The new address first (kept when the old one goes), then the old one away.
  must_run({"ip", "netns", "exec", ns.a, "sysctl", "-qw",
            "net.ipv4.conf." + ns.veth_a + ".promote_secondaries=1"});
  must_run({"ip", "-n", ns.a, "addr", "add", "192.0.2.11/24", "dev", ns.veth_a});
  must_run({"ip", "-n", ns.a, "addr", "del", "192.0.2.1/24", "dev", ns.veth_a});
  BOOST_REQUIRE(a.wait_for_line("!! WAN IP changed to <192.0.2.11>", 3s));
  BOOST_TEST(a.gateway->status().wan_address == "192.0.2.11");
  BOOST_TEST(wait_until([&] { return a.gateway->sa_table().empty(); }, 2s));
  BOOST_TEST(wait_until([&] { return b.gateway->sa_table().empty(); }, 3s));  // the Delete came

  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  BOOST_TEST(a.count("Send Main Mode request to <192.0.2.2>") == 2u);
  BOOST_TEST(b.count("Recv Main Mode request from <192.0.2.11>") == 1u);
  BOOST_TEST(a.count("Phase 1 IKE SA process done") == 2u);
  a.print_log("a");
  b.print_log("b");
}

// A peer whose answers never arrive (b has no route back to a): a logs
// "!! IKE Packet Retransmit" (twice with the shortened timers), "!! IKE
// Negotiation is in process" for a packet that comes while Main Mode still
// waits, then "!! Too many errors! Deleting SA"; b logs "!! Failed to send
// IKE Packet" for its answers and "!! Duplicate requests with the same
// cookie" for a's retransmits, and gives up on its half-open SA too. A peer
// without a route from a: "!! Failed to send IKE Packet" on a.
BOOST_AUTO_TEST_CASE(silent_and_unreachable_peers,
                     *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.silent_peer"};
  NamespacePair ns("gws");
  const std::string pid = std::to_string(::getpid());
  must_run({"ip", "-n", ns.a, "route", "add", "unreachable", "192.0.2.200/32"});
  must_run({"ip", "-n", ns.b, "route", "add", "unreachable", "192.0.2.1/32"});
  GatewayRun b(
      ns.b,
      pair_config(ns, false, "gws",
                  {{.peer = "192.0.2.1", .local = "203.0.113.0/25", .remote = "198.51.100.0/24"}}),
      2, quick_ike);
  GatewayRun a(ns.a,
               pair_config(ns, true, "gws",
                           {{.index = 1,
                             .peer = "192.0.2.2",
                             .local = "198.51.100.0/24",
                             .remote = "203.0.113.0/25"},
                            {.index = 2,
                             .peer = "192.0.2.200",
                             .local = "198.51.100.0/24",
                             .remote = "203.0.113.128/25"}}),
               1, [](GatewayOptions& o) {
                 quick_ike(o);
                 o.retransmit_timeout_ms = 500;  // gives up after 0.5 + 0.9 + 1.62 s
               });
  const auto first = std::chrono::steady_clock::now();
  send_udp(ns.a, "198.51.100.1", "203.0.113.1");
  send_udp(ns.a, "198.51.100.1", "203.0.113.129");
  BOOST_TEST(a.wait_for_line("!! Failed to send IKE Packet", 2s));
  BOOST_TEST(a.count("Send Main Mode request to <192.0.2.200>") == 1u);
  BOOST_TEST(a.wait_for_line("!! IKE Packet Retransmit", 2s));
  BOOST_TEST(b.wait_for_line("Recv Main Mode request from <192.0.2.1>", 2s));
  BOOST_TEST(b.wait_for_line("!! Failed to send IKE Packet", 2s));
  BOOST_TEST(b.wait_for_line("!! Duplicate requests with the same cookie", 2s));
  // Past the 1 s notice interval, while Main Mode still waits (until 3 s).
  std::this_thread::sleep_until(first + 1100ms);
  while (a.count("Cannot find outbound SA for rule <1>") < 2u &&
         std::chrono::steady_clock::now() < first + 2500ms) {
    send_udp(ns.a, "198.51.100.1", "203.0.113.1");
    std::this_thread::sleep_for(100ms);
  }
  BOOST_TEST(a.wait_for_line("!! IKE Negotiation is in process", 2s));
  BOOST_TEST(a.count("Cannot find outbound SA for rule <1>") == 2u);
  BOOST_TEST(a.wait_for_line("!! Too many errors! Deleting SA", 4s, 2));  // both rules
  BOOST_TEST(a.count("!! IKE Packet Retransmit") >= 2u);
  BOOST_TEST(a.count("Phase 1 IKE SA process done") == 0u);
  BOOST_TEST(b.wait_for_line("!! Too many errors! Deleting SA", 4s));  // its half-open SA
}

// Table 27-1's refusals, each from one rule of gateway a against b, whose
// rule 1 answers any peer (local 203.0.113.0/25, remote 198.51.100.0/24) and
// whose rule 2 names another gateway (remote 198.51.100.192/26):
//   rule 1 (198.51.100.0/26 - 203.0.113.0/27)   accepted, traffic flows
//   rule 2 (198.51.100.192/26 - ...)            conflict with rule <2>
//   rule 3 (0.0.0.0/0 - ...)                    Invalid IP
//   rule 4 (... - 203.0.113.128/26)             Verifying Local ID failed
//   rule 5 (192.0.2.1 - ...)                    Verifying Remote ID failed
//   rule 6 (Phase 2 3DES)                       No proposal chosen (Phase 2)
//   rule 7 (Phase 1 3DES)                       No proposal chosen (Phase 1)
//   rule 8 (another PSK)                        Phase 1 fails (not a catalog line)
//   rule 9 (from 192.0.2.5, 198.51.100.0/27)    a second peer: Remote IP ... conflicts
BOOST_AUTO_TEST_CASE(phase2_ids_proposals_and_conflicts,
                     *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.ids"};
  NamespacePair ns("gwi");
  const std::string pid = std::to_string(::getpid());
  must_run({"ip", "-n", ns.a, "addr", "add", "192.0.2.5/24", "dev", ns.veth_a});
  for (const char* extra : {"198.51.100.65/32", "198.51.100.129/32", "198.51.100.193/32"})
    must_run({"ip", "-n", ns.a, "addr", "add", extra, "dev", "lo"});
  GatewayRun b(
      ns.b,
      pair_config(
          ns, false, "gwi",
          {{.index = 1, .peer = "0.0.0.0", .local = "203.0.113.0/25", .remote = "198.51.100.0/24"},
           {.index = 2,
            .peer = "192.0.2.99",
            .local = "203.0.113.0/25",
            .remote = "198.51.100.192/26"}}),
      2, quick_ike);
  auto rule = [](int index, std::string local, std::string remote) {
    return RuleSpec{.index = index, .peer = "192.0.2.2", .local = local, .remote = remote};
  };
  RuleSpec r6 = rule(6, "198.51.100.128/26", "203.0.113.32/28");
  r6.phase2_encryption = "3des";
  RuleSpec r7 = rule(7, "198.51.100.128/26", "203.0.113.224/28");
  r7.phase1_encryption = "3des";
  RuleSpec r8 = rule(8, "198.51.100.128/26", "203.0.113.240/28");
  r8.psk = "not the key b has";
  RuleSpec r9 = rule(9, "198.51.100.0/27", "203.0.113.48/28");
  r9.my_ip = "192.0.2.5";
  // a listens on every address of its WAN interface (rule 9 speaks from 192.0.2.5).
  GatewayRun a(ns.a,
               gateway_text(ns.veth_a, "", "gwia" + pid, "198.51.100.1/24") +
                   rule_text(rule(1, "198.51.100.0/26", "203.0.113.0/27")) +
                   rule_text(rule(2, "198.51.100.192/26", "203.0.113.192/28")) +
                   rule_text(rule(3, "0.0.0.0/0", "203.0.113.64/27")) +
                   rule_text(rule(4, "198.51.100.64/26", "203.0.113.128/26")) +
                   rule_text(rule(5, "192.0.2.1", "203.0.113.96/27")) + rule_text(r6) +
                   rule_text(r7) + rule_text(r8) + rule_text(r9),
               1, quick_ike);
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  send_udp(ns.a, "198.51.100.193", "203.0.113.193");  // rule 2
  send_udp(ns.a, "198.51.100.1", "203.0.113.65");     // rule 3
  send_udp(ns.a, "198.51.100.65", "203.0.113.129");   // rule 4
  send_udp(ns.a, "192.0.2.1", "203.0.113.97");        // rule 5
  send_udp(ns.a, "198.51.100.129", "203.0.113.33");   // rule 6
  send_udp(ns.a, "198.51.100.129", "203.0.113.225");  // rule 7
  send_udp(ns.a, "198.51.100.129", "203.0.113.241");  // rule 8
  send_udp(ns.a, "198.51.100.1", "203.0.113.49");     // rule 9
  BOOST_TEST(
      b.wait_for_line("!! Local / remote IPs of incoming request conflict with rule <2>", 4s));
  BOOST_TEST(b.wait_for_line("!! Invalid IP <0.0.0.0>/<255.255.255.255>", 2s));
  BOOST_TEST(b.wait_for_line("!! Remote IP <198.51.100.0> / <198.51.100.31> conflicts", 2s));
  BOOST_TEST(b.wait_for_line("!! Verifying Remote ID failed", 2s));
  BOOST_TEST(b.wait_for_line("!! Verifying Local ID failed", 2s));
  BOOST_TEST(b.wait_for_line("!! No proposal chosen", 2s, 2));                    // rules 6 and 7
  BOOST_TEST(b.wait_for_prefix("!! Malformed IKE packet from <192.0.2.1>", 2s));  // rule 8
  BOOST_TEST(b.count("Recv Main Mode request from <192.0.2.5>") == 1u);
  // a hears the refusals it is told about.
  BOOST_TEST(a.wait_for_line("!! No proposal chosen", 2s, 2));
  BOOST_TEST(a.count("!! Verifying Remote ID failed") >= 4u);  // INVALID-ID-INFORMATION notifies
  BOOST_TEST(a.gateway->sa_table().size() == 2u);              // rule 1 only
  a.print_log("a");
  b.print_log("b");
}

// Table 27-2 through the gateway: ESP sent into b's WAN by hand. A copy of
// a's ESP with another SPI ("!! Cannot find Phase 2 SA"), the same packet
// again ("!! Discard REPLAY packet"), one with its sequence number changed
// ("!! Inbound packet authentication failed"), a packet for b's manually
// keyed rule 2 (NULL encryption, HMAC-SHA1: the test knows the key) whose
// padding is wrong ("!! Inbound packet decryption failed"). b's error
// threshold is 3: the third error on the IKE SA's inbound entry raises the
// board's event, "!! Too many errors! Deleting SA", b deletes the rule's
// SAs (a hears the Delete) and the next ping negotiates again. Then a's
// rule idles out after 3 s: "Rule <1> idle time out, disconnect".
BOOST_AUTO_TEST_CASE(esp_errors_threshold_and_idle,
                     *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.esp_errors"};
  NamespacePair ns("gwe");
  const std::string pid = std::to_string(::getpid());
  const std::string auth_key_hex = "0102030405060708090a0b0c0d0e0f1011121314";
  const std::string keys_file = "/tmp/gwe" + pid + ".keys";
  struct RemoveFile {
    std::string path;
    ~RemoveFile() { std::remove(path.c_str()); }
  } remove_keys{keys_file};
  {
    std::ofstream keys(keys_file);
    keys << "[outbound]\nspi = 0x2001\nauthentication_key = \"" << auth_key_hex
         << "\"\n[inbound]\nspi = 0x100d\nauthentication_key = \"" << auth_key_hex << "\"\n";
  }
  ::chmod(keys_file.c_str(), 0600);
  RuleSpec manual = pair_rule(false);
  manual.index = 2;
  manual.remote = "192.0.2.250";
  manual.phase2_encryption = "null";
  manual.manual_keys_file = keys_file;
  GatewayRun b(ns.b,
               pair_config(ns, false, "gwe", {pair_rule(false), manual}, "error_threshold = 3\n"),
               2, quick_ike);
  RuleSpec idle = pair_rule(true);
  idle.idle_timeout = 3;
  GatewayRun a(ns.a, pair_config(ns, true, "gwe", {idle}), 1, quick_ike);
  RawEsp seen_by_b(ns.b);
  RawEsp inject(ns.a);
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  const Bytes esp = seen_by_b.receive_from("192.0.2.1", 2s);  // accepted by b: seq 1 or 2
  BOOST_REQUIRE(esp.size() > 40u);

  Bytes unknown = esp;
  put_be32(unknown, 0, be32(esp, 0) ^ 0x40000000u);
  inject.send_to("192.0.2.2", unknown);
  BOOST_TEST(b.wait_for_line("!! Cannot find Phase 2 SA", 2s));
  inject.send_to("192.0.2.2", esp);
  BOOST_TEST(b.wait_for_line("!! Discard REPLAY packet", 2s));
  Bytes tampered = esp;
  put_be32(tampered, 4, be32(esp, 4) + 1000);
  inject.send_to("192.0.2.2", tampered);
  BOOST_TEST(b.wait_for_line("!! Inbound packet authentication failed", 2s));

  // For the manual rule: 4 bytes, padding 7 7 (should be 1 2), pad length 2, next header 4.
  Bytes bad_padding = {0x00, 0x00, 0x10, 0x0d, 0x00, 0x00, 0x00, 0x01,
                       0xde, 0xad, 0xbe, 0xef, 0x07, 0x07, 0x02, 0x04};
  Bytes key(20);
  for (std::size_t i = 0; i < key.size(); ++i)
    key[i] = static_cast<std::uint8_t>(std::stoul(auth_key_hex.substr(2 * i, 2), nullptr, 16));
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), bad_padding.data(), bad_padding.size(),
       mac, &mac_length);
  bad_padding.insert(bad_padding.end(), mac, mac + 12);
  inject.send_to("192.0.2.2", bad_padding);
  BOOST_TEST(b.wait_for_line("!! Inbound packet decryption failed", 2s));

  // The third error on the IKE rule's inbound SA: the board's threshold event.
  put_be32(tampered, 4, be32(esp, 4) + 1001);
  inject.send_to("192.0.2.2", tampered);
  BOOST_TEST(b.wait_for_line("!! Too many errors! Deleting SA", 2s));
  BOOST_TEST(wait_until([&] { return a.gateway->sa_table().empty(); }, 2s));  // the Delete came
  BOOST_TEST(b.gateway->sa_table().size() == 2u);  // the manual pair stays
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  BOOST_TEST(a.count("Send Main Mode request to <192.0.2.2>") == 2u);

  // No more traffic: a's rule idles out, b hears the Delete.
  BOOST_TEST(a.wait_for_line("Rule <1> idle time out, disconnect", 5s));
  BOOST_TEST(wait_until([&] { return b.gateway->sa_table().size() == 2u; }, 2s));
  BOOST_TEST(a.gateway->sa_table().empty());
}

// IPsec SA lifetimes (3 s here): at 80 % the initiator starts a new Quick
// Mode on the same ISAKMP SA ("Start Phase 2: Quick Mode" again, no Main
// Mode), traffic moves to the new pair, and at 3 s the old pair is removed
// ("Delete SA of rule <1>: hard lifetime reached", a Delete for that SA
// only); pings keep working.
BOOST_AUTO_TEST_CASE(lifetime_rekey_and_expiry, *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.rekey"};
  NamespacePair ns("gwk");
  GatewayPair pair(ns, "gwk", [](RuleSpec& r, bool) { r.lifetime_seconds = 3; });
  GatewayRun& a = pair.a;
  GatewayRun& b = pair.b;
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  const auto up = std::chrono::steady_clock::now();
  int answered = 0, sent = 0;
  while (std::chrono::steady_clock::now() - up < 3500ms) {
    ++sent;
    answered += ping(ns.a, "198.51.100.1", "203.0.113.1");
    std::this_thread::sleep_for(150ms);
  }
  BOOST_TEST(a.count("Start Phase 2: Quick Mode") >= 2u);
  BOOST_TEST(a.count("Send Main Mode request to <192.0.2.2>") == 1u);
  BOOST_TEST(a.count("Phase 1 IKE SA process done") == 1u);
  BOOST_TEST(b.count("Start Phase 2: Quick Mode") >= 2u);
  // The old pair reaches its hard lifetime (usually first on a, which
  // installed it first: it deletes it and tells b, "IPsec SA deleted by
  // peer"; on a loaded machine both may expire it themselves).
  const std::string hard = "Delete SA of rule <1>: hard lifetime reached";
  BOOST_TEST(wait_until([&] { return a.count(hard) + b.count(hard) >= 1u; }, 2s));
  BOOST_TEST(answered >= sent - 1);  // at most one lost in the switch
  BOOST_TEST(ping(ns.a, "198.51.100.1", "203.0.113.1"));
  // One pair, or two for the second before the older goes (on a loaded
  // machine the loop may run into the next rekey at 80 % of the new pair).
  for (GatewayRun* g : {&a, &b}) {
    const std::size_t rows = g->gateway->sa_table().size();
    BOOST_TEST((rows == 2u || rows == 4u), "rows: " << rows);
  }
}

// "!! Active connection allowed exceeded": a allows one Phase 2 negotiation
// at a time. Its rule 1's Quick Mode waits for an answer that never comes
// (the relay between a and b, at 192.0.2.3, drops b's Quick Mode messages),
// and meanwhile rule 2's Phase 1 completes and wants a Quick Mode too.
// Rule 1's Quick Mode then shows a peer that stops answering after Phase 1:
// "!! IKE Packet Retransmit", then "!! Too many errors! Deleting SA".
BOOST_AUTO_TEST_CASE(phase2_negotiation_limit, *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.phase2_limit"};
  NamespacePair ns("gwl");
  const std::string pid = std::to_string(::getpid());
  // ISAKMP exchange type (octet 18; after the 4-byte non-ESP marker on 4500) 32: Quick Mode.
  UdpNat relay(ns.b, ns.veth_b,
               [](std::span<const std::uint8_t> d, bool from_b, std::uint16_t port) {
                 const std::size_t at = port == 4500 ? 22 : 18;
                 return from_b && d.size() > at && d[at] == 32;
               });
  GatewayRun b(ns.b,
               gateway_text(ns.veth_b, "192.0.2.2", "gwlb" + pid, "203.0.113.1/24") +
                   rule_text({.my_ip = "192.0.2.2",
                              .peer = UdpNat::public_address,
                              .local = "203.0.113.0/24",
                              .remote = "198.51.100.0/24"}),
               2, quick_ike);
  GatewayRun a(ns.a,
               gateway_text(ns.veth_a, "192.0.2.1", "gwla" + pid, "198.51.100.1/24",
                            "max_phase2_negotiations = 1\n") +
                   rule_text({.index = 1,
                              .my_ip = "192.0.2.1",
                              .peer = UdpNat::public_address,
                              .local = "198.51.100.0/24",
                              .remote = "203.0.113.0/25"}) +
                   rule_text({.index = 2,
                              .my_ip = "192.0.2.1",
                              .peer = UdpNat::public_address,
                              .local = "198.51.100.0/24",
                              .remote = "203.0.113.128/25"}),
               1, quick_ike);
  send_udp(ns.a, "198.51.100.1", "203.0.113.1");
  BOOST_REQUIRE(a.wait_for_line("Start Phase 2: Quick Mode", 3s));
  send_udp(ns.a, "198.51.100.1", "203.0.113.129");
  BOOST_TEST(a.wait_for_line("!! Active connection allowed exceeded", 2s));
  BOOST_TEST(a.count("Phase 1 IKE SA process done") == 2u);
  BOOST_TEST(a.count("Start Phase 2: Quick Mode") == 1u);
  BOOST_TEST(a.gateway->sa_table().empty());
  // b stopped answering after Phase 1: a resends Quick Mode 1, then gives
  // that exchange up (its ISAKMP SA stays).
  BOOST_TEST(a.wait_for_line("!! IKE Packet Retransmit", 2s));
  BOOST_TEST(a.wait_for_line("!! Too many errors! Deleting SA", 3s));
  BOOST_TEST(a.gateway->status().rules.at(0).ike_sa_state == "established");
}

// A reload that changes a rule (both sides switch rule 1 to Aggressive
// Mode): a deletes the rule's SAs, b hears the Deletes ("Delete SA of rule
// <1>: IPsec SA deleted by peer", "... ISAKMP SA deleted by peer"), and the
// next packet negotiates in Aggressive Mode ("Send Aggressive Mode request
// to <IP>", "Recv Aggressive Mode request from <IP>").
BOOST_AUTO_TEST_CASE(reload_changed_rule_aggressive_mode,
                     *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.reload"};
  NamespacePair ns("gwr");
  GatewayPair pair(ns, "gwr");
  GatewayRun& a = pair.a;
  GatewayRun& b = pair.b;
  const auto aggressive = [](RuleSpec& r, bool) { r.mode = "aggressive"; };
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  b.gateway->request_reload(
      parse_config_string(GatewayPair::config(ns, false, "gwr", aggressive), "b.toml"));
  BOOST_TEST(wait_until([&] { return b.gateway->status().reloads == 1u; }, 2s));
  a.gateway->request_reload(
      parse_config_string(GatewayPair::config(ns, true, "gwr", aggressive), "a.toml"));
  // b's reload comes first: it deletes and a hears it.
  BOOST_TEST(a.wait_for_line("Delete SA of rule <1>: IPsec SA deleted by peer", 2s));
  BOOST_TEST(a.wait_for_line("Delete SA of rule <1>: ISAKMP SA deleted by peer", 2s));
  BOOST_TEST(wait_until([&] { return a.gateway->sa_table().empty(); }, 2s));
  BOOST_TEST(wait_until([&] { return b.gateway->sa_table().empty(); }, 2s));
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  BOOST_TEST(a.count("Send Aggressive Mode request to <192.0.2.2>") == 1u);
  BOOST_TEST(b.count("Recv Aggressive Mode request from <192.0.2.1>") == 1u);
  BOOST_TEST(a.gateway->status().reloads == 1u);
  BOOST_TEST(a.gateway->sa_table().size() == 2u);
}

// The kilobyte lifetime is the board's: the outbound SA's soft limit (80 %
// of 64 KB) raises an event, the gateway rekeys, traffic moves to the new
// pair, and the old pair goes a second later ("Delete SA of rule <1>:
// replaced by a newer SA"). 200 KB of TCP arrive intact through several
// rekeys; in the end each side holds one pair.
BOOST_AUTO_TEST_CASE(kilobyte_lifetime_rekeys, *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.kilobytes"};
  NamespacePair ns("gwy");
  GatewayPair pair(ns, "gwy", [](RuleSpec& r, bool) { r.lifetime_kilobytes = 64; });
  GatewayRun& a = pair.a;
  GatewayRun& b = pair.b;
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  const Bytes ab = random_bytes(200 * 1024, 7);
  BOOST_TEST((tcp_transfer(ns.b, "203.0.113.1", ns.a, "198.51.100.1", ab) == ab));
  BOOST_TEST(a.count("Start Phase 2: Quick Mode") >= 3u);
  BOOST_TEST(a.count("Phase 1 IKE SA process done") == 1u);
  BOOST_TEST(a.wait_for_line("Delete SA of rule <1>: replaced by a newer SA", 2s));
  BOOST_TEST(wait_until([&] { return a.gateway->sa_table().size() == 2u; }, 3s));
  BOOST_TEST(wait_until([&] { return b.gateway->sa_table().size() == 2u; }, 3s));
  BOOST_TEST(ping(ns.a, "198.51.100.1", "203.0.113.1"));
}

// The board's hard limit without rekeying (rekey_fraction 1: off): a's
// outbound SA reaches lifetime_kilobytes = 8 after a few 1400-byte pings,
// the board raises its hard-lifetime event and expires the SA, the gateway
// logs "Delete SA of rule <1>: hard lifetime reached" and deletes the rule
// (b hears it); the next ping negotiates again.
BOOST_AUTO_TEST_CASE(kilobyte_hard_limit, *boost::unit_test::precondition(netns_available)) {
  CaseTimer timer{"host.gateway.hard_limit"};
  NamespacePair ns("gwh");
  GatewayPair pair(
      ns, "gwh", [](RuleSpec& r, bool) { r.lifetime_kilobytes = 8; },
      [](GatewayOptions& o, bool) { o.rekey_fraction = 1.0; });  // no rekeying
  GatewayRun& a = pair.a;
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  for (int i = 0; i < 12 && a.count("Delete SA of rule <1>: hard lifetime reached") == 0; ++i)
    run_command({"ip", "netns", "exec", ns.a, "ping", "-c", "1", "-W", "1", "-s", "1400", "-I",
                 "198.51.100.1", "203.0.113.1"},
                5s);
  BOOST_TEST(a.wait_for_line("Delete SA of rule <1>: hard lifetime reached", 2s));
  BOOST_TEST(a.count("Start Phase 2: Quick Mode") == 1u);  // no rekey
  BOOST_TEST(wait_until([&] { return a.gateway->sa_table().empty(); }, 2s));
  BOOST_REQUIRE(ping_until_answered(ns.a, "198.51.100.1", "203.0.113.1", 10));
  BOOST_TEST(a.count("Send Main Mode request to <192.0.2.2>") == 2u);
}
