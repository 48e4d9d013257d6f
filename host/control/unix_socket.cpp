#include "host/control/unix_socket.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "host/control/control_server.hpp"

namespace ipsec_fpga::host::detail {

sockaddr_un unix_address(const std::filesystem::path& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string& s = path.native();
  if (s.empty()) throw ControlSocketError("control socket: empty path");
  if (s.size() >= sizeof address.sun_path)
    throw ControlSocketError("control socket " + s + ": path longer than " +
                             std::to_string(sizeof address.sun_path - 1) + " bytes");
  std::memcpy(address.sun_path, s.c_str(), s.size() + 1);
  return address;
}

std::string errno_text(int error) { return std::strerror(error); }

int connect_unix(const std::filesystem::path& path) {
  sockaddr_un address = unix_address(path);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    int error = errno;
    ::close(fd);
    errno = error;
    return -1;
  }
  return fd;
}

}  // namespace ipsec_fpga::host::detail
