// ipsec-fpga-traffic: the lab's verified TCP transfer as a tool, for trying a
// tunnel by hand (run each end in its namespace with `ip netns exec`):
//   ipsec-fpga-traffic serve --listen 203.0.113.1 [--port 5001] [--expect N] [--send M] [--seed S]
//   ipsec-fpga-traffic send --to 203.0.113.1 [--bind 198.51.100.1] [--bytes N] [--expect M]
// The client -> server stream is SHA-256 blocks of seed S, server -> client of
// S + 1; each side checks what it receives byte for byte. Exit 0: intact.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstring>
#include <iostream>
#include <string>

#include "host/lab/traffic.hpp"

namespace po = boost::program_options;
namespace lab = ipsec_fpga::host::lab;

namespace {

sockaddr_in address(const std::string& ip, std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  if (::inet_pton(AF_INET, ip.c_str(), &a.sin_addr) != 1)
    throw std::invalid_argument("not an IPv4 address: '" + ip + "'");
  return a;
}

int report(const lab::EndpointResult& r) {
  std::cout << "sent " << r.sent << " bytes; received " << r.received.received << "/"
            << r.received.expected << " bytes, " << (r.received.intact ? "intact" : "NOT intact");
  if (!r.received.intact && r.received.first_difference < r.received.received)
    std::cout << " (first difference at byte " << r.received.first_difference << ")";
  if (r.received.expected > 0)
    std::cout << ", sha256 " << r.received.sha256_received << ", "
              << (r.received.seconds > 0
                      ? static_cast<std::uint64_t>(static_cast<double>(r.received.received) /
                                                   r.received.seconds / 1000.0)
                      : 0)
              << " kB/s";
  if (!r.error.empty()) std::cout << "; error: " << r.error;
  std::cout << std::endl;
  return r.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char* argv[]) {
  if (argc < 2 || (std::string(argv[1]) != "serve" && std::string(argv[1]) != "send")) {
    std::cerr << "usage: ipsec-fpga-traffic serve|send [options] (--help)\n";
    return 2;
  }
  const bool serve = std::string(argv[1]) == "serve";
  std::string listen, to, bind;
  unsigned port = 5001, timeout_s = 120;
  std::uint64_t bytes = 0, expect = 0, seed = 1;
  po::options_description d(serve ? "ipsec-fpga-traffic serve" : "ipsec-fpga-traffic send");
  d.add_options()("help,h", "this help")("port", po::value(&port)->default_value(port), "TCP port")(
      "seed", po::value(&seed)->default_value(seed), "stream seed")(
      "expect", po::value(&expect)->default_value(expect), "bytes to receive and check")(
      "timeout", po::value(&timeout_s)->default_value(timeout_s), "seconds");
  if (serve)
    d.add_options()("listen", po::value(&listen)->required(), "address to listen on")(
        "send", po::value(&bytes)->default_value(bytes), "bytes to send to the client");
  else
    d.add_options()("to", po::value(&to)->required(), "server address")(
        "bind", po::value(&bind), "source address (a protected address)")(
        "bytes", po::value(&bytes)->default_value(bytes), "bytes to send to the server");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc - 1, argv + 1, d), vm);
    if (vm.count("help")) {
      std::cout << d;
      return 0;
    }
    po::notify(vm);
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    const auto timeout = std::chrono::seconds{timeout_s};
    if (serve) {
      const int one = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      const sockaddr_in a = address(listen, static_cast<std::uint16_t>(port));
      if (::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 1) != 0)
        throw std::runtime_error("listen on " + listen + ": " + std::strerror(errno));
      const int c = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) throw std::runtime_error(std::string("accept: ") + std::strerror(errno));
      const int status = report(lab::run_endpoint(c, bytes, seed + 1, expect, seed, timeout));
      ::close(c);
      ::close(fd);
      return status;
    }
    if (!bind.empty()) {
      const sockaddr_in b = address(bind, 0);
      if (::bind(fd, reinterpret_cast<const sockaddr*>(&b), sizeof b) != 0)
        throw std::runtime_error("bind " + bind + ": " + std::strerror(errno));
    }
    const sockaddr_in a = address(to, static_cast<std::uint16_t>(port));
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0)
      throw std::runtime_error("connect to " + to + ": " + std::strerror(errno));
    const int status = report(lab::run_endpoint(fd, bytes, seed, expect, seed + 1, timeout));
    ::close(fd);
    return status;
  } catch (const std::exception& e) {
    std::cerr << "ipsec-fpga-traffic: " << e.what() << "\n";
    return 2;
  }
}
