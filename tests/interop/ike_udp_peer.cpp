// ike_udp_peer: ike/ on real UDP sockets (ports 500 and 4500), one rule,
// for interop tests against strongSwan. The program owns the clock and the
// sockets; ike/ stays sans-IO. Prints one line per event on stdout:
//   LOG <manual text>            every log event
//   INSTALL ... / KEYS ...       SA installs (KEYS only with --print-keys)
//   PHASE1KEYS ...               SKEYID family (only with --print-keys)
//   ESP-IN ok|bad ...            an ESP packet from the peer checked with our keys
// Test program only: --print-keys puts key material on stdout on purpose,
// so the test can compare it with the peer's debug log.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "esp_probe.hpp"
#include "ike/ike_engine.hpp"
#include "ike/log_formatter.hpp"
#include "ike/openssl_random_source.hpp"
#include "ike/rule_table.hpp"
#include "suite_names.hpp"

using namespace ipsec_fpga::ike;
namespace po = boost::program_options;

namespace {

TrafficSelector parse_net(const std::string& cidr) {
  auto slash = cidr.find('/');
  auto address = IpAddress::parse(cidr.substr(0, slash));
  if (!address) throw std::invalid_argument("bad address " + cidr);
  if (slash == std::string::npos) return TrafficSelector::host(*address);
  return TrafficSelector::subnet(*address,
                                 static_cast<unsigned>(std::stoi(cidr.substr(slash + 1))));
}

int open_socket(const IpAddress& address, std::uint16_t port) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  std::memcpy(&sa.sin_addr, address.bytes().data(), 4);
  if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    std::perror("bind");
    std::exit(2);
  }
  return fd;
}

std::string hex(const SecureBytes& s) { return to_hex(s.view()); }

}  // namespace

int main(int argc, char** argv) {
  po::options_description options("ike_udp_peer");
  options.add_options()("local", po::value<std::string>()->required(), "our address")(
      "peer", po::value<std::string>()->required(), "the peer's address")(
      "psk", po::value<std::string>()->required(), "pre-shared key")(
      "mode", po::value<std::string>()->default_value("main"), "main | aggressive")(
      "ike", po::value<std::vector<std::string>>()->required(), "Phase 1 proposal(s)")(
      "esp", po::value<std::vector<std::string>>()->required(), "ESP proposal(s)")(
      "local-net", po::value<std::string>()->required(), "our protected range")(
      "remote-net", po::value<std::string>()->required(), "the peer's protected range")(
      "initiate", "start the negotiation")("print-keys", "print key material (tests only)")(
      "esp-send", "answer the peer's first ESP packet with one made with our outbound keys")(
      "exit-on", po::value<std::string>()->default_value(""), "exit 0 once this log line appears")(
      "duration", po::value<double>()->default_value(30), "exit 3 after this many seconds")(
      "retransmit-ms", po::value<std::uint64_t>()->default_value(4000), "first retransmit timeout")(
      "tries", po::value<int>()->default_value(5), "retransmits before giving up")(
      "dump-dir", po::value<std::string>()->default_value(""),
      "write every received ISAKMP message there (fuzzing seeds)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n" << options;
    return 2;
  }

  Rule rule;
  rule.number = 1;
  rule.local_address = *IpAddress::parse(vm["local"].as<std::string>());
  rule.peer_address = *IpAddress::parse(vm["peer"].as<std::string>());
  const std::string& psk = vm["psk"].as<std::string>();
  rule.pre_shared_key =
      SecureBytes(ByteView(reinterpret_cast<const std::uint8_t*>(psk.data()), psk.size()));
  rule.mode =
      vm["mode"].as<std::string>() == "aggressive" ? Phase1Mode::aggressive : Phase1Mode::main;
  for (const auto& text : vm["ike"].as<std::vector<std::string>>()) {
    auto suite = interop::parse_ike_proposal(text);
    if (!suite) return std::cerr << "bad --ike " << text << "\n", 2;
    suite->lifetime_seconds = 15840;
    rule.phase1_suites.push_back(*suite);
  }
  for (const auto& text : vm["esp"].as<std::vector<std::string>>()) {
    auto suite = interop::parse_esp_proposal(text);
    if (!suite) return std::cerr << "bad --esp " << text << "\n", 2;
    suite->lifetime_seconds = 3960;
    rule.phase2_suites.push_back(*suite);
  }
  rule.local_selector = parse_net(vm["local-net"].as<std::string>());
  rule.remote_selector = parse_net(vm["remote-net"].as<std::string>());
  bool print_keys = vm.count("print-keys") != 0;
  std::string exit_on = vm["exit-on"].as<std::string>();
  std::string dump_dir = vm["dump-dir"].as<std::string>();
  int dumped = 0;

  RuleTable policy({rule});
  OpensslRandomSource random;
  EngineSettings settings;
  settings.retransmit_timeout_ms = vm["retransmit-ms"].as<std::uint64_t>();
  settings.retransmit_tries = vm["tries"].as<int>();
  IkeEngine engine(policy, random, settings);

  int fd500 = open_socket(rule.local_address, 500);
  int fd4500 = open_socket(rule.local_address, 4500);
  auto start = std::chrono::steady_clock::now();
  auto now_ms = [&] {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::steady_clock::now() - start)
                                          .count());
  };
  std::optional<SaInstall> installed;
  std::uint32_t esp_seq = 1;

  auto send_udp = [&](const Datagram& d) {
    int fd = d.source.port == 4500 ? fd4500 : fd500;
    Bytes wire;
    if (d.destination.port == 4500) wire = {0, 0, 0, 0};  // non-ESP marker (RFC 3948 2.2)
    append(wire, d.payload);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(d.destination.port);
    std::memcpy(&to.sin_addr, d.destination.address.bytes().data(), 4);
    return sendto(fd, wire.data(), wire.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) ==
           static_cast<ssize_t>(wire.size());
  };

  auto send_esp_probe = [&] {
    auto host = [](const TrafficSelector& ts) {
      if (ts.first == ts.last) return ts.first;
      Bytes b(ts.first.bytes().begin(), ts.first.bytes().end());
      b.back() = static_cast<std::uint8_t>(b.back() + 1);  // first host of the subnet
      return *IpAddress::from_bytes(b);
    };
    Bytes esp =
        interop::build_esp(installed->suite, installed->outbound, esp_seq++,
                           host(installed->local_selector), host(installed->remote_selector));
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(installed->remote.port);
    std::memcpy(&to.sin_addr, installed->remote.address.bytes().data(), 4);
    sendto(fd4500, esp.data(), esp.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    std::cout << "ESP-OUT sent spi=" << std::hex << installed->outbound.spi << std::dec
              << std::endl;
  };

  if (vm.count("initiate")) engine.initiate(1);
  double duration = vm["duration"].as<double>();
  for (;;) {
    while (auto out = engine.poll()) {
      if (auto* d = std::get_if<Datagram>(&*out)) {
        if (!send_udp(*d)) engine.send_failed(*d);
      } else if (auto* e = std::get_if<LogEvent>(&*out)) {
        std::string line = LogFormatter::message(*e);
        std::cout << "LOG " << line << std::endl;
        if (print_keys && e->message == LogMessage::phase1_done) {
          const IkeSa* sa = engine.ike_sa(1);
          std::cout << "PHASE1KEYS skeyid=" << hex(sa->keymat->skeyid())
                    << " skeyid_d=" << hex(sa->keymat->skeyid_d())
                    << " skeyid_a=" << hex(sa->keymat->skeyid_a())
                    << " skeyid_e=" << hex(sa->keymat->skeyid_e())
                    << " ka=" << hex(sa->keymat->encryption_key()) << std::endl;
        }
        if (!exit_on.empty() && line == exit_on) return 0;
      } else if (auto* i = std::get_if<SaInstall>(&*out)) {
        std::printf("INSTALL in=%08x out=%08x udp=%d tunnel=%d suite=%s local=%s remote=%s\n",
                    i->inbound.spi, i->outbound.spi, i->udp_encapsulated, i->tunnel_mode,
                    i->suite.describe().c_str(), i->local_selector.to_string().c_str(),
                    i->remote_selector.to_string().c_str());
        if (print_keys) {
          std::cout << "KEYS in_enc=" << hex(i->inbound.encryption_key)
                    << " in_int=" << hex(i->inbound.integrity_key)
                    << " out_enc=" << hex(i->outbound.encryption_key)
                    << " out_int=" << hex(i->outbound.integrity_key) << std::endl;
        }
        std::fflush(stdout);
        installed = *i;
      } else if (auto* del = std::get_if<SaDelete>(&*out)) {
        std::printf("DELETE in=%08x out=%08x\n", del->inbound_spi, del->outbound_spi);
        std::fflush(stdout);
      }
    }
    if (static_cast<double>(now_ms()) > duration * 1000) return 3;
    pollfd fds[] = {{fd500, POLLIN, 0}, {fd4500, POLLIN, 0}};
    if (poll(fds, 2, 50) > 0) {
      for (const auto& p : fds) {
        if (!(p.revents & POLLIN)) continue;
        std::uint8_t buffer[65536];
        sockaddr_in from{};
        socklen_t from_len = sizeof from;
        ssize_t n =
            recvfrom(p.fd, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &from_len);
        if (n <= 0) continue;
        ByteView data(buffer, static_cast<std::size_t>(n));
        std::uint16_t local_port = p.fd == fd4500 ? 4500 : 500;
        if (local_port == 4500) {
          if (n == 1 && buffer[0] == 0xff) continue;  // NAT keepalive
          if (n >= 4 && buffer[0] == 0 && buffer[1] == 0 && buffer[2] == 0 && buffer[3] == 0) {
            data = data.subspan(4);
          } else {
            if (installed) {
              auto check = interop::verify_esp(installed->suite, installed->inbound, data);
              std::cout << "ESP-IN " << (check.ok ? "ok " : "bad ") << check.detail << std::endl;
              // Answer the peer's first packet: by now it has installed its SA.
              if (check.ok && vm.count("esp-send") && esp_seq == 1) send_esp_probe();
            }
            continue;
          }
        }
        if (!dump_dir.empty()) {
          std::string path = dump_dir + "/received-" + std::to_string(dumped++) + ".isakmp";
          if (FILE* f = std::fopen(path.c_str(), "wb")) {
            std::fwrite(data.data(), 1, data.size(), f);
            std::fclose(f);
          }
        }
        Datagram d;
        d.source.address =
            *IpAddress::from_bytes(ByteView(reinterpret_cast<std::uint8_t*>(&from.sin_addr), 4));
        d.source.port = ntohs(from.sin_port);
        d.destination = {rule.local_address, local_port};
        d.payload.assign(data.begin(), data.end());
        engine.receive(d);
      }
    }
    engine.tick(now_ms());
  }
}
