// The gateway's end of the control socket: a unix stream socket served by
// one thread (poll over the listening socket and up to max_clients
// connections). Each line a client sends is one request (control_protocol.hpp),
// answered with one line. A bad request gets an error answer; a request line
// over max_control_line bytes, a client idle for idle_timeout or one that
// does not read its answer within send_timeout is disconnected. Nothing a
// client does stops the server or the gateway.
//
// The socket file is created mode 0600 (chmod between bind and listen, so no
// one connects before); its directory is created 0755 if missing. A file
// already at the path is replaced only if it is a socket nobody listens on
// (a crashed gateway's); if a server answers there, start() throws. stop()
// removes the file if it is still ours.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

#include "host/control/control_protocol.hpp"

namespace ipsec_fpga::host {

inline constexpr const char* default_control_socket = "/run/ipsec-fpga/control.sock";

class ControlSocketError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ControlServerOptions {
  std::size_t max_clients = 16;
  std::chrono::milliseconds idle_timeout{10000};
  std::chrono::milliseconds send_timeout{2000};
};

class ControlServer {
 public:
  ControlServer(std::filesystem::path path, ControlHandler handler,
                ControlServerOptions options = {});
  ~ControlServer();  // stop()
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Binds, listens and starts the thread. Throws ControlSocketError naming
  // the path and the reason (another gateway listens there, not a socket,
  // permission, path too long).
  void start();
  // Ends the thread, closes every connection, removes the socket file.
  void stop();

  const std::filesystem::path& path() const { return path_; }
  std::uint64_t requests_served() const { return requests_; }
  std::uint64_t bad_requests() const { return bad_requests_; }

 private:
  void serve();

  std::filesystem::path path_;
  ControlHandler handler_;
  ControlServerOptions options_;
  int listen_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: stop() wakes the thread
  dev_t socket_dev_ = 0;
  ino_t socket_ino_ = 0;
  std::thread thread_;
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<std::uint64_t> bad_requests_{0};
};

}  // namespace ipsec_fpga::host
