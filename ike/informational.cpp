#include "ike/informational.hpp"

#include <algorithm>

#include "ike/proposal_codec.hpp"

namespace ipsec_fpga::ike {

void Informational::send(IkeSa& sa, ExchangeContext& ctx, std::vector<Payload> body) {
  std::uint32_t mid = sa.tasks.new_message_id(ctx.random());
  std::vector<Payload> payloads;
  if (sa.keymat) {
    // Before Phase 1 ends there is no frozen IV yet: derive from the current one.
    if (!sa.established()) sa.last_phase1_iv = sa.phase1_iv;
    Bytes after_hash = encode_payload_chain(body);
    payloads.push_back(HashPayload{sa.keymat->hash_1(mid, after_hash)});
  }
  for (auto& p : body) payloads.push_back(std::move(p));
  std::vector<PayloadType> types;
  for (const auto& p : payloads) types.push_back(payload_type(p));
  if (sa.keymat) {
    auto wire = sa.seal(ExchangeType::informational, mid, payloads);
    sa.exchange_ivs.erase(mid);
    if (!wire) return;
    ctx.send(sa, mid, std::move(*wire), std::move(types), false);
  } else {
    Bytes wire = encode_plain_message(sa.header(ExchangeType::informational, mid), payloads);
    ctx.send(sa, mid, std::move(wire), std::move(types), false);
  }
}

void Informational::send_notify(IkeSa& sa, ExchangeContext& ctx, NotifyType type,
                                ProtocolId protocol, Bytes spi) {
  NotificationPayload n;
  n.protocol = protocol;
  n.type = type;
  n.spi = std::move(spi);
  if (n.spi.empty() && protocol == ProtocolId::isakmp) {
    append(n.spi, sa.initiator_cookie);
    append(n.spi, sa.responder_cookie);
  }
  send(sa, ctx, {n});
}

void Informational::send_delete_all(IkeSa& sa, ExchangeContext& ctx) {
  if (!sa.keymat || !sa.established()) return;
  if (!sa.children.empty()) {
    DeletePayload esp{kIpsecDoi, ProtocolId::esp, 4, {}};
    for (const auto& child : sa.children) {
      esp.spis.push_back(spi_bytes(child.inbound_spi));
      ctx.remove({sa.rule->number, sa.peer.address, child.inbound_spi, child.outbound_spi});
    }
    sa.children.clear();
    send(sa, ctx, {esp});
  }
  DeletePayload isakmp{kIpsecDoi, ProtocolId::isakmp, 16, {{}}};
  append(isakmp.spis[0], sa.initiator_cookie);
  append(isakmp.spis[0], sa.responder_cookie);
  send(sa, ctx, {isakmp});
  sa.state = IkeSa::State::dead;
}

bool Informational::send_delete_child(IkeSa& sa, ExchangeContext& ctx, std::uint32_t inbound_spi) {
  if (!sa.keymat || !sa.established()) return false;
  auto it = std::find_if(sa.children.begin(), sa.children.end(),
                         [&](const ChildSa& c) { return c.inbound_spi == inbound_spi; });
  if (it == sa.children.end()) return false;
  DeletePayload esp{kIpsecDoi, ProtocolId::esp, 4, {spi_bytes(it->inbound_spi)}};
  ctx.remove({sa.rule->number, sa.peer.address, it->inbound_spi, it->outbound_spi});
  sa.children.erase(it);
  send(sa, ctx, {esp});
  return true;
}

bool Informational::hash_valid(const IkeSa& sa, const IsakmpMessage& message) {
  if (message.payloads.empty() ||
      payload_type(message.payloads.front().payload) != PayloadType::hash) {
    return false;
  }
  const auto& hash = std::get<HashPayload>(message.payloads.front().payload);
  return constant_time_equal(hash.data,
                             sa.keymat->hash_1(message.header.message_id, message.after_hash()));
}

void Informational::on_message(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message) {
  for (const auto* n : message.find_all<NotificationPayload>()) on_notify(sa, ctx, *n);
  for (const auto* d : message.find_all<DeletePayload>()) on_delete(sa, ctx, *d);
}

void Informational::on_notify(IkeSa& sa, ExchangeContext& ctx, const NotificationPayload& notify) {
  LogEvent event{LogMessage::notify_received, sa.rule->number, sa.peer.address};
  event.notify = notify.type;
  ctx.log(event);
  auto abandon_initiated_quick_modes = [&] {
    for (auto it = sa.quick_modes.begin(); it != sa.quick_modes.end();) {
      if (it->second.is_initiator()) {
        sa.tasks.forget(it->first);
        it = sa.quick_modes.erase(it);
      } else {
        ++it;
      }
    }
  };
  switch (notify.type) {
    case NotifyType::no_proposal_chosen:
      ctx.log({LogMessage::no_proposal_chosen, sa.rule->number, sa.peer.address});
      if (!sa.established()) sa.state = IkeSa::State::dead;
      abandon_initiated_quick_modes();
      break;
    case NotifyType::invalid_id_information:
      // The peer refused our IDs: from here, its view of us is what failed.
      ctx.log({LogMessage::verifying_remote_id_failed, sa.rule->number, sa.peer.address});
      abandon_initiated_quick_modes();
      break;
    case NotifyType::authentication_failed:
      ctx.log({LogMessage::authentication_failed, sa.rule->number, sa.peer.address});
      if (!sa.established()) sa.state = IkeSa::State::dead;
      break;
    case NotifyType::initial_contact:
      if (sa.established()) ctx.initial_contact(sa);
      break;
    default:
      break;
  }
}

void Informational::on_delete(IkeSa& sa, ExchangeContext& ctx, const DeletePayload& del) {
  if (del.protocol == ProtocolId::isakmp) {
    for (const auto& spi : del.spis) {
      if (spi.size() == 16 &&
          std::equal(sa.initiator_cookie.begin(), sa.initiator_cookie.end(), spi.begin())) {
        for (const auto& child : sa.children) {
          ctx.remove({sa.rule->number, sa.peer.address, child.inbound_spi, child.outbound_spi});
        }
        sa.children.clear();
        LogEvent event{LogMessage::sa_deleted, sa.rule->number, sa.peer.address};
        event.detail = "ISAKMP SA deleted by peer";
        ctx.log(event);
        sa.state = IkeSa::State::dead;
      }
    }
    return;
  }
  if (del.protocol != ProtocolId::esp) return;
  for (const auto& spi : del.spis) {
    std::uint32_t value = spi_value(spi);
    // The peer names the SPI it receives with: our outbound SPI.
    for (auto it = sa.children.begin(); it != sa.children.end(); ++it) {
      if (it->outbound_spi == value) {
        ctx.remove({sa.rule->number, sa.peer.address, it->inbound_spi, it->outbound_spi});
        LogEvent event{LogMessage::sa_deleted, sa.rule->number, sa.peer.address};
        event.detail = "IPsec SA deleted by peer";
        ctx.log(event);
        sa.children.erase(it);
        break;
      }
    }
  }
}

Datagram Informational::plain_notify(const Endpoint& local, const Endpoint& peer, const Cookie& ci,
                                     const Cookie& cr, std::uint32_t message_id, NotifyType type) {
  IsakmpHeader h;
  h.initiator_cookie = ci;
  h.responder_cookie = cr;
  h.exchange = ExchangeType::informational;
  h.message_id = message_id;
  NotificationPayload n;
  n.protocol = ProtocolId::isakmp;
  n.type = type;
  append(n.spi, ci);
  append(n.spi, cr);
  std::vector<Payload> payloads{n};
  return Datagram{local, peer, encode_plain_message(h, payloads)};
}

}  // namespace ipsec_fpga::ike
