#pragma once
// Phase 1 Main Mode with pre-shared keys (RFC 2409 5, 5.4), with NAT-T
// (RFC 3947): SA / KE NONCE [NAT-D NAT-D] / encrypted ID HASH, both roles.

#include "ike/exchange_context.hpp"
#include "ike/ike_sa.hpp"

namespace ipsec_fpga::ike {

class MainMode {
 public:
  // Sends MM1 for a new initiator SA.
  static void initiate(IkeSa& sa, ExchangeContext& ctx);
  // Answers MM1 on a new responder SA (rule already chosen by the engine).
  static void respond(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& mm1);
  // Any later Main Mode message; `datagram` tells where it arrived.
  static void on_message(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                         const Datagram& datagram);

 private:
  static void on_mm2(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message);
  static void on_mm3(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message);
  static void on_mm4(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                     const Datagram& datagram);
  static void on_mm5(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                     const Datagram& datagram);
  static void on_mm6(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message);
  static void send_encrypted(IkeSa& sa, ExchangeContext& ctx, std::vector<Payload> payloads,
                             bool expect_answer);
};

}  // namespace ipsec_fpga::ike
