#pragma once
// Phase 1 Aggressive Mode with pre-shared keys (RFC 2409 5, 5.4), with NAT-T
// (RFC 3947): SA KE NONCE ID / SA KE NONCE ID HASH [NAT-D] / HASH [NAT-D].

#include "ike/exchange_context.hpp"
#include "ike/ike_sa.hpp"

namespace ipsec_fpga::ike {

class AggressiveMode {
 public:
  static void initiate(IkeSa& sa, ExchangeContext& ctx);
  static void respond(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& am1);
  static void on_message(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                         const Datagram& datagram);

 private:
  static void on_am2(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                     const Datagram& datagram);
  static void on_am3(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                     const Datagram& datagram);
};

}  // namespace ipsec_fpga::ike
