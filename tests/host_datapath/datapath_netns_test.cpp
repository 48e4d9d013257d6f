// End to end: two Datapaths on two simulated boards in two network
// namespaces joined by a veth pair, each with its TUN. Ping and a 1 MB TCP
// transfer each way through the tunnel, over UDP 4500 and over raw ESP;
// then a replayed, a tampered and an unknown-SPI packet and the log events
// they give. Needs root; skipped (with the reason) otherwise.
#define BOOST_TEST_MODULE host_datapath_netns
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <future>
#include <iostream>
#include <random>

#include "netns_precondition.hpp"
#include "test_gateway.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga;
using namespace ipsec_fpga::host;
using namespace ipsec_fpga::host::test;
using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;

namespace {

const auto netns_available = netns_available_for("host.datapath.netns");

// 198.51.100.0/24 behind gateway a, 203.0.113.0/24 behind gateway b.
constexpr const char* inner_a = "198.51.100.1";
constexpr const char* inner_b = "203.0.113.1";

Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

struct DirectionKeys {
  driver::Suite suite;
  Bytes cipher_key, integrity_key, salt;
};

DirectionKeys make_keys(driver::Suite suite, std::mt19937_64& rng) {
  DirectionKeys k{suite,
                  random_bytes(rng, driver::cipher_key_bytes(suite.cipher)),
                  random_bytes(rng, suite.integrity == driver::Integrity::none ? 0 : 20),
                  {}};
  if (driver::is_gcm(suite.cipher)) k.salt = random_bytes(rng, 4);
  return k;
}

driver::SaParameters sa_parameters(driver::Direction direction, const DirectionKeys& k) {
  driver::SaParameters p;
  p.direction = direction;
  p.mode = driver::Mode::tunnel;
  p.encapsulation = driver::Encapsulation::bare_esp;  // the sockets add IP / UDP
  p.cipher = k.suite.cipher;
  p.integrity = k.suite.integrity;
  p.cipher_key = driver::SecretBytes(k.cipher_key);
  p.integrity_key = driver::SecretBytes(k.integrity_key);
  p.gcm_salt = driver::SecretBytes(k.salt);
  return p;
}

// Inbound SA on the receiver first (its driver assigns the SPI), then the
// sender's outbound SA with that SPI. Returns the SPI.
std::uint32_t connect_direction(TestGateway& sender, TestGateway& receiver,
                                const DirectionKeys& keys, EspTransport transport,
                                const char* receiver_wan) {
  const driver::SaHandle in =
      receiver.board->install_sa(sa_parameters(driver::Direction::inbound, keys));
  receiver.spd.add_inbound_sa(1, in.spi);
  driver::SaParameters out = sa_parameters(driver::Direction::outbound, keys);
  out.spi = in.spi;
  const driver::SaHandle handle = sender.board->install_sa(std::move(out));
  OutboundSa outbound;
  outbound.sa = handle;
  outbound.peer = address_of(receiver_wan);
  outbound.transport = transport;
  sender.datapath->set_outbound_sa(1, outbound);
  return in.spi;
}

struct Tunnel {
  NamespacePair ns;  // first member: deleted last
  TestGateway a;
  TestGateway b;

  Tunnel()
      : ns("dp"),
        a({ns.a, "dpta" + std::to_string(::getpid()), NamespacePair::wan_a, inner_a, "198.51.100.0",
           "203.0.113.0"}),
        b({ns.b, "dptb" + std::to_string(::getpid()), NamespacePair::wan_b, inner_b, "203.0.113.0",
           "198.51.100.0"}) {}
};

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  }
  ~Fd() { ::close(fd_); }
  int get() const { return fd_; }

 private:
  int fd_;
};

sockaddr_in address(const char* text, std::uint16_t port) {
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(port);
  ::inet_pton(AF_INET, text, &sin.sin_addr);
  return sin;
}

std::uint16_t internet_checksum(const Bytes& b) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < b.size(); i += 2)
    sum += static_cast<std::uint32_t>(b[i] << 8 | b[i + 1]);
  if (b.size() % 2) sum += static_cast<std::uint32_t>(b.back() << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

// ICMP echo from a's inner address to b's; true if the reply came in time.
bool ping(const std::string& netns, std::uint16_t sequence, std::chrono::milliseconds timeout) {
  std::unique_ptr<Fd> fd;
  {
    NetnsEntry in(netns);
    fd = std::make_unique<Fd>(::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP));
  }
  const sockaddr_in from = address(inner_a, 0), to = address(inner_b, 0);
  BOOST_TEST_REQUIRE(::bind(fd->get(), reinterpret_cast<const sockaddr*>(&from), sizeof from) == 0);
  const std::uint16_t id = static_cast<std::uint16_t>(::getpid());
  Bytes echo(64, 0);
  echo[0] = ICMP_ECHO;
  echo[4] = static_cast<std::uint8_t>(id >> 8);
  echo[5] = static_cast<std::uint8_t>(id);
  echo[6] = static_cast<std::uint8_t>(sequence >> 8);
  echo[7] = static_cast<std::uint8_t>(sequence);
  for (std::size_t i = 8; i < echo.size(); ++i) echo[i] = static_cast<std::uint8_t>(i);
  const std::uint16_t sum = internet_checksum(echo);
  echo[2] = static_cast<std::uint8_t>(sum >> 8);
  echo[3] = static_cast<std::uint8_t>(sum);
  if (::sendto(fd->get(), echo.data(), echo.size(), 0, reinterpret_cast<const sockaddr*>(&to),
               sizeof to) < 0)
    return false;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  Bytes reply(2048);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd->get(), POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const ssize_t n = ::recv(fd->get(), reply.data(), reply.size(), 0);
    if (n < 28) continue;
    const std::size_t ihl = (reply[0] & 0x0fu) * 4u;
    if (static_cast<std::size_t>(n) < ihl + 8) continue;
    const std::uint8_t* icmp = reply.data() + ihl;
    if (icmp[0] == ICMP_ECHOREPLY && (icmp[4] << 8 | icmp[5]) == id &&
        (icmp[6] << 8 | icmp[7]) == sequence &&
        Bytes(reply.begin() + static_cast<std::ptrdiff_t>(ihl + 8), reply.begin() + n) ==
            Bytes(echo.begin() + 8, echo.end()))
      return true;
  }
  return false;
}

void set_timeouts(int fd, std::chrono::seconds t) {
  timeval tv{static_cast<time_t>(t.count()), 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

bool send_all(int fd, const Bytes& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

Bytes receive_all(int fd, std::size_t limit) {
  Bytes out;
  Bytes buffer(65536);
  while (out.size() <= limit) {
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (n <= 0) break;  // EOF, or the receive timeout
    out.insert(out.end(), buffer.begin(), buffer.begin() + n);
  }
  return out;
}

// a connects to b's inner address; a sends `upload`, closes its side,
// then receives what b sends back (`download`). Every wait is bounded by
// the sockets' timeouts (20 s without progress).
void tcp_both_ways(Tunnel& t, const Bytes& upload, const Bytes& download) {
  std::unique_ptr<Fd> listener, client;
  {
    NetnsEntry in(t.ns.b);
    listener = std::make_unique<Fd>(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  }
  {
    NetnsEntry in(t.ns.a);
    client = std::make_unique<Fd>(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  }
  const int one = 1;
  ::setsockopt(listener->get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  set_timeouts(listener->get(), 20s);
  set_timeouts(client->get(), 20s);
  const sockaddr_in server = address(inner_b, 5001), local = address(inner_a, 0);
  BOOST_TEST_REQUIRE(
      ::bind(listener->get(), reinterpret_cast<const sockaddr*>(&server), sizeof server) == 0);
  BOOST_TEST_REQUIRE(::listen(listener->get(), 1) == 0);

  auto server_side = std::async(std::launch::async, [&] {
    Fd connection(::accept(listener->get(), nullptr, nullptr));
    set_timeouts(connection.get(), 20s);
    Bytes got = receive_all(connection.get(), upload.size());
    send_all(connection.get(), download);
    ::shutdown(connection.get(), SHUT_WR);
    return got;
  });
  BOOST_TEST_REQUIRE(
      ::bind(client->get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) == 0);
  const auto started = std::chrono::steady_clock::now();
  BOOST_TEST_REQUIRE(
      ::connect(client->get(), reinterpret_cast<const sockaddr*>(&server), sizeof server) == 0,
      "TCP connect " << inner_a << " -> " << inner_b
                     << ":5001 through the tunnel: " << std::strerror(errno));
  BOOST_TEST(send_all(client->get(), upload), "sending " << upload.size() << " bytes a -> b");
  ::shutdown(client->get(), SHUT_WR);
  const Bytes downloaded = receive_all(client->get(), download.size());
  const Bytes uploaded = server_side.get();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "TCP " << upload.size() << " bytes a->b and " << download.size() << " bytes b->a in "
            << seconds << " s" << std::endl;
  BOOST_TEST(uploaded.size() == upload.size(), "b received " << uploaded.size() << " bytes");
  BOOST_TEST((uploaded == upload), "a->b data differs");
  BOOST_TEST(downloaded.size() == download.size(), "a received " << downloaded.size() << " bytes");
  BOOST_TEST((downloaded == download), "b->a data differs");
}

driver::Suite pick_suite(const driver::Board& board, driver::Suite wanted) {
  const auto suites = board.capabilities().suites();
  if (std::find(suites.begin(), suites.end(), wanted) != suites.end()) return wanted;
  return suites.front();
}

// A third board holding a copy of a's outbound SA far ahead in sequence
// numbers: it makes ESP packets b accepts as a's, for the negative tests.
void bad_packets_give_log_events(Tunnel& t, const DirectionKeys& keys, std::uint32_t spi,
                                 EspTransport transport) {
  auto forger = driver::open_board("sim:");
  driver::SaParameters p = sa_parameters(driver::Direction::outbound, keys);
  p.spi = spi;
  p.initial_sequence = 1'000'000;
  const driver::SaHandle handle = forger->install_sa(std::move(p));
  const Bytes inner = ipv4_packet(inner_a, inner_b, 17, 40000, 9, 32);
  auto forge = [&] {
    driver::PacketResult r = forger->process_outbound(handle, inner);
    BOOST_TEST_REQUIRE((r.status == driver::PacketStatus::ok));
    return r.bytes;
  };
  auto send = [&](const Bytes& esp) {
    BOOST_TEST(t.a.sockets->send_esp(transport, address_of(NamespacePair::wan_b), nat_t_port, esp));
  };
  const auto accepted_before = t.b.datapath->statistics().inbound_ok;
  const Bytes good = forge();
  send(good);
  for (auto deadline = std::chrono::steady_clock::now() + 5s;
       t.b.datapath->statistics().inbound_ok == accepted_before &&
       std::chrono::steady_clock::now() < deadline;)
    std::this_thread::sleep_for(10ms);
  BOOST_TEST(t.b.datapath->statistics().inbound_ok == accepted_before + 1,
             "the forged but valid packet was not delivered");

  send(good);  // again: a replay
  BOOST_TEST(t.b.wait_for_event(PacketLogMessage::discard_replay, 1, 5s),
             "no discard_replay for a packet sent twice");

  Bytes tampered = forge();
  tampered.back() ^= 0x01;  // last ICV byte
  send(tampered);
  BOOST_TEST(t.b.wait_for_event(PacketLogMessage::inbound_auth_failed, 1, 5s),
             "no inbound_auth_failed for a packet with a flipped ICV bit");

  Bytes unknown = forge();
  unknown[0] ^= 0x80;  // same SA entry, another SPI
  send(unknown);
  BOOST_TEST(t.b.wait_for_event(PacketLogMessage::cannot_find_phase2_sa, 1, 5s),
             "no cannot_find_phase2_sa for an unknown SPI");
  const auto events = t.b.events();
  BOOST_TEST(events.size() == 3u, "b logged " << events.size() << " events, expected 3");
}

void tunnel_test(EspTransport transport, driver::Suite wanted, const char* name) {
  Tunnel t;
  std::mt19937_64 rng(verif::test_seed(name, 0x6461746170617468ull));
  const driver::Suite suite = pick_suite(*t.a.board, wanted);
  std::cout << name << ": " << driver::to_string(suite.cipher) << " + "
            << driver::to_string(suite.integrity) << " over " << to_string(transport) << std::endl;
  t.a.datapath->start();
  t.b.datapath->start();

  // No SA yet: a's packet for rule 1 asks for a negotiation.
  BOOST_TEST(!ping(t.ns.a, 1, 300ms), "ping went through before any SA was installed");
  BOOST_TEST(t.a.needs_sa() == std::vector<int>{1});

  const DirectionKeys a_to_b = make_keys(suite, rng), b_to_a = make_keys(suite, rng);
  const std::uint32_t spi_b = connect_direction(t.a, t.b, a_to_b, transport, NamespacePair::wan_b);
  connect_direction(t.b, t.a, b_to_a, transport, NamespacePair::wan_a);

  for (std::uint16_t sequence = 1; sequence <= 3; ++sequence)
    BOOST_TEST(ping(t.ns.a, sequence, 5s), "ping " << sequence << " " << inner_a << " -> "
                                                   << inner_b << " over " << to_string(transport));

  tcp_both_ways(t, random_bytes(rng, 1 << 20), random_bytes(rng, 1 << 20));

  for (TestGateway* g : {&t.a, &t.b}) {
    const DatapathStatistics s = g->datapath->statistics();
    const RuleCounters c = *g->datapath->activity().counters(1);
    BOOST_TEST(g->fatal().empty(), g->fatal());
    BOOST_TEST(s.outbound_ok > 700u);
    BOOST_TEST(s.inbound_ok > 700u);
    BOOST_TEST(c.bytes_out > (1u << 20));
    BOOST_TEST(c.bytes_in > (1u << 20));
    BOOST_TEST(s.outbound_status.empty());
    BOOST_TEST(g->events().empty(), "log events during good traffic");
  }
  const EspSocketStatistics wan = t.b.sockets->statistics();
  BOOST_TEST((transport == EspTransport::udp_4500 ? wan.udp_esp : wan.raw_esp) > 700u);
  bad_packets_give_log_events(t, a_to_b, spi_b, transport);
}

}  // namespace

BOOST_AUTO_TEST_CASE(udp_4500, *boost::unit_test::precondition(netns_available)) {
  tunnel_test(EspTransport::udp_4500, {driver::Cipher::aes128_cbc, driver::Integrity::hmac_sha1_96},
              "host.datapath.netns.udp_4500");
}

BOOST_AUTO_TEST_CASE(raw_esp, *boost::unit_test::precondition(netns_available)) {
  tunnel_test(EspTransport::raw_esp, {driver::Cipher::aes128_gcm, driver::Integrity::none},
              "host.datapath.netns.raw_esp");
}
