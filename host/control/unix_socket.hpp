// Small helpers shared by the control server and client (not installed).
#pragma once

#include <sys/un.h>

#include <filesystem>
#include <string>

namespace ipsec_fpga::host::detail {

// sockaddr_un for `path`; throws ControlSocketError if the path does not fit.
sockaddr_un unix_address(const std::filesystem::path& path);
std::string errno_text(int error);

// A connected (blocking) unix stream socket, or -1 with errno set.
int connect_unix(const std::filesystem::path& path);

}  // namespace ipsec_fpga::host::detail
