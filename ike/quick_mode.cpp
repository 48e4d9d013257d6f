#include "ike/quick_mode.hpp"

#include "ike/exchange_context.hpp"
#include "ike/ike_sa.hpp"
#include "ike/informational.hpp"

namespace ipsec_fpga::ike {
namespace {

using Mode = ipsec_doi::EncapsulationMode;

Mode encapsulation(bool tunnel, bool nat) {
  if (tunnel) return nat ? Mode::udp_tunnel : Mode::tunnel;
  return nat ? Mode::udp_transport : Mode::transport;
}

bool is_tunnel(Mode m) { return m == Mode::tunnel || m == Mode::udp_tunnel; }
bool is_udp(Mode m) { return m == Mode::udp_tunnel || m == Mode::udp_transport; }

std::uint32_t random_spi(ExchangeContext& ctx, int rule) {
  if (const auto& source = ctx.settings().inbound_spi_source) {
    const std::uint32_t spi = source(rule);
    if (spi >= 0x100) return spi;
  }
  for (;;) {
    std::uint8_t b[4];
    ctx.random().fill(b);
    std::uint32_t spi = spi_value(b);
    if (spi >= 0x100) return spi;  // 1..255 are reserved (RFC 4303 2.1)
  }
}

std::vector<PayloadType> types_of(const std::vector<Payload>& payloads) {
  std::vector<PayloadType> out;
  for (const auto& p : payloads) out.push_back(payload_type(p));
  return out;
}

bool first_is_hash(const IsakmpMessage& m) {
  return !m.payloads.empty() && payload_type(m.payloads.front().payload) == PayloadType::hash;
}

const Bytes& hash_of(const IsakmpMessage& m) {
  return std::get<HashPayload>(m.payloads.front().payload).data;
}

void log_malformed(IkeSa& sa, ExchangeContext& ctx, const std::string& reason) {
  LogEvent event{LogMessage::malformed_packet, sa.rule->number, sa.peer.address};
  event.detail = reason;
  ctx.log(event);
}

LogMessage log_line(IdCheck::Verdict verdict) {
  switch (verdict) {
    case IdCheck::Verdict::local_id_failed:
      return LogMessage::verifying_local_id_failed;
    case IdCheck::Verdict::remote_id_failed:
      return LogMessage::verifying_remote_id_failed;
    case IdCheck::Verdict::conflicts_with_rule:
      return LogMessage::ips_conflict_with_rule;
    case IdCheck::Verdict::invalid_range:
      return LogMessage::invalid_ip;
    case IdCheck::Verdict::remote_range_conflicts:
      return LogMessage::remote_ip_conflicts;
    case IdCheck::Verdict::accepted:
      break;
  }
  return LogMessage::malformed_packet;
}

}  // namespace

std::optional<QuickMode> QuickMode::initiate(IkeSa& sa, ExchangeContext& ctx) {
  if (ctx.phase2_negotiations() >= ctx.policy().max_phase2_negotiations()) {
    ctx.log({LogMessage::active_connection_exceeded, sa.rule->number, sa.peer.address});
    return std::nullopt;
  }
  ctx.log({LogMessage::start_phase2_quick_mode, sa.rule->number, sa.peer.address});
  QuickMode qm(true, sa.tasks.new_message_id(ctx.random()));
  // One KE per message: every offered suite shares the first one's PFS group.
  for (const auto& s : sa.rule->phase2_suites) {
    if (s.pfs_group == sa.rule->phase2_suites.front().pfs_group) qm.offered_.push_back(s);
  }
  qm.inbound_spi_ = random_spi(ctx, sa.rule->number);
  qm.ni_.resize(ctx.settings().nonce_size);
  ctx.random().fill(qm.ni_);
  qm.local_ = sa.rule->local_selector;
  qm.remote_ = sa.rule->remote_selector;
  qm.mode_ = encapsulation(sa.rule->tunnel_mode, sa.nat.any());
  std::vector<Payload> body{ProposalCodec::esp_sa(qm.offered_, qm.inbound_spi_, qm.mode_),
                            NoncePayload{qm.ni_}};
  if (auto group = qm.offered_.front().pfs_group) {
    auto dh = DiffieHellman::create(*group, ctx.random());
    if (!dh) {
      log_malformed(sa, ctx, dh.reason());
      return std::nullopt;
    }
    qm.dh_.emplace(std::move(*dh));
    body.push_back(KeyExchangePayload{qm.dh_->public_value()});
  }
  body.push_back(qm.local_.to_id());
  body.push_back(qm.remote_.to_id());
  if (!sa.rule->tunnel_mode && sa.nat.any()) {
    // RFC 3947 5.2: transport mode tells the peer our original addresses.
    auto original = [](const IpAddress& address) {
      return NatOriginalAddressPayload{address.is_v4() ? IdType::ipv4_addr : IdType::ipv6_addr,
                                       Bytes(address.bytes().begin(), address.bytes().end())};
    };
    NatOriginalAddressPayload oai = original(sa.local.address);
    NatOriginalAddressPayload oar = original(sa.peer.address);
    body.push_back(oai);
    body.push_back(oar);
  }
  std::vector<Payload> payloads{
      HashPayload{sa.keymat->hash_1(qm.message_id_, encode_payload_chain(body))}};
  for (auto& p : body) payloads.push_back(std::move(p));
  auto wire = sa.seal(ExchangeType::quick_mode, qm.message_id_, payloads);
  if (!wire) {
    log_malformed(sa, ctx, wire.reason());
    return std::nullopt;
  }
  ctx.send(sa, qm.message_id_, std::move(*wire), types_of(payloads), true);
  return qm;
}

std::optional<QuickMode> QuickMode::respond(IkeSa& sa, ExchangeContext& ctx,
                                            const IsakmpMessage& qm1) {
  std::uint32_t mid = qm1.header.message_id;
  if (!first_is_hash(qm1) ||
      !constant_time_equal(hash_of(qm1), sa.keymat->hash_1(mid, qm1.after_hash()))) {
    log_malformed(sa, ctx, "Quick Mode 1 HASH(1) does not verify");
    return std::nullopt;
  }
  ctx.log({LogMessage::start_phase2_quick_mode, sa.rule->number, sa.peer.address});
  QuickMode qm(false, mid);
  qm.state_ = State::responder_sent_2;
  if (ctx.phase2_negotiations() >= ctx.policy().max_phase2_negotiations()) {
    ctx.log({LogMessage::active_connection_exceeded, sa.rule->number, sa.peer.address});
    return std::nullopt;
  }
  const auto* offered = qm1.find<SaPayload>();
  const auto* nonce = qm1.find<NoncePayload>();
  if (!offered || !nonce) {
    log_malformed(sa, ctx, "Quick Mode 1 without SA or NONCE");
    return std::nullopt;
  }
  qm.ni_ = nonce->data;
  // Offers whose encapsulation fits the rule (tunnel or transport, with or
  // without UDP encapsulation).
  std::vector<EspOffer> offers;
  for (auto& offer : ProposalCodec::esp_offers(*offered)) {
    if (is_tunnel(offer.mode) == sa.rule->tunnel_mode) offers.push_back(std::move(offer));
  }
  const auto* ke = qm1.find<KeyExchangePayload>();
  auto chosen = ProposalCodec::choose(offers, sa.rule->phase2_suites);
  if (!chosen || (chosen->suite.pfs_group.has_value() != (ke != nullptr))) {
    qm.fail(sa, ctx, LogMessage::no_proposal_chosen, NotifyType::no_proposal_chosen);
    return std::nullopt;
  }
  qm.chosen_ = chosen;
  qm.mode_ = chosen->mode;
  qm.outbound_spi_ = spi_value(chosen->spi);

  auto ids = qm1.find_all<IdentificationPayload>();
  TrafficSelector peer_local = TrafficSelector::host(sa.peer.address);
  TrafficSelector peer_remote = TrafficSelector::host(sa.local.address);
  if (ids.size() == 2) {
    auto a = TrafficSelector::from_id(*ids[0]);
    auto b = TrafficSelector::from_id(*ids[1]);
    if (!a || !b) {
      log_malformed(sa, ctx, a ? b.reason() : a.reason());
      qm.fail(sa, ctx, LogMessage::malformed_packet, NotifyType::invalid_id_information);
      return std::nullopt;
    }
    peer_local = *a;
    peer_remote = *b;
  } else if (!ids.empty()) {
    log_malformed(sa, ctx, "Quick Mode 1 with one ID payload");
    return std::nullopt;
  }
  IdCheck check = ctx.policy().verify_ids(*sa.rule, peer_local, peer_remote,
                                          ctx.other_peers_remote_selectors(sa));
  if (check.verdict != IdCheck::Verdict::accepted) {
    LogEvent event{log_line(check.verdict), check.conflicting_rule, sa.peer.address};
    if (check.verdict != IdCheck::Verdict::conflicts_with_rule) event.rule = sa.rule->number;
    event.range = check.offending_range;
    ctx.log(event);
    qm.fail(sa, ctx, LogMessage::malformed_packet, NotifyType::invalid_id_information);
    return std::nullopt;
  }
  qm.local_ = check.local;
  qm.remote_ = check.remote;

  std::vector<Payload> body;
  qm.inbound_spi_ = random_spi(ctx, sa.rule->number);
  body.push_back(ProposalCodec::esp_answer(*chosen, qm.inbound_spi_));
  qm.nr_.resize(ctx.settings().nonce_size);
  ctx.random().fill(qm.nr_);
  body.push_back(NoncePayload{qm.nr_});
  if (chosen->suite.pfs_group) {
    auto dh = DiffieHellman::create(*chosen->suite.pfs_group, ctx.random());
    if (!dh) {
      log_malformed(sa, ctx, dh.reason());
      return std::nullopt;
    }
    auto secret = dh->shared_secret(ke->data);
    if (!secret) {
      log_malformed(sa, ctx, secret.reason());
      qm.fail(sa, ctx, LogMessage::malformed_packet, NotifyType::invalid_key_information);
      return std::nullopt;
    }
    qm.pfs_secret_ = std::move(*secret);
    body.push_back(KeyExchangePayload{dh->public_value()});
  }
  if (ids.size() == 2) {
    // Our answer carries the (possibly narrowed) selectors in the peer's order.
    IdentificationPayload idci = qm.remote_.to_id();
    IdentificationPayload idcr = qm.local_.to_id();
    body.push_back(idci);
    body.push_back(idcr);
  }
  std::vector<Payload> payloads{
      HashPayload{sa.keymat->hash_2(mid, qm.ni_, encode_payload_chain(body))}};
  for (auto& p : body) payloads.push_back(std::move(p));
  auto wire = sa.seal(ExchangeType::quick_mode, mid, payloads);
  if (!wire) {
    log_malformed(sa, ctx, wire.reason());
    return std::nullopt;
  }
  ctx.send(sa, mid, std::move(*wire), types_of(payloads), true);
  return qm;
}

void QuickMode::on_message(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message) {
  if (state_ == State::initiator_sent_1) return on_qm2(sa, ctx, message);
  if (state_ == State::responder_sent_2) return on_qm3(sa, ctx, message);
  log_malformed(sa, ctx, "Quick Mode message after the exchange ended");
}

void QuickMode::on_qm2(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message) {
  if (!first_is_hash(message) ||
      !constant_time_equal(hash_of(message),
                           sa.keymat->hash_2(message_id_, ni_, message.after_hash()))) {
    return log_malformed(sa, ctx, "Quick Mode 2 HASH(2) does not verify");
  }
  sa.tasks.answered(message_id_);
  const auto* answer = message.find<SaPayload>();
  const auto* nonce = message.find<NoncePayload>();
  const auto* ke = message.find<KeyExchangePayload>();
  if (!answer || !nonce) {
    return fail(sa, ctx, LogMessage::malformed_packet, std::nullopt);
  }
  auto offers = ProposalCodec::esp_offers(*answer);
  auto chosen = offers.size() == 1 ? ProposalCodec::choose(offers, offered_) : std::nullopt;
  if (!chosen || chosen->suite.pfs_group.has_value() != (ke != nullptr)) {
    return fail(sa, ctx, LogMessage::no_proposal_chosen, NotifyType::no_proposal_chosen);
  }
  chosen_ = chosen;
  outbound_spi_ = spi_value(chosen->spi);
  mode_ = chosen->mode;
  nr_ = nonce->data;
  if (dh_) {
    auto secret = dh_->shared_secret(ke->data);
    if (!secret)
      return fail(sa, ctx, LogMessage::malformed_packet, NotifyType::invalid_key_information);
    pfs_secret_ = std::move(*secret);
  }
  auto ids = message.find_all<IdentificationPayload>();
  if (ids.size() == 2) {
    auto local = TrafficSelector::from_id(*ids[0]);
    auto remote = TrafficSelector::from_id(*ids[1]);
    // Narrowing: the responder may answer with a part of what we proposed.
    if (!local || !local_.contains(*local)) {
      return fail(sa, ctx, LogMessage::verifying_local_id_failed,
                  NotifyType::invalid_id_information);
    }
    if (!remote || !remote_.contains(*remote)) {
      return fail(sa, ctx, LogMessage::verifying_remote_id_failed,
                  NotifyType::invalid_id_information);
    }
    local_ = *local;
    remote_ = *remote;
  }
  std::vector<Payload> payloads{HashPayload{sa.keymat->hash_3(message_id_, ni_, nr_)}};
  auto wire = sa.seal(ExchangeType::quick_mode, message_id_, payloads);
  if (!wire) return log_malformed(sa, ctx, wire.reason());
  ctx.send(sa, message_id_, std::move(*wire), types_of(payloads), false);
  install(sa, ctx);
}

void QuickMode::on_qm3(IkeSa& sa, ExchangeContext& ctx, const IsakmpMessage& message) {
  if (!first_is_hash(message) ||
      !constant_time_equal(hash_of(message), sa.keymat->hash_3(message_id_, ni_, nr_))) {
    return log_malformed(sa, ctx, "Quick Mode 3 HASH(3) does not verify");
  }
  sa.tasks.answered(message_id_);
  install(sa, ctx);
}

void QuickMode::fail(IkeSa& sa, ExchangeContext& ctx, LogMessage why,
                     std::optional<NotifyType> notify) {
  if (why != LogMessage::malformed_packet) ctx.log({why, sa.rule->number, sa.peer.address});
  if (notify)
    Informational::send_notify(sa, ctx, *notify, ProtocolId::esp,
                               spi_bytes(inbound_spi_ ? inbound_spi_ : outbound_spi_));
  sa.tasks.answered(message_id_);
  state_ = State::failed;
}

void QuickMode::install(IkeSa& sa, ExchangeContext& ctx) {
  const EspSuite& suite = chosen_->suite;
  std::size_t enc = suite.encryption_key_size();
  std::size_t size = enc + suite.integrity_key_size();
  const SecureBytes* pfs = pfs_secret_.empty() ? nullptr : &pfs_secret_;
  auto keys = [&](std::uint32_t spi) {
    SecureBytes keymat = sa.keymat->quick_mode_keymat(static_cast<std::uint8_t>(ProtocolId::esp),
                                                      spi_bytes(spi), pfs, ni_, nr_, size);
    EspKeys k;
    k.spi = spi;
    k.encryption_key = SecureBytes(keymat.view().first(enc));
    k.integrity_key = SecureBytes(keymat.view().subspan(enc));
    return k;
  };
  SaInstall out;
  out.rule = sa.rule->number;
  out.local = sa.local;
  out.remote = sa.peer;
  out.tunnel_mode = is_tunnel(mode_);
  out.udp_encapsulated = is_udp(mode_);
  out.suite = suite;
  out.inbound = keys(inbound_spi_);
  out.outbound = keys(outbound_spi_);
  out.local_selector = local_;
  out.remote_selector = remote_;
  sa.children.push_back({inbound_spi_, outbound_spi_, local_, remote_});
  ctx.install(std::move(out));
  pfs_secret_.clear();
  dh_.reset();
  state_ = State::done;
}

}  // namespace ipsec_fpga::ike
