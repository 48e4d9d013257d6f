// The gateway's SAs on the board: install (IKE and manual keys), delete,
// drop a rule, rekey, retire and expire.
#include <algorithm>
#include <stdexcept>

#include "host/gateway/gateway_impl.hpp"
#include "host/gateway/sa_translation.hpp"

namespace ipsec_fpga::host {

void Gateway::Impl::on_install(const ike::SaInstall& install) {
  SaPair pair;
  pair.rule = install.rule;
  pair.tunnel_mode = install.tunnel_mode;
  pair.lifetime_seconds = install.suite.lifetime_seconds;
  pair.lifetime_kilobytes = install.suite.lifetime_kilobytes;
  pair.installed = Clock::now();
  try {
    pair.suite = board_suite(install.suite);
    driver::SaParameters in =
        sa_parameters(driver::Direction::inbound, install.suite, install.tunnel_mode,
                      install.inbound.encryption_key, install.inbound.integrity_key,
                      install.inbound.spi, install.local, install.remote);
    // The board counts auth/replay/decrypt failures and raises an event at
    // the configured threshold ("!! Too many errors! Deleting SA").
    in.error_threshold = static_cast<std::uint32_t>(config.gateway.error_threshold);
    pair.inbound = board->install_sa(std::move(in));
    if (pair.inbound.spi != install.inbound.spi) {
      // Not a reserved SPI (the reservation lapsed): the peer would send to
      // an SPI the board does not know.
      board->remove_sa(pair.inbound);
      throw std::runtime_error("inbound SPI " + std::to_string(install.inbound.spi) +
                               " was no longer reserved on the board");
    }
    driver::SaParameters out =
        sa_parameters(driver::Direction::outbound, install.suite, install.tunnel_mode,
                      install.outbound.encryption_key, install.outbound.integrity_key,
                      install.outbound.spi, install.local, install.remote);
    // The kilobyte lifetime's soft limit (time to rekey) is the board's.
    if (out.lifetime.hard_bytes != 0 && rekeying())
      out.lifetime.soft_bytes = static_cast<std::uint64_t>(
          static_cast<double>(out.lifetime.hard_bytes) * options.rekey_fraction);
    try {
      pair.outbound = board->install_sa(std::move(out));
    } catch (...) {
      board->remove_sa(pair.inbound);
      throw;
    }
  } catch (const std::exception& e) {
    board->release_inbound_spi(install.inbound.spi);
    ike::LogEvent event{ike::LogMessage::sa_deleted, install.rule, install.remote.address};
    event.detail = std::string("the board refused the SA: ") + e.what();
    log->add(event);
    engine->delete_rule(install.rule);
    return;
  }
  pair.route.sa = pair.outbound;
  pair.route.peer = install.remote.address;
  pair.route.peer_port = install.remote.port;
  pair.route.transport = install.udp_encapsulated ? EspTransport::udp_4500 : EspTransport::raw_esp;
  try {
    spd.add_inbound_sa(install.rule, pair.inbound.spi);
    datapath->set_outbound_sa(install.rule, pair.route);
  } catch (const std::exception& e) {
    note("rule " + std::to_string(install.rule) +
         ": SA installed for a rule the SPD lacks: " + e.what());
  }
  {
    std::lock_guard lock(state_mutex);
    // A rekey: the rule's older pairs carry no more outbound traffic; they
    // stay a moment for packets the peer sent before it switched.
    for (SaPair& older : pairs)
      if (older.rule == pair.rule && !older.manual && !older.retire_at)
        older.retire_at = pair.installed + options.rekey_overlap;
    pairs.push_back(pair);
  }
  if (options.installed_sa_observer) show_installed_keys(install, pair.suite);
}

// The tests' diagnostic (GatewayOptions::installed_sa_observer): views of
// the engine's keys, no copy; nothing of them is logged.
void Gateway::Impl::show_installed_keys(const ike::SaInstall& install, const driver::Suite& suite) {
  const std::string local = install.local.address.to_string();
  const std::string remote = install.remote.address.to_string();
  for (const bool inbound : {true, false}) {
    const ike::EspKeys& keys = inbound ? install.inbound : install.outbound;
    InstalledSaKeys shown;
    shown.rule = install.rule;
    shown.inbound = inbound;
    shown.spi = keys.spi;
    shown.source = inbound ? remote : local;
    shown.destination = inbound ? local : remote;
    shown.udp_encapsulated = install.udp_encapsulated;
    shown.suite = suite_name(suite);
    shown.encryption_key = keys.encryption_key.view();
    shown.integrity_key = keys.integrity_key.view();
    try {
      options.installed_sa_observer(shown);
    } catch (const std::exception& e) {
      note("installed_sa_observer failed: " + std::string(e.what()));
    }
  }
}

void Gateway::Impl::remove_pair(std::size_t index, bool keep_route) {
  SaPair pair;
  {
    std::lock_guard lock(state_mutex);
    pair = pairs[index];
    pairs.erase(pairs.begin() + static_cast<std::ptrdiff_t>(index));
  }
  spd.remove_inbound_sa(pair.inbound.spi);
  if (!keep_route) {
    const auto current = spd.outbound_sa(pair.rule);
    if (current && current->sa.entry == pair.outbound.entry) {
      // Another pair of the same rule (a newer Quick Mode) takes over, if any.
      std::optional<OutboundSa> next;
      {
        std::lock_guard lock(state_mutex);
        for (const SaPair& p : pairs)
          if (p.rule == pair.rule) next = p.route;
      }
      if (next)
        datapath->set_outbound_sa(pair.rule, *next);
      else
        datapath->clear_outbound_sa(pair.rule);
    }
  }
  for (const driver::SaHandle& h : {pair.inbound, pair.outbound}) {
    try {
      board->remove_sa(h);  // erased and read back as zero
    } catch (const std::exception& e) {
      note("removing SA entry " + std::to_string(h.entry) + ": " + e.what());
    }
  }
}

void Gateway::Impl::on_delete(const ike::SaDelete& removal) {
  std::optional<std::size_t> found;
  {
    std::lock_guard lock(state_mutex);
    for (std::size_t i = 0; i < pairs.size(); ++i)
      if (pairs[i].rule == removal.rule && pairs[i].inbound.spi == removal.inbound_spi &&
          pairs[i].outbound.spi == removal.outbound_spi)
        found = i;
  }
  if (found) remove_pair(*found, false);
}

void Gateway::Impl::install_manual(const RuleConfig& rule) {
  if (!rule.manual_keys || rule.phase2.empty() || !rule.secure_gateway) return;
  const ManualKeys& keys = *rule.manual_keys;
  const ike::EspSuite& suite = rule.phase2.front();
  const ike::Endpoint local{rule.follows_wan_address() ? wan : rule.my_ip, nat_t_port};
  const ike::Endpoint remote{*rule.secure_gateway, nat_t_port};
  SaPair pair;
  pair.rule = rule.index;
  pair.manual = true;
  pair.tunnel_mode = rule.tunnel_mode;
  pair.installed = Clock::now();
  try {
    pair.suite = board_suite(suite);
    board->reserve_inbound_spi(std::chrono::seconds{10}, keys.inbound.spi);
    pair.inbound = board->install_sa(sa_parameters(
        driver::Direction::inbound, suite, rule.tunnel_mode, keys.inbound.encryption_key,
        keys.inbound.authentication_key, keys.inbound.spi, local, remote));
    try {
      pair.outbound = board->install_sa(sa_parameters(
          driver::Direction::outbound, suite, rule.tunnel_mode, keys.outbound.encryption_key,
          keys.outbound.authentication_key, keys.outbound.spi, local, remote));
    } catch (...) {
      board->remove_sa(pair.inbound);
      throw;
    }
  } catch (const std::exception& e) {
    board->release_inbound_spi(keys.inbound.spi);
    note("rule " + std::to_string(rule.index) + " (manual keys): not installed: " + e.what());
    return;
  }
  // Manual SAs travel as raw ESP (no NAT-T negotiation to agree on UDP).
  pair.route = OutboundSa{pair.outbound, remote.address, nat_t_port, EspTransport::raw_esp};
  spd.add_inbound_sa(rule.index, pair.inbound.spi);
  datapath->set_outbound_sa(rule.index, pair.route);
  std::lock_guard lock(state_mutex);
  pairs.push_back(pair);
}

void Gateway::Impl::drop_rule(int rule) {
  engine->delete_rule(rule);  // Delete payloads; SaDelete outputs
  drain();
  for (;;) {
    std::optional<std::size_t> left;
    {
      std::lock_guard lock(state_mutex);
      for (std::size_t i = 0; i < pairs.size(); ++i)
        if (pairs[i].rule == rule) left = i;
    }
    if (!left) break;
    remove_pair(*left, false);
  }
}

void Gateway::Impl::rekey(std::size_t index) {
  int rule = 0;
  {
    std::lock_guard lock(state_mutex);
    SaPair& pair = pairs[index];
    if (pair.rekeyed || pair.manual) return;
    // Only the rule's newest pair is rekeyed.
    for (std::size_t i = index + 1; i < pairs.size(); ++i)
      if (pairs[i].rule == pair.rule) return;
    pair.rekeyed = true;
    rule = pair.rule;
  }
  if (ike_rule(rule) == nullptr) return;
  note("rule " + std::to_string(rule) + ": SA soft lifetime reached, rekeying");
  engine->initiate(rule);  // "Start Phase 2: Quick Mode" on the ISAKMP SA (or Main Mode first)
  drain();
}

void Gateway::Impl::retire(std::size_t index, const std::string& why) {
  SaPair pair;
  {
    std::lock_guard lock(state_mutex);
    pair = pairs[index];
  }
  ike::LogEvent event{ike::LogMessage::sa_deleted, pair.rule, pair.route.peer};
  event.detail = why;
  log->add(event);
  // The peer is told (a Delete for that SPI only); the ISAKMP SA stays.
  if (!pair.manual && engine->delete_child(pair.rule, pair.inbound.spi)) {
    drain();  // the SaDelete removes the pair
    std::lock_guard lock(state_mutex);
    const bool left = std::any_of(pairs.begin(), pairs.end(), [&](const SaPair& p) {
      return p.inbound.entry == pair.inbound.entry && p.inbound.spi == pair.inbound.spi;
    });
    if (!left) return;
  }
  std::optional<std::size_t> at;
  {
    std::lock_guard lock(state_mutex);
    for (std::size_t i = 0; i < pairs.size(); ++i)
      if (pairs[i].inbound.entry == pair.inbound.entry && pairs[i].inbound.spi == pair.inbound.spi)
        at = i;
  }
  if (at) remove_pair(*at, false);
}

void Gateway::Impl::expire(std::size_t index, const std::string& why) {
  SaPair pair;
  bool newer = false;
  {
    std::lock_guard lock(state_mutex);
    pair = pairs[index];
    for (std::size_t i = index + 1; i < pairs.size(); ++i)
      newer = newer || pairs[i].rule == pair.rule;
  }
  if (newer || pair.rekeyed || pair.manual || ike_rule(pair.rule) == nullptr) {
    // A newer pair (the rekey) carries the traffic, or soon will: only this
    // pair goes (a rekey under way keeps its ISAKMP SA and Quick Mode).
    retire(index, why);
    return;
  }
  ike::LogEvent event{ike::LogMessage::sa_deleted, pair.rule, pair.route.peer};
  event.detail = why;
  log->add(event);
  drop_rule(pair.rule);  // the peer hears it; the next packet negotiates again
}

}  // namespace ipsec_fpga::host
