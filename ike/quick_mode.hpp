#pragma once
// Phase 2 Quick Mode (RFC 2409 5.5), as initiator and as responder, with and
// without PFS, with NAT-T encapsulation modes (RFC 3947 5) and
// traffic-selector narrowing. One QuickMode per message ID.

#include <cstdint>
#include <optional>

#include "ike/diffie_hellman.hpp"
#include "ike/isakmp_message.hpp"
#include "ike/log_event.hpp"
#include "ike/proposal_codec.hpp"
#include "ike/secure_bytes.hpp"
#include "ike/traffic_selector.hpp"

namespace ipsec_fpga::ike {

class ExchangeContext;
class IkeSa;

class QuickMode {
 public:
  enum class State { initiator_sent_1, responder_sent_2, done, failed };

  // Sends QM1 on an established SA; nullopt if it could not start (logged).
  static std::optional<QuickMode> initiate(IkeSa& sa, ExchangeContext& ctx);
  // Handles QM1 of a new exchange (the responder side).
  static std::optional<QuickMode> respond(IkeSa& sa, ExchangeContext& ctx,
                                          const IsakmpMessage& qm1);
  // Handles the next message of this exchange (QM2 or QM3).
  void on_message(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message);

  State state() const { return state_; }
  std::uint32_t message_id() const { return message_id_; }
  bool is_initiator() const { return initiator_; }

 private:
  QuickMode(bool initiator, std::uint32_t message_id)
      : initiator_(initiator), message_id_(message_id) {}
  void on_qm2(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message);
  void on_qm3(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message);
  void fail(IkeSa& sa, ExchangeContext& ctx, LogMessage why, std::optional<NotifyType> notify);
  void install(IkeSa& sa, ExchangeContext& ctx);

  bool initiator_;
  std::uint32_t message_id_;
  State state_ = State::initiator_sent_1;
  Bytes ni_, nr_;
  std::optional<DiffieHellman> dh_;
  Bytes peer_public_;
  SecureBytes pfs_secret_;
  std::uint32_t inbound_spi_ = 0;
  std::uint32_t outbound_spi_ = 0;
  std::optional<EspOffer> chosen_;
  std::vector<EspSuite> offered_;
  TrafficSelector local_, remote_;
  ipsec_doi::EncapsulationMode mode_ = ipsec_doi::EncapsulationMode::tunnel;
};

}  // namespace ipsec_fpga::ike
