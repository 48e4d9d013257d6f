#include "host/cli/views.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace ipsec_fpga::host {
namespace {

// Columns padded to their widest cell, two spaces apart; numbers right-aligned.
class Table {
 public:
  explicit Table(std::vector<std::string> header, std::vector<bool> right = {})
      : right_(std::move(right)) {
    rows_.push_back(std::move(header));
  }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string str(const std::string& indent = "") const {
    std::vector<std::size_t> width;
    for (const auto& row : rows_)
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (width.size() <= i) width.push_back(0);
        width[i] = std::max(width[i], row[i].size());
      }
    std::string out;
    for (const auto& row : rows_) {
      std::string line = indent;
      for (std::size_t i = 0; i < row.size(); ++i) {
        bool right = i < right_.size() && right_[i];
        std::string pad(width[i] - row[i].size(), ' ');
        line += right ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : "");
        if (i + 1 < row.size()) line += "  ";
      }
      out += line + "\n";
    }
    return out;
  }

 private:
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_;
};

std::string hex(std::uint32_t value, int digits) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*x", digits, value);
  return buffer;
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string lifetime(std::uint64_t used, std::uint64_t limit) {
  return std::to_string(used) + "/" + (limit == 0 ? std::string("-") : std::to_string(limit));
}

std::string mhz(std::uint32_t hz) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f MHz", hz / 1e6);
  return buffer;
}

}  // namespace

std::string format_duration(std::int64_t seconds) {
  if (seconds < 0) return "-";
  char buffer[48];
  std::int64_t days = seconds / 86400, rest = seconds % 86400;
  if (days > 0)
    std::snprintf(buffer, sizeof buffer, "%lldd %lld:%02lld:%02lld", static_cast<long long>(days),
                  static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60),
                  static_cast<long long>(rest % 60));
  else
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return buffer;
}

std::string format_status(const GatewayStatus& s) {
  std::ostringstream out;
  out << "Gateway: ipsec-fpga " << or_dash(s.version) << ", pid " << s.pid << ", up "
      << format_duration(s.uptime_s) << ", config " << or_dash(s.config_file) << ", reloads "
      << s.reloads << "\n";
  out << "WAN address: " << or_dash(s.wan_address) << ", TUN: " << or_dash(s.tun_name) << "\n";
  const auto& b = s.board;
  out << "Board: " << or_dash(b.uri) << " (" << or_dash(b.description) << "), BUILD_ID "
      << hex(b.build_id, 8) << ", protocol " << b.protocol_version << ", " << mhz(b.clock_hz)
      << "\n";
  out << "  SA table: " << b.sa_entries_used << " of " << b.sa_entries
      << " entries used, replay window " << b.replay_window << "\n";
  if (!b.suites.empty()) {
    out << "  Suites:";
    for (std::size_t i = 0; i < b.suites.size(); ++i) out << (i ? ", " : " ") << b.suites[i];
    out << "\n";
  }
  if (!b.link_summary.empty()) out << "  Link: " << b.link_summary << "\n";

  out << "\nRules:\n";
  if (s.rules.empty()) {
    out << "  (none configured)\n";
  } else {
    Table t({"#", "Name", "Active", "State", "Peer", "Local", "Remote", "Keys", "Mode", "IKE SA",
             "IKE left", "IPsec left", "Out pkts", "Out bytes", "In pkts", "In bytes"},
            {true, false, false, false, false, false, false, false, false, false, true, true, true,
             true, true, true});
    for (const auto& r : s.rules)
      t.add({std::to_string(r.index), or_dash(r.name), r.active ? "yes" : "no",
             std::string(to_string(r.state)), or_dash(r.peer_address), or_dash(r.local_network),
             or_dash(r.remote_network), or_dash(r.key_management), or_dash(r.encapsulation),
             or_dash(r.ike_sa_state), format_duration(r.ike_lifetime_left_s),
             format_duration(r.ipsec_lifetime_left_s), std::to_string(r.packets_out),
             std::to_string(r.bytes_out), std::to_string(r.packets_in),
             std::to_string(r.bytes_in)});
    out << t.str("  ");
  }

  const auto& d = s.datapath;
  out << "\nData path:\n";
  Table t({"Counter", "Value"}, {false, true});
  t.add({"TUN packets read", std::to_string(d.tun_packets)});
  t.add({"  not IPv4", std::to_string(d.tun_not_ipv4)});
  t.add({"  no rule (dropped)", std::to_string(d.no_rule)});
  t.add({"  rule without SA (dropped)", std::to_string(d.needs_sa)});
  t.add({"ESP packets received", std::to_string(d.wan_esp)});
  t.add({"Outbound ok", std::to_string(d.outbound_ok)});
  t.add({"Inbound ok", std::to_string(d.inbound_ok)});
  t.add({"Outbound errors (board)", std::to_string(d.outbound_errors)});
  t.add({"Inbound errors (board)", std::to_string(d.inbound_errors)});
  t.add({"Inbound, rule gone", std::to_string(d.inbound_unknown_rule)});
  t.add({"Inbound, policy mismatch", std::to_string(d.inbound_policy_mismatch)});
  t.add({"TUN write failed", std::to_string(d.tun_write_failed)});
  t.add({"WAN send failed", std::to_string(d.wan_send_failed)});
  t.add({"Board refused submit", std::to_string(d.submit_failed)});
  out << t.str("  ");
  if (!d.last_error.empty()) out << "  Last error: " << d.last_error << "\n";
  return out.str();
}

std::string format_sa_table(const std::vector<SaRow>& rows) {
  if (rows.empty()) return "No SAs on the board.\n";
  Table t(
      {"Entry", "Dir", "SPI", "Rule", "Suite", "Encap", "Mode", "State", "Seq", "Packets", "Bytes",
       "Auth/Replay/Decrypt err", "Life s used/limit", "Life KB used/limit"},
      {true, false, false, true, false, false, false, false, true, true, true, true, true, true});
  for (const auto& r : rows) {
    std::string state = r.expired ? "expired" : (r.enabled ? "enabled" : "disabled");
    t.add({std::to_string(r.entry),
           r.direction == "inbound" ? "in"
                                    : (r.direction == "outbound" ? "out" : or_dash(r.direction)),
           "0x" + hex(r.spi, 8), std::to_string(r.rule), or_dash(r.suite), or_dash(r.encapsulation),
           or_dash(r.mode), state, std::to_string(r.sequence), std::to_string(r.packets),
           std::to_string(r.bytes),
           std::to_string(r.auth_errors) + "/" + std::to_string(r.replay_errors) + "/" +
               std::to_string(r.decrypt_errors),
           lifetime(r.lifetime_used_s, r.lifetime_limit_s),
           lifetime(r.lifetime_used_kb, r.lifetime_limit_kb)});
  }
  return t.str();
}

}  // namespace ipsec_fpga::host
