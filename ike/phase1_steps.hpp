#pragma once
// Steps Main Mode and Aggressive Mode share: nonces, KE, NAT-D payloads and
// the NAT decision, key derivation, identities and the HASH_I/HASH_R checks.

#include <optional>
#include <string>

#include "ike/exchange_context.hpp"
#include "ike/ike_sa.hpp"

namespace ipsec_fpga::ike {

class Phase1Steps {
 public:
  static Bytes random_bytes(ExchangeContext& ctx, std::size_t size);
  static Cookie random_cookie(ExchangeContext& ctx);
  static bool has_nat_t_vendor_id(const IsakmpMessage& message);
  // [VID(RFC 3947)] when the rule does NAT traversal.
  static void add_vendor_ids(const IkeSa& sa, std::vector<Payload>& payloads);
  // NAT-D for the peer's endpoint, then ours (RFC 3947 3.2).
  static void add_nat_d(const IkeSa& sa, std::vector<Payload>& payloads);
  // Reads the peer's NAT-D payloads; `to`/`from` are where the datagram went/came.
  static void detect_nat(IkeSa& sa, const IsakmpMessage& message, const Endpoint& to,
                         const Endpoint& from);
  // Creates our DH value for the SA's group.
  static bool make_dh(IkeSa& sa, ExchangeContext& ctx);
  // SKEYID and friends from the SA's nonces, DH values and cookies.
  static bool derive_keys(IkeSa& sa, ExchangeContext& ctx);
  static IdentificationPayload local_id(const IkeSa& sa);
  static bool peer_id_acceptable(const IkeSa& sa, const IdentificationPayload& id);
  // Phase 1 failure: log `why` (and optionally tell the peer), then drop the SA.
  static void fail(IkeSa& sa, ExchangeContext& ctx, LogMessage why,
                   std::optional<NotifyType> notify = std::nullopt, const std::string& detail = {});
  static void log_malformed(IkeSa& sa, ExchangeContext& ctx, const std::string& reason);
  // Phase 1 done: log it and start the Quick Modes that were waiting (an
  // Aggressive Mode initiator's after EngineSettings::aggressive_phase2_delay_ms).
  static void established(IkeSa& sa, ExchangeContext& ctx);
  // Starts the pending Quick Modes of an established SA once their time has come.
  static void start_pending_phase2(IkeSa& sa, ExchangeContext& ctx);
};

}  // namespace ipsec_fpga::ike
