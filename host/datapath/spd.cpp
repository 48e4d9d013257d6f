#include "host/datapath/spd.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ipsec_fpga::host {
namespace {

bool selects(const ike::TrafficSelector& selector, const ike::IpAddress& address,
             std::uint8_t protocol, std::uint16_t port) {
  return selector.contains(ike::TrafficSelector{address, address, protocol, port});
}

}  // namespace

std::string_view to_string(EspTransport transport) {
  return transport == EspTransport::udp_4500 ? "udp_4500" : "raw_esp";
}

std::string_view to_string(SpdVerdict verdict) {
  switch (verdict) {
    case SpdVerdict::protect:
      return "protect";
    case SpdVerdict::needs_negotiation:
      return "needs_negotiation";
    case SpdVerdict::no_rule:
      return "no_rule";
  }
  return "?";
}

Spd::Entry* Spd::find(int number) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const Entry& e) { return e.rule.number == number; });
  return it == entries_.end() ? nullptr : &*it;
}

const Spd::Entry* Spd::find(int number) const { return const_cast<Spd*>(this)->find(number); }

Spd::Entry& Spd::require(int number) {
  Entry* entry = find(number);
  if (!entry) throw std::invalid_argument("SPD: no rule " + std::to_string(number));
  return *entry;
}

void Spd::add_rule(const SpdRule& rule) {
  if (!rule.local.valid() || !rule.local.first.is_v4() || !rule.remote.valid() ||
      !rule.remote.first.is_v4()) {
    throw std::invalid_argument("SPD rule " + std::to_string(rule.number) +
                                ": selectors must be IPv4 ranges with first <= last (local " +
                                rule.local.to_string() + ", remote " + rule.remote.to_string() +
                                ")");
  }
  std::lock_guard lock(mutex_);
  if (find(rule.number))
    throw std::invalid_argument("SPD: rule " + std::to_string(rule.number) + " exists already");
  entries_.push_back(Entry{rule, std::nullopt, {}});
}

void Spd::remove_rule(int number) {
  std::lock_guard lock(mutex_);
  std::erase_if(rule_by_spi_, [&](const auto& item) { return item.second == number; });
  std::erase_if(entries_, [&](const Entry& e) { return e.rule.number == number; });
}

std::vector<SpdRule> Spd::rules() const {
  std::lock_guard lock(mutex_);
  std::vector<SpdRule> out;
  for (const Entry& e : entries_) out.push_back(e.rule);
  return out;
}

std::optional<SpdRule> Spd::rule(int number) const {
  std::lock_guard lock(mutex_);
  const Entry* e = find(number);
  return e ? std::optional(e->rule) : std::nullopt;
}

void Spd::set_outbound_sa(int rule, const OutboundSa& sa) {
  std::lock_guard lock(mutex_);
  require(rule).outbound = sa;
}

void Spd::clear_outbound_sa(int rule) {
  std::lock_guard lock(mutex_);
  if (Entry* e = find(rule)) e->outbound.reset();
}

std::optional<OutboundSa> Spd::outbound_sa(int rule) const {
  std::lock_guard lock(mutex_);
  const Entry* e = find(rule);
  return e ? e->outbound : std::nullopt;
}

void Spd::add_inbound_sa(int rule, std::uint32_t spi) {
  std::lock_guard lock(mutex_);
  Entry& e = require(rule);
  if (auto old = rule_by_spi_.find(spi); old != rule_by_spi_.end()) {
    if (Entry* previous = find(old->second)) std::erase(previous->inbound_spis, spi);
  }
  e.inbound_spis.push_back(spi);
  rule_by_spi_[spi] = rule;
}

void Spd::remove_inbound_sa(std::uint32_t spi) {
  std::lock_guard lock(mutex_);
  auto it = rule_by_spi_.find(spi);
  if (it == rule_by_spi_.end()) return;
  if (Entry* e = find(it->second)) std::erase(e->inbound_spis, spi);
  rule_by_spi_.erase(it);
}

std::optional<int> Spd::rule_for_inbound_spi(std::uint32_t spi) const {
  std::lock_guard lock(mutex_);
  auto it = rule_by_spi_.find(spi);
  return it == rule_by_spi_.end() ? std::nullopt : std::optional(it->second);
}

std::vector<std::uint32_t> Spd::inbound_spis(int rule) const {
  std::lock_guard lock(mutex_);
  const Entry* e = find(rule);
  return e ? e->inbound_spis : std::vector<std::uint32_t>{};
}

SpdMatch Spd::lookup_outbound(const Ipv4Header& packet) const {
  std::lock_guard lock(mutex_);
  for (const Entry& e : entries_) {
    if (!selects(e.rule.local, packet.source, packet.protocol, packet.source_port) ||
        !selects(e.rule.remote, packet.destination, packet.protocol, packet.destination_port))
      continue;
    if (!e.outbound) return {SpdVerdict::needs_negotiation, e.rule.number, {}};
    return {SpdVerdict::protect, e.rule.number, *e.outbound};
  }
  return {};
}

bool Spd::inbound_allowed(int rule, const Ipv4Header& inner) const {
  std::lock_guard lock(mutex_);
  const Entry* e = find(rule);
  return e && selects(e->rule.remote, inner.source, inner.protocol, inner.source_port) &&
         selects(e->rule.local, inner.destination, inner.protocol, inner.destination_port);
}

}  // namespace ipsec_fpga::host
