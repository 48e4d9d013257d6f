// The control socket's protocol (docs/cli.md, "Control protocol"): a client
// writes one JSON object per line, the gateway answers each with one JSON
// object on one line.
//   -> {"command":"status"}
//   <- {"ok":true,"command":"status","status":{...GatewayStatus...}}
//   -> {"command":"sa"}
//   <- {"ok":true,"command":"sa","sa":[{...SaRow...},...]}
//   -> {"command":"ping"}       <- {"ok":true,"command":"ping","version":"0.1.0","pid":123}
//   -> anything else            <- {"ok":false,"error":"<what was wrong>"}
// Field names are the struct members' names (gateway_status.hpp); an
// unknown field in an answer is ignored (newer gateway, older CLI), a
// missing one is an error naming it. Nothing here ever carries a key.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "host/control/gateway_status.hpp"
#include "host/json/json.hpp"

namespace ipsec_fpga::host {

inline constexpr std::size_t max_control_line = 64 * 1024;  // request bytes, newline excluded

// A malformed request or answer; the message names what was wrong.
class ControlProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ControlCommand { status, sa, ping };
std::string_view to_string(ControlCommand command);

struct ControlRequest {
  ControlCommand command = ControlCommand::ping;
};

// One line, without the newline.
std::string encode_request(const ControlRequest& request);
// Throws ControlProtocolError: not JSON, not an object, no "command", a
// command that is not a string or not known, an unknown member.
ControlRequest decode_request(std::string_view line);

// What the server asks of the gateway. Each may throw; the error becomes
// the answer's "error".
struct ControlHandler {
  std::function<GatewayStatus()> status;
  std::function<std::vector<SaRow>()> sa_table;
};

// Serves one request line: never throws; the answer line has no newline.
std::string handle_control_line(std::string_view line, const ControlHandler& handler);
std::string encode_error(std::string_view message);

// JSON forms of the structs and back. The decoders throw ControlProtocolError
// naming the member ("status.rules[1].state: expected string, got number").
Json to_json(const GatewayStatus& status);
Json to_json(const SaRow& row);
GatewayStatus status_from_json(const Json& json);
SaRow sa_row_from_json(const Json& json);

// A client's view of an answer line: the payload for `expected`, or
// ControlProtocolError with the gateway's error message (ok:false) or what
// was malformed.
GatewayStatus decode_status_answer(std::string_view line);
std::vector<SaRow> decode_sa_answer(std::string_view line);
Json decode_answer(std::string_view line, ControlCommand expected);  // the whole answer object

}  // namespace ipsec_fpga::host
