#pragma once
// The services an exchange (Main/Aggressive/Quick Mode, informational) gets
// from the engine: randomness, policy, time, and the outputs it may produce.

#include <cstdint>
#include <vector>

#include "ike/engine_output.hpp"
#include "ike/engine_settings.hpp"
#include "ike/isakmp_constants.hpp"
#include "ike/policy.hpp"
#include "ike/random_source.hpp"

namespace ipsec_fpga::ike {

class IkeSa;

class ExchangeContext {
 public:
  virtual ~ExchangeContext() = default;

  virtual RandomSource& random() = 0;
  virtual const Policy& policy() const = 0;
  virtual const EngineSettings& settings() const = 0;
  virtual std::uint64_t now() const = 0;
  virtual void log(LogEvent event) = 0;
  // Sends `wire` to the SA's peer and logs "Send:<...>". It answers the last
  // message received in exchange `message_id` (so a duplicate of that gets
  // it again); with `expect_answer` it is also resent until answered.
  virtual void send(IkeSa& sa, std::uint32_t message_id, Bytes wire, std::vector<PayloadType> types,
                    bool expect_answer) = 0;
  virtual void install(SaInstall install) = 0;
  virtual void remove(const SaDelete& removal) = 0;
  // Quick Modes in progress on all SAs.
  virtual std::size_t phase2_negotiations() const = 0;
  // Remote selectors of IPsec SAs held by other peers than `sa`'s.
  virtual std::vector<TrafficSelector> other_peers_remote_selectors(const IkeSa& sa) const = 0;
  // The peer of `sa` announced INITIAL-CONTACT: drop older SAs with it.
  virtual void initial_contact(const IkeSa& sa) = 0;
  // No other live ISAKMP SA with `sa`'s peer: only then does our Main Mode
  // say INITIAL-CONTACT (RFC 2407 4.6.3.3), which makes the peer drop every
  // SA it holds with us (a second rule to the same peer must not).
  virtual bool first_contact(const IkeSa& sa) const = 0;
};

}  // namespace ipsec_fpga::ike
