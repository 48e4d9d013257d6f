// The CLI's end of the control socket: connect, send one request line, read
// one answer line (control_protocol.hpp), with a deadline.
#pragma once

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "host/control/control_protocol.hpp"

namespace ipsec_fpga::host {

// No gateway to talk to: the message says so in words a user understands
// ("no gateway is running: nothing listens on /run/ipsec-fpga/control.sock").
class GatewayNotRunning : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Sends `request_line` (a newline is added) and returns the answer line
// without its newline. Throws GatewayNotRunning when there is no socket or
// nobody listens, std::runtime_error for other failures (permission, timeout,
// connection closed before an answer).
std::string control_call(const std::filesystem::path& socket, const std::string& request_line,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

// Requests and decodes; a gateway's error answer or a malformed one throws
// ControlProtocolError.
GatewayStatus query_status(const std::filesystem::path& socket,
                           std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
std::vector<SaRow> query_sa_table(
    const std::filesystem::path& socket,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

// True if a server accepts connections on `socket` (no request is sent).
bool control_socket_listening(const std::filesystem::path& socket);

}  // namespace ipsec_fpga::host
