// Snapshots for the CLI: the rules' IKE state, status() and sa_table().
#include <unistd.h>

#include <algorithm>

#include "host/gateway/gateway_impl.hpp"
#include "host/gateway/sa_translation.hpp"

namespace ipsec_fpga::host {

namespace {

using Clock = Gateway::Impl::Clock;

std::string ike_state_text(ike::IkeSa::State state) {
  using S = ike::IkeSa::State;
  switch (state) {
    case S::main_i1_sent:
      return "main mode 1/3";
    case S::main_i2_sent:
      return "main mode 2/3";
    case S::main_i3_sent:
      return "main mode 3/3";
    case S::main_r1_sent:
      return "main mode 1/3 (responder)";
    case S::main_r2_sent:
      return "main mode 2/3 (responder)";
    case S::aggressive_i1_sent:
      return "aggressive mode 1/2";
    case S::aggressive_r1_sent:
      return "aggressive mode 1/2 (responder)";
    case S::established:
      return "established";
    case S::dead:
      return "deleting";
  }
  return "unknown";
}

std::string selector_text(const ike::TrafficSelector& selector) { return selector.to_string(); }

}  // namespace

void Gateway::Impl::refresh_snapshots() {
  std::map<int, IkeSnapshot> next;
  for (const RuleConfig& rule : config.rules) {
    IkeSnapshot s;
    if (const ike::IkeSa* sa = engine->ike_sa(rule.index)) {
      s.state = ike_state_text(sa->state);
      s.peer = sa->peer.address.to_string();
      s.negotiating = !sa->established() || !sa->quick_modes.empty();
    }
    next[rule.index] = s;
  }
  std::lock_guard lock(state_mutex);
  snapshots = std::move(next);
}

GatewayStatus Gateway::status() const {
  const Impl& g = *impl_;
  GatewayStatus s;
  s.version = g.options.version;
  s.config_file = g.options.config_file.empty() ? g.config.source_name : g.options.config_file;
  s.tun_name = g.tun_name;
  const ike::IpAddress wan = g.current_wan();
  s.wan_address = wan.is_unspecified() ? "" : wan.to_string();
  s.pid = ::getpid();
  s.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - g.started).count();
  const driver::Capabilities& c = g.board->capabilities();
  s.board.description = g.board->description();
  s.board.uri = g.board_uri;
  s.board.build_id = c.build_id;
  s.board.protocol_version = c.protocol_version;
  s.board.clock_hz = c.clock_hz;
  s.board.sa_entries = c.sa_entries;
  s.board.replay_window = c.replay_window;
  for (const driver::Suite& suite : c.suites()) s.board.suites.push_back(suite_name(suite));
  s.board.link_summary = g.board->link_statistics().summary();

  std::lock_guard lock(g.state_mutex);
  s.reloads = g.reloads;
  s.board.sa_entries_used = static_cast<unsigned>(2 * g.pairs.size());
  const auto counters = g.datapath->activity().all_counters();
  for (const RuleConfig& rule : g.config.rules) {
    RuleStatus r;
    r.index = rule.index;
    r.name = rule.name;
    r.active = rule.active;
    r.local_address = rule.my_ip.to_string();
    r.peer_address = rule.secure_gateway ? rule.secure_gateway->to_string() : "0.0.0.0";
    r.local_network = selector_text(rule.local);
    r.remote_network = selector_text(rule.remote);
    r.key_management = rule.key_management == KeyManagement::ike ? "ike" : "manual";
    r.encapsulation = rule.tunnel_mode ? "tunnel" : "transport";
    bool up = false;
    for (const Impl::SaPair& p : g.pairs) {
      if (p.rule != rule.index) continue;
      up = true;
      r.peer_address = p.route.peer.to_string();
      if (p.lifetime_seconds != 0) {
        const auto used =
            std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - p.installed).count();
        r.ipsec_lifetime_left_s = std::max<std::int64_t>(0, p.lifetime_seconds - used);
      }
    }
    bool negotiating = false;
    if (auto it = g.snapshots.find(rule.index); it != g.snapshots.end()) {
      r.ike_sa_state = it->second.state;
      negotiating = it->second.negotiating;
      if (!up && !it->second.peer.empty()) r.peer_address = it->second.peer;
    }
    r.state = up ? RuleState::up : negotiating ? RuleState::negotiating : RuleState::idle;
    if (auto it = counters.find(rule.index); it != counters.end()) {
      r.packets_out = it->second.packets_out;
      r.bytes_out = it->second.bytes_out;
      r.packets_in = it->second.packets_in;
      r.bytes_in = it->second.bytes_in;
    }
    s.rules.push_back(r);
  }
  const DatapathStatistics d = g.datapath->statistics();
  s.datapath.tun_packets = d.tun_packets;
  s.datapath.tun_not_ipv4 = d.tun_not_ipv4;
  s.datapath.no_rule = d.no_rule;
  s.datapath.needs_sa = d.needs_sa;
  s.datapath.wan_esp = d.wan_esp;
  s.datapath.outbound_ok = d.outbound_ok;
  s.datapath.inbound_ok = d.inbound_ok;
  s.datapath.inbound_unknown_rule = d.inbound_unknown_rule;
  s.datapath.inbound_policy_mismatch = d.inbound_policy_mismatch;
  s.datapath.tun_write_failed = d.tun_write_failed;
  s.datapath.wan_send_failed = d.wan_send_failed;
  s.datapath.submit_failed = d.submit_failed;
  for (const auto& [status, n] : d.outbound_status) s.datapath.outbound_errors += n;
  for (const auto& [status, n] : d.inbound_status) s.datapath.inbound_errors += n;
  s.datapath.last_error = d.last_error;
  return s;
}

std::vector<SaRow> Gateway::sa_table() {
  Impl& g = *impl_;
  std::vector<Impl::SaPair> pairs;
  {
    std::lock_guard lock(g.state_mutex);
    pairs = g.pairs;
  }
  std::vector<SaRow> rows;
  for (const Impl::SaPair& p : pairs) {
    for (const driver::SaHandle& h : {p.inbound, p.outbound}) {
      SaRow row;
      row.entry = h.entry;
      row.direction = std::string(driver::to_string(h.direction));
      row.spi = h.spi;
      row.rule = p.rule;
      row.suite = suite_name(p.suite);
      row.encapsulation = p.route.transport == EspTransport::udp_4500 ? "udp" : "esp";
      row.mode = p.tunnel_mode ? "tunnel" : "transport";
      row.lifetime_used_s = static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - p.installed).count());
      row.lifetime_limit_s = p.lifetime_seconds;
      row.lifetime_limit_kb = p.lifetime_kilobytes;
      try {
        const driver::SaStatus st = g.board->sa_status(h);
        row.enabled = st.enabled;
        row.expired = st.expired;
        row.sequence = st.sequence;
        row.packets = st.packets;
        row.bytes = st.bytes;
        row.auth_errors = st.auth_errors;
        row.replay_errors = st.replay_errors;
        row.decrypt_errors = st.decrypt_errors;
        row.lifetime_used_kb = st.bytes / 1024;
      } catch (const std::exception&) {
        // Removed meanwhile or the board is gone: the row shows what we know.
      }
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace ipsec_fpga::host
