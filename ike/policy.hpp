#pragma once
// What ike/ asks the host: which rule applies, whether the peer's Phase 2
// IDs fit the rule, and how many Phase 2 negotiations may run at once.

#include <cstddef>
#include <span>

#include "ike/rule.hpp"
#include "ike/traffic_selector.hpp"

namespace ipsec_fpga::ike {

// Outcome of checking a peer's Quick Mode IDs; the verdicts map one to one
// to the manual's log lines.
struct IdCheck {
  enum class Verdict {
    accepted,
    local_id_failed,         // "!! Verifying Local ID failed"
    remote_id_failed,        // "!! Verifying Remote ID failed"
    conflicts_with_rule,     // "!! Local / remote IPs of incoming request conflict with rule <#d>"
    invalid_range,           // "!! Invalid IP <start>/<end>"
    remote_range_conflicts,  // "!! Remote IP <start> / <end> conflicts"
  };
  Verdict verdict = Verdict::accepted;
  // Accepted: our view of the SA, possibly narrowed inside the rule.
  TrafficSelector local;
  TrafficSelector remote;
  int conflicting_rule = 0;
  TrafficSelector offending_range;
};

// Rules returned here must stay at the same address while ISAKMP SAs made
// from them live (the engine keeps pointers to them).
class Policy {
 public:
  virtual ~Policy() = default;

  virtual const Rule* rule_by_number(int number) const = 0;
  // The rule for a Phase 1 request from `peer` in `mode` that accepts one of
  // the `offered` suites, or nullptr.
  virtual const Rule* find_rule(const IpAddress& peer, Phase1Mode mode,
                                std::span<const Phase1Suite> offered) const = 0;
  // Checks the peer's IDs: `peer_local` is the peer's own side (our remote),
  // `peer_remote` the side it expects behind us. `active_remote` lists the
  // remote ranges of IPsec SAs other peers already hold.
  virtual IdCheck verify_ids(const Rule& rule, const TrafficSelector& peer_local,
                             const TrafficSelector& peer_remote,
                             std::span<const TrafficSelector> active_remote) const = 0;
  virtual std::size_t max_phase2_negotiations() const = 0;
};

}  // namespace ipsec_fpga::ike
