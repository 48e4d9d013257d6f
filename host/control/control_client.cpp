#include "host/control/control_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "host/control/unix_socket.hpp"

namespace ipsec_fpga::host {
namespace {

using Clock = std::chrono::steady_clock;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

int wait_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

std::string control_call(const std::filesystem::path& socket, const std::string& request_line,
                         std::chrono::milliseconds timeout) {
  const std::string where = socket.string();
  int raw = detail::connect_unix(socket);
  if (raw < 0) {
    int error = errno;
    if (error == ENOENT || error == ECONNREFUSED || error == ENOTDIR)
      throw GatewayNotRunning("no gateway is running: nothing listens on " + where +
                              " (start one with `ipsec-fpga run`, or name its socket with "
                              "--control-socket)");
    if (error == EACCES || error == EPERM)
      throw std::runtime_error("control socket " + where +
                               ": permission denied (the socket is the gateway user's only; "
                               "run as root?)");
    throw std::runtime_error("control socket " + where + ": " + detail::errno_text(error));
  }
  Fd fd(raw);
  auto deadline = Clock::now() + timeout;

  std::string out = request_line + "\n";
  std::string_view rest = out;
  while (!rest.empty()) {
    pollfd p{fd.get(), POLLOUT, 0};
    if (::poll(&p, 1, wait_ms(deadline)) <= 0)
      throw std::runtime_error("control socket " + where +
                               ": the gateway did not take the request");
    ssize_t n = ::send(fd.get(), rest.data(), rest.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      throw std::runtime_error("control socket " + where + ": " + detail::errno_text(errno));
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }

  std::string answer;
  while (true) {
    auto newline = answer.find('\n');
    if (newline != std::string::npos) {
      answer.resize(newline);
      return answer;
    }
    pollfd p{fd.get(), POLLIN, 0};
    int ready = ::poll(&p, 1, wait_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0)
      throw std::runtime_error("control socket " + where + ": no answer within " +
                               std::to_string(timeout.count()) + " ms");
    char buffer[8192];
    ssize_t n = ::recv(fd.get(), buffer, sizeof buffer, MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      throw std::runtime_error("control socket " + where + ": " + detail::errno_text(errno));
    }
    if (n == 0)
      throw std::runtime_error("control socket " + where +
                               ": the gateway closed the connection before answering");
    answer.append(buffer, static_cast<std::size_t>(n));
    if (answer.size() > 64 * 1024 * 1024)
      throw std::runtime_error("control socket " + where + ": answer too long");
  }
}

GatewayStatus query_status(const std::filesystem::path& socket, std::chrono::milliseconds timeout) {
  return decode_status_answer(
      control_call(socket, encode_request({ControlCommand::status}), timeout));
}

std::vector<SaRow> query_sa_table(const std::filesystem::path& socket,
                                  std::chrono::milliseconds timeout) {
  return decode_sa_answer(control_call(socket, encode_request({ControlCommand::sa}), timeout));
}

bool control_socket_listening(const std::filesystem::path& socket) {
  int fd = -1;
  try {
    fd = detail::connect_unix(socket);
  } catch (const std::exception&) {
    return false;
  }
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

}  // namespace ipsec_fpga::host
