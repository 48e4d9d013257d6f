// The board's SA events, the SA lifetimes kept by the gateway and idle rules.
#include "host/gateway/gateway_impl.hpp"

namespace ipsec_fpga::host {

void Gateway::Impl::on_board_event(const driver::Event& event) {
  std::optional<std::size_t> found;
  {
    std::lock_guard lock(state_mutex);
    for (std::size_t i = 0; i < pairs.size(); ++i)
      for (const driver::SaHandle* h : {&pairs[i].inbound, &pairs[i].outbound})
        if (h->entry == event.sa && h->spi == event.spi) found = i;
  }
  if (!found) return;  // already removed
  if (event.events & driver::event_bits::error_threshold) {
    int rule = 0;
    ike::IpAddress peer;
    bool manual = false;
    {
      std::lock_guard lock(state_mutex);
      rule = pairs[*found].rule;
      peer = pairs[*found].route.peer;
      manual = pairs[*found].manual;
    }
    log->add(ike::LogEvent{ike::LogMessage::too_many_errors_deleting_sa, rule, peer});
    if (!manual && ike_rule(rule) != nullptr) {
      drop_rule(rule);  // renegotiated when traffic needs it
    } else {
      note("rule " + std::to_string(rule) +
           " (manual keys): too many errors on its inbound SA; kept (no IKE to replace it)");
    }
    return;
  }
  if (event.events & (driver::event_bits::hard_lifetime | driver::event_bits::sequence_overflow)) {
    expire(*found, event.events & driver::event_bits::hard_lifetime ? "hard lifetime reached"
                                                                    : "sequence numbers exhausted");
    return;
  }
  if (event.events & driver::event_bits::soft_lifetime) rekey(*found);
}

void Gateway::Impl::check_lifetimes() {
  const auto now = Clock::now();
  for (std::size_t i = 0; i < pairs.size(); ++i) {  // pairs only change on this thread
    SaPair p;
    {
      std::lock_guard lock(state_mutex);
      if (i >= pairs.size()) break;
      p = pairs[i];
    }
    if (p.retire_at && now >= *p.retire_at) {
      retire(i, "replaced by a newer SA");
      return;  // indices moved; the next tick looks again
    }
    if (p.lifetime_seconds == 0 || p.manual) continue;
    const double used = std::chrono::duration<double>(now - p.installed).count();
    if (used >= p.lifetime_seconds) {
      expire(i, "hard lifetime reached");
      return;  // indices moved; the next tick looks again
    }
    // The side that started Phase 1 rekeys first; the other one waits half
    // of what is left, so both do not start a Quick Mode at once (it sees
    // the initiator's new pair arrive and leaves the old one to expire).
    const ike::IkeSa* ike_sa = engine->ike_sa(p.rule);
    const double fraction = ike_sa == nullptr || ike_sa->initiator()
                                ? options.rekey_fraction
                                : (1.0 + options.rekey_fraction) / 2;
    if (rekeying() && !p.rekeyed && used >= fraction * p.lifetime_seconds) rekey(i);
  }
}

void Gateway::Impl::check_idle() {
  for (int rule : datapath->check_idle()) {
    PacketLogEvent event;
    event.message = PacketLogMessage::rule_idle_timeout;  // "Rule <#d> idle time out, disconnect"
    event.rule = rule;
    log->add(event);
    if (ike_rule(rule) != nullptr) drop_rule(rule);
  }
}

}  // namespace ipsec_fpga::host
