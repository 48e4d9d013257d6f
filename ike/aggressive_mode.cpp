#include "ike/aggressive_mode.hpp"

#include "ike/phase1_steps.hpp"
#include "ike/proposal_codec.hpp"

namespace ipsec_fpga::ike {
namespace {

std::vector<PayloadType> types_of(const std::vector<Payload>& payloads) {
  std::vector<PayloadType> out;
  for (const auto& p : payloads) out.push_back(payload_type(p));
  return out;
}

void send_plain(IkeSa& sa, ExchangeContext& ctx, const std::vector<Payload>& payloads,
                bool expect_answer) {
  Bytes wire = encode_plain_message(sa.header(ExchangeType::aggressive, 0), payloads);
  ctx.send(sa, 0, std::move(wire), types_of(payloads), expect_answer);
}

}  // namespace

void AggressiveMode::initiate(IkeSa& sa, ExchangeContext& ctx) {
  sa.initiator_cookie = Phase1Steps::random_cookie(ctx);
  sa.state = IkeSa::State::aggressive_i1_sent;
  // The KE goes out with the offer, so every offered suite must use its group.
  std::vector<Phase1Suite> suites;
  for (const auto& s : sa.rule->phase1_suites) {
    if (s.group == sa.rule->phase1_suites.front().group) suites.push_back(s);
  }
  sa.suite = suites.front();
  SaPayload offer = ProposalCodec::phase1_sa(suites);
  sa.sa_i_body = encode_payload_body(offer);
  if (!Phase1Steps::make_dh(sa, ctx)) return;
  sa.ni = Phase1Steps::random_bytes(ctx, ctx.settings().nonce_size);
  IdentificationPayload id = Phase1Steps::local_id(sa);
  sa.id_i_body = encode_payload_body(id);
  std::vector<Payload> payloads{offer, KeyExchangePayload{sa.dh->public_value()},
                                NoncePayload{sa.ni}, id};
  Phase1Steps::add_vendor_ids(sa, payloads);
  ctx.log({LogMessage::send_aggressive_mode_request, sa.rule->number, sa.peer.address});
  send_plain(sa, ctx, payloads, true);
}

void AggressiveMode::respond(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& am1) {
  const auto* offered = am1.find<SaPayload>();
  const auto* ke = am1.find<KeyExchangePayload>();
  const auto* nonce = am1.find<NoncePayload>();
  const auto* id = am1.find<IdentificationPayload>();
  if (!offered || !ke || !nonce || !id) {
    return Phase1Steps::fail(sa, ctx, LogMessage::malformed_packet, NotifyType::payload_malformed,
                             "Aggressive Mode 1 lacks SA, KE, NONCE or ID");
  }
  auto offers = ProposalCodec::phase1_offers(*offered);
  auto chosen = ProposalCodec::choose(offers, sa.rule->phase1_suites);
  if (!chosen) {
    return Phase1Steps::fail(sa, ctx, LogMessage::no_proposal_chosen,
                             NotifyType::no_proposal_chosen);
  }
  sa.suite = chosen->suite;
  ByteView body = am1.body_of(PayloadType::sa);
  sa.sa_i_body.assign(body.begin(), body.end());
  ByteView id_body = am1.body_of(PayloadType::identification);
  sa.id_i_body.assign(id_body.begin(), id_body.end());
  sa.peer_supports_nat_t = Phase1Steps::has_nat_t_vendor_id(am1);
  if (!Phase1Steps::peer_id_acceptable(sa, *id)) {
    return Phase1Steps::fail(sa, ctx, LogMessage::authentication_failed,
                             NotifyType::authentication_failed);
  }
  sa.peer_public = ke->data;
  sa.ni = nonce->data;
  if (!Phase1Steps::make_dh(sa, ctx)) return;
  sa.nr = Phase1Steps::random_bytes(ctx, ctx.settings().nonce_size);
  if (!Phase1Steps::derive_keys(sa, ctx)) return;
  IdentificationPayload own = Phase1Steps::local_id(sa);
  sa.id_r_body = encode_payload_body(own);
  std::vector<Payload> payloads{ProposalCodec::phase1_answer(*chosen),
                                KeyExchangePayload{sa.dh->public_value()}, NoncePayload{sa.nr}, own,
                                HashPayload{sa.keymat->hash_r(sa.sa_i_body, sa.id_r_body)}};
  Phase1Steps::add_vendor_ids(sa, payloads);
  Phase1Steps::add_nat_d(sa, payloads);
  sa.state = IkeSa::State::aggressive_r1_sent;
  send_plain(sa, ctx, payloads, true);
}

void AggressiveMode::on_message(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                                const Datagram& datagram) {
  switch (sa.state) {
    case IkeSa::State::aggressive_i1_sent:
      return on_am2(sa, ctx, message, datagram);
    case IkeSa::State::aggressive_r1_sent:
      return on_am3(sa, ctx, message, datagram);
    default:
      Phase1Steps::log_malformed(sa, ctx, "Aggressive Mode message out of order");
  }
}

void AggressiveMode::on_am2(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                            const Datagram& datagram) {
  const auto* answer = message.find<SaPayload>();
  const auto* ke = message.find<KeyExchangePayload>();
  const auto* nonce = message.find<NoncePayload>();
  const auto* id = message.find<IdentificationPayload>();
  const auto* hash = message.find<HashPayload>();
  if (!answer || !ke || !nonce || !id || !hash) {
    return Phase1Steps::log_malformed(sa, ctx, "Aggressive Mode 2 lacks SA, KE, NONCE, ID or HASH");
  }
  sa.tasks.answered(0);
  auto offers = ProposalCodec::phase1_offers(*answer);
  std::vector<Phase1Suite> ours{*sa.suite};
  for (const auto& s : sa.rule->phase1_suites) {
    if (s.group == sa.suite->group) ours.push_back(s);
  }
  auto chosen = offers.size() == 1 ? ProposalCodec::choose(offers, ours) : std::nullopt;
  if (!chosen) return Phase1Steps::fail(sa, ctx, LogMessage::no_proposal_chosen);
  sa.suite = chosen->suite;
  sa.responder_cookie = message.header.responder_cookie;
  sa.peer_supports_nat_t = Phase1Steps::has_nat_t_vendor_id(message);
  sa.peer_public = ke->data;
  sa.nr = nonce->data;
  if (!Phase1Steps::derive_keys(sa, ctx)) return;
  ByteView id_body = message.body_of(PayloadType::identification);
  sa.id_r_body.assign(id_body.begin(), id_body.end());
  if (!constant_time_equal(hash->data, sa.keymat->hash_r(sa.sa_i_body, sa.id_r_body)) ||
      !Phase1Steps::peer_id_acceptable(sa, *id)) {
    return Phase1Steps::fail(sa, ctx, LogMessage::authentication_failed,
                             NotifyType::authentication_failed);
  }
  Phase1Steps::detect_nat(sa, message, datagram.destination, datagram.source);
  std::vector<Payload> payloads{HashPayload{sa.keymat->hash_i(sa.sa_i_body, sa.id_i_body)}};
  Phase1Steps::add_nat_d(sa, payloads);  // for the 500 path the peer saw
  // RFC 3947 4: with a NAT, the initiator moves to 4500 with the HASH message.
  if (sa.nat.any()) sa.float_ports(ctx.settings().nat_t_port);
  Bytes wire = encode_plain_message(sa.header(ExchangeType::aggressive, 0), payloads);
  ctx.send(sa, 0, std::move(wire), types_of(payloads), false);
  Phase1Steps::established(sa, ctx);
}

void AggressiveMode::on_am3(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                            const Datagram& datagram) {
  const auto* hash = message.find<HashPayload>();
  if (!hash) return Phase1Steps::log_malformed(sa, ctx, "Aggressive Mode 3 without HASH");
  if (!constant_time_equal(hash->data, sa.keymat->hash_i(sa.sa_i_body, sa.id_i_body))) {
    return Phase1Steps::fail(sa, ctx, LogMessage::authentication_failed,
                             NotifyType::authentication_failed);
  }
  sa.tasks.answered(0);
  Phase1Steps::detect_nat(sa, message, sa.local, sa.peer);
  sa.local = datagram.destination;
  sa.peer = datagram.source;
  Phase1Steps::established(sa, ctx);
}

}  // namespace ipsec_fpga::ike
