#include "ike/main_mode.hpp"

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
  Bytes wire = encode_plain_message(sa.header(ExchangeType::identity_protection, 0), payloads);
  ctx.send(sa, 0, std::move(wire), types_of(payloads), expect_answer);
}

NotificationPayload initial_contact(const IkeSa& sa) {
  NotificationPayload n;
  n.protocol = ProtocolId::isakmp;
  n.type = NotifyType::initial_contact;
  append(n.spi, sa.initiator_cookie);
  append(n.spi, sa.responder_cookie);
  return n;
}

bool wants_initial_contact(const IsakmpMessage& message) {
  for (const auto* n : message.find_all<NotificationPayload>()) {
    if (n->type == NotifyType::initial_contact) return true;
  }
  return false;
}

}  // namespace

void MainMode::send_encrypted(IkeSa& sa, ExchangeContext& ctx, std::vector<Payload> payloads,
                              bool expect_answer) {
  auto wire = sa.seal(ExchangeType::identity_protection, 0, payloads);
  if (!wire) {
    Phase1Steps::fail(sa, ctx, LogMessage::malformed_packet, std::nullopt, wire.reason());
    return;
  }
  ctx.send(sa, 0, std::move(*wire), types_of(payloads), expect_answer);
}

void MainMode::initiate(IkeSa& sa, ExchangeContext& ctx) {
  sa.initiator_cookie = Phase1Steps::random_cookie(ctx);
  sa.state = IkeSa::State::main_i1_sent;
  SaPayload offer = ProposalCodec::phase1_sa(sa.rule->phase1_suites);
  sa.sa_i_body = encode_payload_body(offer);
  std::vector<Payload> payloads{offer};
  Phase1Steps::add_vendor_ids(sa, payloads);
  ctx.log({LogMessage::send_main_mode_request, sa.rule->number, sa.peer.address});
  send_plain(sa, ctx, payloads, true);
}

void MainMode::respond(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& mm1) {
  const auto* offered = mm1.find<SaPayload>();
  auto offers = offered ? ProposalCodec::phase1_offers(*offered) : std::vector<Phase1Offer>{};
  auto chosen = ProposalCodec::choose(offers, sa.rule->phase1_suites);
  if (!chosen) {
    Phase1Steps::fail(sa, ctx, LogMessage::no_proposal_chosen, NotifyType::no_proposal_chosen);
    return;
  }
  sa.suite = chosen->suite;
  ByteView body = mm1.body_of(PayloadType::sa);
  sa.sa_i_body.assign(body.begin(), body.end());
  sa.peer_supports_nat_t = Phase1Steps::has_nat_t_vendor_id(mm1);
  sa.state = IkeSa::State::main_r1_sent;
  std::vector<Payload> payloads{ProposalCodec::phase1_answer(*chosen)};
  Phase1Steps::add_vendor_ids(sa, payloads);
  send_plain(sa, ctx, payloads, false);
}

void MainMode::on_message(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                          const Datagram& datagram) {
  switch (sa.state) {
    case IkeSa::State::main_i1_sent:
      return on_mm2(sa, ctx, message);
    case IkeSa::State::main_r1_sent:
      return on_mm3(sa, ctx, message);
    case IkeSa::State::main_i2_sent:
      return on_mm4(sa, ctx, message, datagram);
    case IkeSa::State::main_r2_sent:
      return on_mm5(sa, ctx, message, datagram);
    case IkeSa::State::main_i3_sent:
      return on_mm6(sa, ctx, message);
    default:
      Phase1Steps::log_malformed(sa, ctx, "Main Mode message out of order");
  }
}

void MainMode::on_mm2(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message) {
  const auto* answer = message.find<SaPayload>();
  if (answer == nullptr) return Phase1Steps::log_malformed(sa, ctx, "Main Mode 2 without SA");
  sa.tasks.answered(0);
  auto offers = ProposalCodec::phase1_offers(*answer);
  auto chosen =
      offers.size() == 1 ? ProposalCodec::choose(offers, sa.rule->phase1_suites) : std::nullopt;
  if (!chosen) return Phase1Steps::fail(sa, ctx, LogMessage::no_proposal_chosen);
  sa.suite = chosen->suite;
  sa.responder_cookie = message.header.responder_cookie;
  sa.peer_supports_nat_t = Phase1Steps::has_nat_t_vendor_id(message);
  if (!Phase1Steps::make_dh(sa, ctx)) return;
  sa.ni = Phase1Steps::random_bytes(ctx, ctx.settings().nonce_size);
  std::vector<Payload> payloads{KeyExchangePayload{sa.dh->public_value()}, NoncePayload{sa.ni}};
  Phase1Steps::add_nat_d(sa, payloads);
  sa.state = IkeSa::State::main_i2_sent;
  send_plain(sa, ctx, payloads, true);
}

void MainMode::on_mm3(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message) {
  const auto* ke = message.find<KeyExchangePayload>();
  const auto* nonce = message.find<NoncePayload>();
  if (!ke || !nonce) return Phase1Steps::log_malformed(sa, ctx, "Main Mode 3 without KE or NONCE");
  sa.peer_public = ke->data;
  sa.ni = nonce->data;
  Phase1Steps::detect_nat(sa, message, sa.local, sa.peer);
  if (!Phase1Steps::make_dh(sa, ctx)) return;
  sa.nr = Phase1Steps::random_bytes(ctx, ctx.settings().nonce_size);
  if (!Phase1Steps::derive_keys(sa, ctx)) return;
  std::vector<Payload> payloads{KeyExchangePayload{sa.dh->public_value()}, NoncePayload{sa.nr}};
  Phase1Steps::add_nat_d(sa, payloads);
  sa.state = IkeSa::State::main_r2_sent;
  send_plain(sa, ctx, payloads, false);
}

void MainMode::on_mm4(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                      const Datagram& datagram) {
  const auto* ke = message.find<KeyExchangePayload>();
  const auto* nonce = message.find<NoncePayload>();
  if (!ke || !nonce) return Phase1Steps::log_malformed(sa, ctx, "Main Mode 4 without KE or NONCE");
  sa.tasks.answered(0);
  sa.peer_public = ke->data;
  sa.nr = nonce->data;
  Phase1Steps::detect_nat(sa, message, datagram.destination, datagram.source);
  if (!Phase1Steps::derive_keys(sa, ctx)) return;
  if (sa.nat.any()) sa.float_ports(ctx.settings().nat_t_port);
  IdentificationPayload id = Phase1Steps::local_id(sa);
  sa.id_i_body = encode_payload_body(id);
  std::vector<Payload> payloads{id, HashPayload{sa.keymat->hash_i(sa.sa_i_body, sa.id_i_body)}};
  if (sa.rule->initial_contact && ctx.first_contact(sa)) payloads.push_back(initial_contact(sa));
  sa.state = IkeSa::State::main_i3_sent;
  send_encrypted(sa, ctx, std::move(payloads), true);
}

void MainMode::on_mm5(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message,
                      const Datagram& datagram) {
  const auto* id = message.find<IdentificationPayload>();
  const auto* hash = message.find<HashPayload>();
  if (!id || !hash) return Phase1Steps::log_malformed(sa, ctx, "Main Mode 5 without ID or HASH");
  // The initiator may have moved to port 4500 (RFC 3947 4): follow it.
  sa.local = datagram.destination;
  sa.peer = datagram.source;
  ByteView id_body = message.body_of(PayloadType::identification);
  sa.id_i_body.assign(id_body.begin(), id_body.end());
  if (!constant_time_equal(hash->data, sa.keymat->hash_i(sa.sa_i_body, sa.id_i_body)) ||
      !Phase1Steps::peer_id_acceptable(sa, *id)) {
    return Phase1Steps::fail(sa, ctx, LogMessage::authentication_failed,
                             NotifyType::authentication_failed);
  }
  IdentificationPayload own = Phase1Steps::local_id(sa);
  sa.id_r_body = encode_payload_body(own);
  std::vector<Payload> payloads{own, HashPayload{sa.keymat->hash_r(sa.sa_i_body, sa.id_r_body)}};
  send_encrypted(sa, ctx, std::move(payloads), false);
  if (sa.state == IkeSa::State::dead) return;
  if (wants_initial_contact(message)) ctx.initial_contact(sa);
  Phase1Steps::established(sa, ctx);
}

void MainMode::on_mm6(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message) {
  const auto* id = message.find<IdentificationPayload>();
  const auto* hash = message.find<HashPayload>();
  if (!id || !hash) return Phase1Steps::log_malformed(sa, ctx, "Main Mode 6 without ID or HASH");
  sa.tasks.answered(0);
  ByteView id_body = message.body_of(PayloadType::identification);
  sa.id_r_body.assign(id_body.begin(), id_body.end());
  if (!constant_time_equal(hash->data, sa.keymat->hash_r(sa.sa_i_body, sa.id_r_body)) ||
      !Phase1Steps::peer_id_acceptable(sa, *id)) {
    return Phase1Steps::fail(sa, ctx, LogMessage::authentication_failed,
                             NotifyType::authentication_failed);
  }
  if (wants_initial_contact(message)) ctx.initial_contact(sa);
  Phase1Steps::established(sa, ctx);
}

}  // namespace ipsec_fpga::ike
