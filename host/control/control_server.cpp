#include "host/control/control_server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "host/control/unix_socket.hpp"

namespace ipsec_fpga::host {
namespace {

using Clock = std::chrono::steady_clock;

struct Client {
  int fd = -1;
  std::string input;
  Clock::time_point last_activity;
  bool discard_line = false;  // the current line was too long: skip to its end
};

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw ControlSocketError("control socket " + path.string() + ": " + what);
}

// Writes all of `data` within `timeout`; false if the client does not take it.
bool send_all(int fd, std::string_view data, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd, POLLOUT, 0};
      ::poll(&p, 1, static_cast<int>(left.count()));
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace

ControlServer::ControlServer(std::filesystem::path path, ControlHandler handler,
                             ControlServerOptions options)
    : path_(std::move(path)), handler_(std::move(handler)), options_(options) {}

ControlServer::~ControlServer() { stop(); }

void ControlServer::start() {
  if (thread_.joinable()) return;
  sockaddr_un address = detail::unix_address(path_);

  std::error_code ec;
  auto parent = path_.parent_path();
  if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
    std::filesystem::create_directories(parent, ec);
    if (ec) fail(path_, "cannot create its directory: " + ec.message());
    ::chmod(parent.c_str(), 0755);
  }

  // Something already there: replace it only if it is a dead socket.
  struct stat st {};
  if (::lstat(path_.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) fail(path_, "exists and is not a socket; not replacing it");
    int probe = detail::connect_unix(path_);
    if (probe >= 0) {
      ::close(probe);
      fail(path_, "another gateway is listening there");
    }
    if (errno != ECONNREFUSED)
      fail(path_, "exists and cannot be probed: " + detail::errno_text(errno));
    if (::unlink(path_.c_str()) != 0 && errno != ENOENT)
      fail(path_, "cannot remove the stale socket: " + detail::errno_text(errno));
  }

  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) fail(path_, "socket: " + detail::errno_text(errno));
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    int error = errno;
    ::close(fd);
    fail(path_, "bind: " + detail::errno_text(error));
  }
  // Nobody can connect before listen(): narrow the mode first.
  if (::chmod(path_.c_str(), 0600) != 0 || ::listen(fd, 16) != 0) {
    int error = errno;
    ::close(fd);
    ::unlink(path_.c_str());
    fail(path_, detail::errno_text(error));
  }
  if (::lstat(path_.c_str(), &st) == 0) {
    socket_dev_ = st.st_dev;
    socket_ino_ = st.st_ino;
  }
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) {
    int error = errno;
    ::close(fd);
    ::unlink(path_.c_str());
    fail(path_, "eventfd: " + detail::errno_text(error));
  }
  listen_fd_ = fd;
  thread_ = std::thread([this] { serve(); });
}

void ControlServer::stop() {
  if (thread_.joinable()) {
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
    thread_.join();
  }
  if (listen_fd_ >= 0) {
    struct stat st {};
    if (::lstat(path_.c_str(), &st) == 0 && st.st_dev == socket_dev_ && st.st_ino == socket_ino_)
      ::unlink(path_.c_str());
    ::close(listen_fd_);
    listen_fd_ = -1;
  }
  if (wake_fd_ >= 0) {
    ::close(wake_fd_);
    wake_fd_ = -1;
  }
}

void ControlServer::serve() {
  std::vector<Client> clients;
  auto drop = [&](std::size_t i) {
    ::close(clients[i].fd);
    clients.erase(clients.begin() + static_cast<std::ptrdiff_t>(i));
  };
  while (true) {
    std::vector<pollfd> fds;
    fds.push_back({wake_fd_, POLLIN, 0});
    fds.push_back({listen_fd_, POLLIN, 0});
    for (const auto& c : clients) fds.push_back({c.fd, POLLIN, 0});
    int timeout_ms = clients.empty() ? -1 : 500;
    int n = ::poll(fds.data(), fds.size(), timeout_ms);
    if (n < 0 && errno != EINTR) break;
    if (fds[0].revents & POLLIN) break;
    auto now = Clock::now();

    if (fds[1].revents & POLLIN) {
      while (true) {
        int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) break;
        if (clients.size() >= options_.max_clients) {
          send_all(fd, encode_error("too many control connections") + "\n",
                   std::chrono::milliseconds(100));
          ::close(fd);
          continue;
        }
        clients.push_back(Client{fd, {}, now, false});
      }
    }

    // Read what each client sent (index from the back: drops keep order).
    for (std::size_t k = clients.size(); k-- > 0;) {
      std::size_t slot = 2 + k;
      if (slot >= fds.size() || fds[slot].fd != clients[k].fd) continue;  // accepted just now
      Client& c = clients[k];
      if (!(fds[slot].revents & (POLLIN | POLLHUP | POLLERR))) {
        if (now - c.last_activity > options_.idle_timeout) drop(k);
        continue;
      }
      char buffer[4096];
      ssize_t got = ::recv(c.fd, buffer, sizeof buffer, 0);
      if (got <= 0) {
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        drop(k);
        continue;
      }
      c.last_activity = now;
      bool keep = true;
      for (ssize_t i = 0; i < got && keep; ++i) {
        char ch = buffer[i];
        if (ch != '\n') {
          if (c.discard_line) continue;
          if (c.input.size() >= max_control_line) {
            ++bad_requests_;
            keep = send_all(
                c.fd,
                encode_error("request longer than " + std::to_string(max_control_line) + " bytes") +
                    "\n",
                options_.send_timeout);
            c.input.clear();
            c.discard_line = true;
            continue;
          }
          c.input += ch;
          continue;
        }
        if (c.discard_line) {
          c.discard_line = false;
          continue;
        }
        std::string line = std::move(c.input);
        c.input.clear();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        std::string answer = handle_control_line(line, handler_);
        ++requests_;
        if (answer.rfind("{\"ok\":false", 0) == 0) ++bad_requests_;
        keep = send_all(c.fd, answer + "\n", options_.send_timeout);
      }
      if (!keep) drop(k);
    }
  }
  for (auto& c : clients) ::close(c.fd);
}

}  // namespace ipsec_fpga::host
