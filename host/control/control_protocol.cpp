#include "host/control/control_protocol.hpp"

#include <unistd.h>

#include <limits>
#include <type_traits>

namespace ipsec_fpga::host {
namespace {

std::string excerpt(std::string_view text) {
  return std::string(text.substr(0, 40)) + (text.size() > 40 ? "..." : "");
}

// --- One list of members per struct, used by both directions ---

// The structs that travel as JSON objects; S is the struct or a const one.
template <class S, class... Structs>
concept one_of = (std::is_same_v<std::remove_const_t<S>, Structs> || ...);
template <class S>
concept status_struct = one_of<S, BoardStatus, RuleStatus, DatapathCounters, GatewayStatus, SaRow>;

template <class V, class S>
requires one_of<S, BoardStatus>
void visit_members(V& v, S& b) {
  v("description", b.description);
  v("uri", b.uri);
  v("build_id", b.build_id);
  v("protocol_version", b.protocol_version);
  v("clock_hz", b.clock_hz);
  v("sa_entries", b.sa_entries);
  v("sa_entries_used", b.sa_entries_used);
  v("replay_window", b.replay_window);
  v("suites", b.suites);
  v("link_summary", b.link_summary);
}

template <class V, class S>
requires one_of<S, RuleStatus>
void visit_members(V& v, S& r) {
  v("index", r.index);
  v("name", r.name);
  v("active", r.active);
  v("state", r.state);
  v("local_address", r.local_address);
  v("peer_address", r.peer_address);
  v("local_network", r.local_network);
  v("remote_network", r.remote_network);
  v("key_management", r.key_management);
  v("encapsulation", r.encapsulation);
  v("ike_sa_state", r.ike_sa_state);
  v("ike_lifetime_left_s", r.ike_lifetime_left_s);
  v("ipsec_lifetime_left_s", r.ipsec_lifetime_left_s);
  v("packets_out", r.packets_out);
  v("bytes_out", r.bytes_out);
  v("packets_in", r.packets_in);
  v("bytes_in", r.bytes_in);
}

template <class V, class S>
requires one_of<S, DatapathCounters>
void visit_members(V& v, S& d) {
  v("tun_packets", d.tun_packets);
  v("tun_not_ipv4", d.tun_not_ipv4);
  v("no_rule", d.no_rule);
  v("needs_sa", d.needs_sa);
  v("wan_esp", d.wan_esp);
  v("outbound_ok", d.outbound_ok);
  v("inbound_ok", d.inbound_ok);
  v("inbound_unknown_rule", d.inbound_unknown_rule);
  v("inbound_policy_mismatch", d.inbound_policy_mismatch);
  v("tun_write_failed", d.tun_write_failed);
  v("wan_send_failed", d.wan_send_failed);
  v("submit_failed", d.submit_failed);
  v("outbound_errors", d.outbound_errors);
  v("inbound_errors", d.inbound_errors);
  v("last_error", d.last_error);
}

template <class V, class S>
requires one_of<S, GatewayStatus>
void visit_members(V& v, S& s) {
  v("version", s.version);
  v("config_file", s.config_file);
  v("tun_name", s.tun_name);
  v("wan_address", s.wan_address);
  v("pid", s.pid);
  v("uptime_s", s.uptime_s);
  v("reloads", s.reloads);
  v("board", s.board);
  v("rules", s.rules);
  v("datapath", s.datapath);
}

template <class V, class S>
requires one_of<S, SaRow>
void visit_members(V& v, S& a) {
  v("entry", a.entry);
  v("direction", a.direction);
  v("spi", a.spi);
  v("rule", a.rule);
  v("suite", a.suite);
  v("encapsulation", a.encapsulation);
  v("mode", a.mode);
  v("enabled", a.enabled);
  v("expired", a.expired);
  v("sequence", a.sequence);
  v("packets", a.packets);
  v("bytes", a.bytes);
  v("auth_errors", a.auth_errors);
  v("replay_errors", a.replay_errors);
  v("decrypt_errors", a.decrypt_errors);
  v("lifetime_used_s", a.lifetime_used_s);
  v("lifetime_limit_s", a.lifetime_limit_s);
  v("lifetime_used_kb", a.lifetime_used_kb);
  v("lifetime_limit_kb", a.lifetime_limit_kb);
}

// --- Encoding ---

struct Encoder {
  Json out = Json(Json::Object{});

  template <class T>
  void operator()(const char* name, const T& value) {
    out.set(name, encode(value));
  }

  static Json encode(const std::string& s) { return Json(s); }
  static Json encode(bool b) { return Json(b); }
  static Json encode(RuleState s) { return Json(to_string(s)); }
  template <class T>
  requires std::is_integral_v<T>
  static Json encode(T value) { return Json(value); }
  template <status_struct T>
  static Json encode(const T& s) {
    Encoder e;
    visit_members(e, s);
    return e.out;
  }
  template <class T>
  static Json encode(const std::vector<T>& items) {
    Json::Array array;
    for (const auto& item : items) array.push_back(encode(item));
    return Json(std::move(array));
  }
};

// --- Decoding ---

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw ControlProtocolError("malformed answer: " + path + ": " + what);
}

struct Decoder {
  const Json& in;
  std::string path;

  template <class T>
  void operator()(const char* name, T& value) {
    std::string here = path + "." + name;
    const Json* member = in.find(name);
    if (!member) bad(here, "missing");
    decode(*member, here, value);
  }

  static void check_object(const Json& json, const std::string& path) {
    if (!json.is_object()) bad(path, "expected object, got " + std::string(json.kind()));
  }

  static void decode(const Json& j, const std::string& path, std::string& out) {
    if (!j.is_string()) bad(path, "expected string, got " + std::string(j.kind()));
    out = j.as_string();
  }
  static void decode(const Json& j, const std::string& path, bool& out) {
    if (!j.is_bool()) bad(path, "expected boolean, got " + std::string(j.kind()));
    out = j.as_bool();
  }
  static void decode(const Json& j, const std::string& path, RuleState& out) {
    if (!j.is_string()) bad(path, "expected string, got " + std::string(j.kind()));
    if (!rule_state_from_string(j.as_string(), out))
      bad(path, "unknown rule state \"" + excerpt(j.as_string()) + "\"");
  }
  template <class T>
  requires std::is_integral_v<T>
  static void decode(const Json& j, const std::string& path, T& out) {
    if (!j.is_integer()) bad(path, "expected integer, got " + std::string(j.kind()));
    try {
      if constexpr (std::is_signed_v<T>) {
        std::int64_t v = j.as_int64();
        if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max())
          bad(path, "out of range");
        out = static_cast<T>(v);
      } else {
        std::uint64_t v = j.as_uint64();
        if (v > std::numeric_limits<T>::max()) bad(path, "out of range");
        out = static_cast<T>(v);
      }
    } catch (const JsonError& e) {
      bad(path, e.what());
    }
  }
  template <status_struct T>
  static void decode(const Json& j, const std::string& path, T& out) {
    check_object(j, path);
    Decoder d{j, path};
    visit_members(d, out);
  }
  template <class T>
  static void decode(const Json& j, const std::string& path, std::vector<T>& out) {
    if (!j.is_array()) bad(path, "expected array, got " + std::string(j.kind()));
    out.clear();
    const auto& items = j.as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      T item{};
      decode(items[i], path + "[" + std::to_string(i) + "]", item);
      out.push_back(std::move(item));
    }
  }
};

SaRow decode_sa_row(const Json& json, const std::string& path) {
  SaRow row;
  Decoder::decode(json, path, row);
  return row;
}

Json parse_line(std::string_view line, const char* what) {
  try {
    return parse_json(line);
  } catch (const JsonError& e) {
    throw ControlProtocolError(std::string(what) + " is not JSON: " + e.what());
  }
}

}  // namespace

std::string_view to_string(ControlCommand command) {
  switch (command) {
    case ControlCommand::status:
      return "status";
    case ControlCommand::sa:
      return "sa";
    case ControlCommand::ping:
      return "ping";
  }
  return "ping";
}

std::string encode_request(const ControlRequest& request) {
  Json json;
  json.set("command", Json(to_string(request.command)));
  return json.dump();
}

ControlRequest decode_request(std::string_view line) {
  if (line.size() > max_control_line)
    throw ControlProtocolError("request longer than " + std::to_string(max_control_line) +
                               " bytes");
  Json json = parse_line(line, "request");
  if (!json.is_object())
    throw ControlProtocolError("request must be a JSON object, got " + std::string(json.kind()));
  const Json* command = json.find("command");
  if (!command) throw ControlProtocolError("request has no \"command\"");
  if (!command->is_string())
    throw ControlProtocolError("\"command\" must be a string, got " + std::string(command->kind()));
  for (const auto& [key, value] : json.as_object())
    if (key != "command")
      throw ControlProtocolError("unknown request member \"" + excerpt(key) + "\"");
  for (ControlCommand c : {ControlCommand::status, ControlCommand::sa, ControlCommand::ping})
    if (to_string(c) == command->as_string()) return ControlRequest{c};
  throw ControlProtocolError("unknown command \"" + excerpt(command->as_string()) +
                             "\" (status, sa, ping)");
}

std::string encode_error(std::string_view message) {
  Json json;
  json.set("ok", Json(false));
  json.set("error", Json(message));
  return json.dump();
}

std::string handle_control_line(std::string_view line, const ControlHandler& handler) {
  ControlRequest request;
  try {
    request = decode_request(line);
  } catch (const ControlProtocolError& e) {
    return encode_error(e.what());
  }
  try {
    Json answer;
    answer.set("ok", Json(true));
    answer.set("command", Json(to_string(request.command)));
    switch (request.command) {
      case ControlCommand::status:
        if (!handler.status) return encode_error("status is not available");
        answer.set("status", to_json(handler.status()));
        break;
      case ControlCommand::sa: {
        if (!handler.sa_table) return encode_error("the SA table is not available");
        Json rows(Json::Array{});
        for (const auto& row : handler.sa_table()) rows.push_back(to_json(row));
        answer.set("sa", std::move(rows));
        break;
      }
      case ControlCommand::ping:
        answer.set("version", Json(IPSEC_FPGA_VERSION));
        answer.set("pid", Json(static_cast<std::int64_t>(::getpid())));
        break;
    }
    return answer.dump();
  } catch (const std::exception& e) {
    return encode_error(std::string(to_string(request.command)) + " failed: " + e.what());
  } catch (...) {
    return encode_error(std::string(to_string(request.command)) + " failed");
  }
}

Json to_json(const GatewayStatus& status) { return Encoder::encode(status); }

Json to_json(const SaRow& row) { return Encoder::encode(row); }

GatewayStatus status_from_json(const Json& json) {
  GatewayStatus status;
  Decoder::decode(json, "status", status);
  return status;
}

SaRow sa_row_from_json(const Json& json) { return decode_sa_row(json, "sa"); }

Json decode_answer(std::string_view line, ControlCommand expected) {
  Json json = parse_line(line, "answer");
  if (!json.is_object())
    throw ControlProtocolError("malformed answer: expected object, got " +
                               std::string(json.kind()));
  const Json* ok = json.find("ok");
  if (!ok || !ok->is_bool()) throw ControlProtocolError("malformed answer: no \"ok\"");
  if (!ok->as_bool()) {
    const Json* error = json.find("error");
    throw ControlProtocolError(error && error->is_string() ? error->as_string()
                                                           : "the gateway refused the request");
  }
  const Json* command = json.find("command");
  if (!command || !command->is_string() || command->as_string() != to_string(expected))
    throw ControlProtocolError("malformed answer: not an answer to \"" +
                               std::string(to_string(expected)) + "\"");
  return json;
}

GatewayStatus decode_status_answer(std::string_view line) {
  Json json = decode_answer(line, ControlCommand::status);
  const Json* status = json.find("status");
  if (!status) throw ControlProtocolError("malformed answer: status: missing");
  return status_from_json(*status);
}

std::vector<SaRow> decode_sa_answer(std::string_view line) {
  Json json = decode_answer(line, ControlCommand::sa);
  const Json* sa = json.find("sa");
  if (!sa) throw ControlProtocolError("malformed answer: sa: missing");
  if (!sa->is_array()) throw ControlProtocolError("malformed answer: sa: expected array");
  std::vector<SaRow> rows;
  const auto& items = sa->as_array();
  for (std::size_t i = 0; i < items.size(); ++i)
    rows.push_back(decode_sa_row(items[i], "sa[" + std::to_string(i) + "]"));
  return rows;
}

}  // namespace ipsec_fpga::host
