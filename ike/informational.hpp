#pragma once
// Informational exchanges (RFC 2408 4.8, RFC 2409 5.7): Notify and Delete,
// protected by HASH(1) once the ISAKMP SA has keys, sent and honoured.

#include <optional>

#include "ike/exchange_context.hpp"
#include "ike/ike_sa.hpp"

namespace ipsec_fpga::ike {

class Informational {
 public:
  static void send_notify(IkeSa& sa, ExchangeContext& ctx, NotifyType type, ProtocolId protocol,
                          Bytes spi);
  // Deletes every IPsec SA of `sa` and then `sa` itself, telling the peer.
  static void send_delete_all(IkeSa& sa, ExchangeContext& ctx);
  // Deletes the one IPsec SA of `sa` whose inbound SPI is `inbound_spi`
  // (an SA replaced by a rekey), telling the peer; `sa` stays. False if
  // `sa` has no such SA or cannot send yet.
  static bool send_delete_child(IkeSa& sa, ExchangeContext& ctx, std::uint32_t inbound_spi);
  // A received informational message (already decrypted and HASH-checked
  // when it was encrypted; plain ones are only honoured before Phase 1 ends).
  static void on_message(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message);
  // HASH(1) of a received encrypted informational message, checked.
  static bool hash_valid(const IkeSa& sa, const IsakmpMessage& message);

  // A notification for a peer we keep no SA for (e.g. INVALID-COOKIE).
  static Datagram plain_notify(const Endpoint& local, const Endpoint& peer, const Cookie& ci,
                               const Cookie& cr, std::uint32_t message_id, NotifyType type);

 private:
  static void send(IkeSa& sa, ExchangeContext& ctx, std::vector<Payload> body);
  static void on_notify(IkeSa& sa, ExchangeContext& ctx, const NotificationPayload& notify);
  static void on_delete(IkeSa& sa, ExchangeContext& ctx, const DeletePayload& del);
};

}  // namespace ipsec_fpga::ike
