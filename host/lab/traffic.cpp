#include "host/lab/traffic.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/evp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "host/lab/netns.hpp"
#include "host/lab/process.hpp"

namespace ipsec_fpga::host::lab {
namespace {

using Clock = std::chrono::steady_clock;

std::string hex(const std::uint8_t* p, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += digits[p[i] >> 4];
    s += digits[p[i] & 15];
  }
  return s;
}

struct Sha256 {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
  Sha256() { EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr); }
  void add(const std::uint8_t* p, std::size_t n) { EVP_DigestUpdate(ctx.get(), p, n); }
  std::string hex_digest() {
    std::uint8_t d[32];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), d, &len);
    return hex(d, len);
  }
};

sockaddr_in make_address(const std::string& ip, std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  if (::inet_pton(AF_INET, ip.c_str(), &a.sin_addr) != 1)
    throw std::invalid_argument("not an IPv4 address: " + ip);
  return a;
}

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

struct Fd {
  int fd = -1;
  explicit Fd(int f = -1) : fd(f) {}
  Fd(Fd&& o) noexcept : fd(std::exchange(o.fd, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (fd >= 0) ::close(fd);
    fd = std::exchange(o.fd, -1);
    return *this;
  }
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// One end of the connection: sends `send_bytes` of stream `send_seed` and
// checks `recv_bytes` of stream `recv_seed`, both at once (poll).
void pump(int fd, std::uint64_t send_bytes, std::uint64_t send_seed, std::uint64_t recv_bytes,
          std::uint64_t recv_seed, Clock::time_point deadline, DirectionResult& received,
          Clock::time_point& last_received, const std::atomic<bool>* cancel) {
  SeededStream out(send_seed), expect(recv_seed);
  Sha256 got_hash;
  std::vector<std::uint8_t> send_buf(16384), recv_buf(16384), want(16384);
  std::size_t send_len = 0, send_off = 0;
  std::uint64_t sent = 0;
  bool shut = send_bytes == 0;
  if (shut) ::shutdown(fd, SHUT_WR);
  received.intact = true;
  while (sent < send_bytes || received.received < recv_bytes) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0)
      throw std::runtime_error("timed out after " + std::to_string(sent) + " bytes sent, " +
                               std::to_string(received.received) + " received");
    if (cancel != nullptr && cancel->load()) throw std::runtime_error("interrupted");
    pollfd p{fd, 0, 0};
    if (received.received < recv_bytes) p.events |= POLLIN;
    if (sent < send_bytes) p.events |= POLLOUT;
    const int n = ::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 500)));
    if (n < 0 && errno != EINTR) fail("poll");
    if (n <= 0) continue;
    if (p.revents & POLLIN) {
      const ssize_t got = ::recv(fd, recv_buf.data(), recv_buf.size(), 0);
      if (got < 0 && errno != EAGAIN && errno != EINTR) fail("recv");
      if (got == 0)
        throw std::runtime_error("connection closed by the other side after " +
                                 std::to_string(received.received) + " bytes");
      if (got > 0) {
        const std::size_t g = static_cast<std::size_t>(got);
        const std::size_t keep =
            static_cast<std::size_t>(std::min<std::uint64_t>(g, recv_bytes - received.received));
        expect.next(want.data(), keep);
        if (received.intact) {
          for (std::size_t i = 0; i < keep; ++i)
            if (want[i] != recv_buf[i]) {
              received.intact = false;
              received.first_difference = received.received + i;
              break;
            }
        }
        if (keep < g) received.intact = false;  // more than announced
        got_hash.add(recv_buf.data(), g);
        received.received += g;
        last_received = Clock::now();
      }
    }
    if ((p.revents & POLLOUT) && sent < send_bytes) {
      if (send_off == send_len) {
        send_len =
            static_cast<std::size_t>(std::min<std::uint64_t>(send_buf.size(), send_bytes - sent));
        out.next(send_buf.data(), send_len);
        send_off = 0;
      }
      const ssize_t put = ::send(fd, send_buf.data() + send_off, send_len - send_off, MSG_NOSIGNAL);
      if (put < 0 && errno != EAGAIN && errno != EINTR) fail("send");
      if (put > 0) {
        send_off += static_cast<std::size_t>(put);
        sent += static_cast<std::uint64_t>(put);
      }
      if (sent == send_bytes && !shut) {
        ::shutdown(fd, SHUT_WR);
        shut = true;
      }
    }
    if (p.revents & (POLLERR | POLLHUP) && !(p.revents & POLLIN))
      throw std::runtime_error("connection error after " + std::to_string(sent) + " bytes sent, " +
                               std::to_string(received.received) + " received");
  }
  received.sha256_received = got_hash.hex_digest();
  if (received.received != recv_bytes) received.intact = false;
}

}  // namespace

SeededStream::SeededStream(std::uint64_t seed) : seed_(seed) {}

void SeededStream::next(std::uint8_t* out, std::size_t n) {
  while (n > 0) {
    if (used_ == sizeof current_) {
      std::uint8_t input[16];
      for (int i = 0; i < 8; ++i) {
        input[i] = static_cast<std::uint8_t>(seed_ >> (8 * i));
        input[8 + i] = static_cast<std::uint8_t>(block_ >> (8 * i));
      }
      unsigned int len = 0;
      EVP_Digest(input, sizeof input, current_, &len, EVP_sha256(), nullptr);
      ++block_;
      used_ = 0;
    }
    const std::size_t take = std::min(n, sizeof current_ - used_);
    std::memcpy(out, current_ + used_, take);
    used_ += take;
    out += take;
    n -= take;
  }
}

std::string seeded_stream_sha256(std::uint64_t seed, std::uint64_t bytes) {
  SeededStream s(seed);
  Sha256 h;
  std::vector<std::uint8_t> buf(65536);
  while (bytes > 0) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(bytes, buf.size()));
    s.next(buf.data(), n);
    h.add(buf.data(), n);
    bytes -= n;
  }
  return h.hex_digest();
}

PingResult ping(const std::string& netns, const std::string& source, const std::string& destination,
                int count, std::chrono::milliseconds interval, const std::atomic<bool>* cancel) {
  std::ostringstream i;
  i << static_cast<double>(interval.count()) / 1000.0;
  const CommandResult r = run_command(
      {"ping", "-n", "-c", std::to_string(count), "-i", i.str(), "-W", "2", "-I", source,
       destination},
      std::chrono::milliseconds{interval * count} + std::chrono::seconds{10}, netns, cancel);
  PingResult result;
  result.output = r.output;
  std::smatch m;
  static const std::regex stats(R"((\d+) packets transmitted, (\d+) received)");
  if (std::regex_search(r.output, m, stats)) {
    result.sent = std::stoi(m[1]);
    result.received = std::stoi(m[2]);
  }
  return result;
}

std::string TransferResult::summary() const {
  auto one = [](const char* name, const DirectionResult& d) {
    std::ostringstream s;
    s << name << ": " << d.received << "/" << d.expected << " bytes";
    if (d.expected > 0) {
      s << (d.intact ? " intact" : " NOT intact");
      if (!d.intact && d.first_difference < d.received)
        s << " (first difference at byte " << d.first_difference << ")";
      if (d.seconds > 0)
        s << ", "
          << static_cast<std::uint64_t>(static_cast<double>(d.received) / d.seconds / 1000.0)
          << " kB/s";
    }
    return s.str();
  };
  std::string s = one("client->server", to_server) + "; " + one("server->client", to_client);
  if (!error.empty()) s += "; error: " + error;
  return s;
}

EndpointResult run_endpoint(int fd, std::uint64_t send_bytes, std::uint64_t send_seed,
                            std::uint64_t expect_bytes, std::uint64_t expect_seed,
                            std::chrono::milliseconds timeout) {
  EndpointResult r;
  r.received.expected = expect_bytes;
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  const auto start = Clock::now();
  Clock::time_point last = start;
  try {
    pump(fd, send_bytes, send_seed, expect_bytes, expect_seed, start + timeout, r.received, last,
         nullptr);
    r.sent = send_bytes;
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  r.received.seconds = std::chrono::duration<double>(last - start).count();
  r.received.sha256_expected = seeded_stream_sha256(expect_seed, expect_bytes);
  return r;
}

TransferResult tcp_transfer(const TransferOptions& o) {
  TransferResult result;
  result.to_server.expected = o.to_server_bytes;
  result.to_client.expected = o.to_client_bytes;
  const auto start = Clock::now();
  const auto deadline = start + o.timeout;
  Fd listener, client;
  try {
    in_netns(o.server_netns, [&] {
      listener = Fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
      if (listener.fd < 0) fail("socket");
      const int one = 1;
      ::setsockopt(listener.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      const sockaddr_in a = make_address(o.server_address, o.port);
      if (::bind(listener.fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0)
        fail("bind " + o.server_address + ":" + std::to_string(o.port));
      if (::listen(listener.fd, 1) != 0) fail("listen");
    });
    in_netns(o.client_netns, [&] {
      client = Fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
      if (client.fd < 0) fail("socket");
      const sockaddr_in a = make_address(o.client_address, 0);
      if (::bind(client.fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0)
        fail("bind " + o.client_address);
    });
  } catch (const std::exception& e) {
    result.error = e.what();
    return result;
  }
  ::fcntl(client.fd, F_SETFL, O_NONBLOCK);
  ::fcntl(listener.fd, F_SETFL, O_NONBLOCK);
  const sockaddr_in server = make_address(o.server_address, o.port);
  // Connect (SYNs may be lost while the tunnel settles: the kernel retries).
  if (::connect(client.fd, reinterpret_cast<const sockaddr*>(&server), sizeof server) != 0 &&
      errno != EINPROGRESS) {
    result.error = std::string("connect: ") + std::strerror(errno);
    return result;
  }
  Fd accepted;
  bool connected = false;
  while (!(connected && accepted.fd >= 0)) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      result.error = "timed out connecting to " + o.server_address;
      return result;
    }
    if (o.cancel != nullptr && o.cancel->load()) {
      result.error = "interrupted";
      return result;
    }
    pollfd p[2] = {{client.fd, POLLOUT, 0}, {listener.fd, POLLIN, 0}};
    if (::poll(p, 2, static_cast<int>(std::min<long>(left.count(), 500))) < 0 && errno != EINTR)
      break;
    if (!connected && (p[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(client.fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) {
        result.error = std::string("connect to ") + o.server_address + ": " + std::strerror(err);
        return result;
      }
      connected = true;
    }
    if (accepted.fd < 0 && (p[1].revents & POLLIN)) {
      accepted = Fd(::accept4(listener.fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    }
  }
  Clock::time_point server_last = start, client_last = start;
  std::string server_error, client_error;
  const auto data_start = Clock::now();
  std::thread server_side([&] {
    try {
      pump(accepted.fd, o.to_client_bytes, o.seed + 1, o.to_server_bytes, o.seed, deadline,
           result.to_server, server_last, o.cancel);
    } catch (const std::exception& e) {
      server_error = std::string("server: ") + e.what();
      ::shutdown(accepted.fd, SHUT_RDWR);  // the client sees it rather than waiting
    }
  });
  try {
    pump(client.fd, o.to_server_bytes, o.seed, o.to_client_bytes, o.seed + 1, deadline,
         result.to_client, client_last, o.cancel);
  } catch (const std::exception& e) {
    client_error = std::string("client: ") + e.what();
    ::shutdown(client.fd, SHUT_RDWR);
  }
  server_side.join();
  const auto seconds = [&](Clock::time_point t) {
    return std::chrono::duration<double>(t - data_start).count();
  };
  result.to_server.seconds = o.to_server_bytes ? seconds(server_last) : 0;
  result.to_client.seconds = o.to_client_bytes ? seconds(client_last) : 0;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.to_server.sha256_expected = seeded_stream_sha256(o.seed, o.to_server_bytes);
  result.to_client.sha256_expected = seeded_stream_sha256(o.seed + 1, o.to_client_bytes);
  if (!server_error.empty()) result.error = server_error;
  if (!client_error.empty()) result.error += (result.error.empty() ? "" : "; ") + client_error;
  return result;
}

}  // namespace ipsec_fpga::host::lab
