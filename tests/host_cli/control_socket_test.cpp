// host/control: the server and client over a real unix socket: answers,
// bad requests that never stop the server, the socket file's mode, stale and
// live sockets, removal on stop, no gateway running.
#define BOOST_TEST_MODULE host_cli_control_socket
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstring>
#include <thread>

#include "host/control/control_client.hpp"
#include "host/control/control_server.hpp"
#include "test_support.hpp"

using namespace ipsec_fpga::host;
using namespace std::chrono_literals;

namespace {

using test::contains;
using test::sample_handler;

// A raw client: send bytes, read one line.
class RawClient {
 public:
  explicit RawClient(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    BOOST_REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawClient() { ::close(fd_); }
  void send(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      BOOST_REQUIRE(n > 0);
      done += static_cast<std::size_t>(n);
    }
  }
  std::string line() {
    while (true) {
      auto nl = buffer_.find('\n');
      if (nl != std::string::npos) {
        std::string l = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return l;
      }
      char b[4096];
      ssize_t n = ::recv(fd_, b, sizeof b, 0);
      if (n <= 0) return "<closed>";
      buffer_.append(b, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(status_and_sa_through_the_socket) {
  test::TempDir dir;
  const std::string path = dir.file("control.sock");
  ControlServer server(path, sample_handler());
  server.start();
  BOOST_TEST((query_status(path) == test::sample_status()));
  BOOST_TEST((query_sa_table(path) == test::sample_sa_rows()));
  BOOST_TEST(control_socket_listening(path));
  BOOST_TEST(server.requests_served() == 2u);
}

BOOST_AUTO_TEST_CASE(socket_file_is_0600_and_removed_on_stop) {
  test::TempDir dir;
  const std::string path = dir.file("sub/dir/control.sock");  // directories created
  {
    ControlServer server(path, sample_handler());
    server.start();
    struct stat st {};
    BOOST_REQUIRE(::lstat(path.c_str(), &st) == 0);
    BOOST_TEST(S_ISSOCK(st.st_mode));
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    server.stop();
    BOOST_TEST(!std::filesystem::exists(path));
    server.stop();  // twice is fine
  }
  BOOST_CHECK_EXCEPTION(query_status(path), GatewayNotRunning, [](const GatewayNotRunning& e) {
    return contains(e.what(), "no gateway is running: nothing listens on");
  });
}

BOOST_AUTO_TEST_CASE(bad_requests_get_errors_and_the_server_goes_on) {
  test::TempDir dir;
  const std::string path = dir.file("c.sock");
  ControlServer server(path, sample_handler());
  server.start();
  RawClient c(path);
  c.send("not json\n");
  BOOST_TEST(contains(c.line(), R"("ok":false,"error":"request is not JSON)"));
  c.send("{\"command\":\"reboot\"}\r\n");
  BOOST_TEST(contains(c.line(), "unknown command \\\"reboot\\\""));
  c.send("\n\n");  // empty lines are skipped, not answered
  c.send(std::string(max_control_line + 10, 'x') + "\n");
  BOOST_TEST(contains(c.line(), "request longer than 65536 bytes"));
  // Several requests in one write, then one split across writes.
  c.send("{\"command\":\"ping\"}\n{\"command\":\"sa\"}\n{\"comm");
  BOOST_TEST(contains(c.line(), R"("command":"ping")"));
  BOOST_TEST(decode_sa_answer(c.line()).size() == 2u);
  c.send("and\":\"status\"}\n");
  BOOST_TEST((decode_status_answer(c.line()) == test::sample_status()));
  BOOST_TEST(server.bad_requests() == 3u);
  // A client that disconnects mid-line does not disturb the next one.
  {
    RawClient gone(path);
    gone.send("{\"command\":");
  }
  BOOST_TEST((query_status(path) == test::sample_status()));
}

BOOST_AUTO_TEST_CASE(handler_exceptions_are_answers) {
  test::TempDir dir;
  const std::string path = dir.file("c.sock");
  ControlHandler h = sample_handler();
  h.status = []() -> GatewayStatus { throw std::runtime_error("board gone"); };
  ControlServer server(path, h);
  server.start();
  BOOST_CHECK_EXCEPTION(query_status(path), ControlProtocolError,
                        [](const ControlProtocolError& e) {
                          return std::string(e.what()) == "status failed: board gone";
                        });
  BOOST_TEST(query_sa_table(path).size() == 2u);
}

BOOST_AUTO_TEST_CASE(stale_socket_is_replaced_live_one_is_not) {
  test::TempDir dir;
  const std::string path = dir.file("c.sock");
  // A stale socket: bound, then its owner went away without unlinking.
  {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    ::close(fd);
  }
  BOOST_REQUIRE(std::filesystem::exists(path));
  BOOST_CHECK_EXCEPTION(query_status(path), GatewayNotRunning,
                        [](const GatewayNotRunning&) { return true; });
  ControlServer first(path, sample_handler());
  BOOST_CHECK_NO_THROW(first.start());
  BOOST_TEST((query_status(path) == test::sample_status()));

  ControlServer second(path, sample_handler());
  BOOST_CHECK_EXCEPTION(second.start(), ControlSocketError, [&](const ControlSocketError& e) {
    return contains(e.what(), "control socket " + path + ": another gateway is listening there");
  });
  second.stop();  // must not remove the first one's socket
  BOOST_TEST((query_status(path) == test::sample_status()));
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_socket_is_never_replaced) {
  test::TempDir dir;
  const std::string path = dir.write("c.sock", "precious");
  ControlServer server(path, sample_handler());
  BOOST_CHECK_EXCEPTION(server.start(), ControlSocketError, [](const ControlSocketError& e) {
    return contains(e.what(), "exists and is not a socket");
  });
  BOOST_TEST(std::filesystem::file_size(path) == 8u);
}

BOOST_AUTO_TEST_CASE(path_too_long) {
  ControlServer server("/tmp/" + std::string(120, 'x'), sample_handler());
  BOOST_CHECK_EXCEPTION(server.start(), ControlSocketError, [](const ControlSocketError& e) {
    return contains(e.what(), "path longer than 107 bytes");
  });
}

BOOST_AUTO_TEST_CASE(idle_clients_are_closed_and_too_many_refused) {
  test::TempDir dir;
  const std::string path = dir.file("c.sock");
  ControlServerOptions options;
  options.max_clients = 2;
  options.idle_timeout = 300ms;
  ControlServer server(path, sample_handler(), options);
  server.start();
  RawClient a(path), b(path);
  std::this_thread::sleep_for(100ms);
  RawClient c(path);
  BOOST_TEST(contains(c.line(), "too many control connections"));
  BOOST_TEST(a.line() == "<closed>");  // after the idle timeout
  BOOST_TEST((query_status(path) == test::sample_status()));
}

BOOST_AUTO_TEST_CASE(many_clients_at_once) {
  test::TempDir dir;
  const std::string path = dir.file("c.sock");
  ControlServer server(path, sample_handler());
  server.start();
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i)
        if (query_sa_table(path).size() == 2u) ++good;
    });
  for (auto& t : threads) t.join();
  BOOST_TEST(good.load() == 200);
}
