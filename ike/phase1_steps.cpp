#include "ike/phase1_steps.hpp"

#include <algorithm>

#include "ike/informational.hpp"

namespace ipsec_fpga::ike {

Bytes Phase1Steps::random_bytes(ExchangeContext& ctx, std::size_t size) {
  Bytes out(size);
  ctx.random().fill(out);
  return out;
}

Cookie Phase1Steps::random_cookie(ExchangeContext& ctx) {
  Cookie c{};
  do {
    ctx.random().fill(c);
  } while (is_zero(c));
  return c;
}

bool Phase1Steps::has_nat_t_vendor_id(const IsakmpMessage& message) {
  for (const auto* vid : message.find_all<VendorIdPayload>()) {
    if (std::equal(vid->data.begin(), vid->data.end(), std::begin(kRfc3947VendorId),
                   std::end(kRfc3947VendorId))) {
      return true;
    }
  }
  return false;
}

void Phase1Steps::add_vendor_ids(const IkeSa& sa, std::vector<Payload>& payloads) {
  if (sa.rule->nat_traversal) {
    payloads.push_back(
        VendorIdPayload{Bytes(std::begin(kRfc3947VendorId), std::end(kRfc3947VendorId))});
  }
}

void Phase1Steps::add_nat_d(const IkeSa& sa, std::vector<Payload>& payloads) {
  if (!sa.rule->nat_traversal || !sa.peer_supports_nat_t) return;
  HashAlgorithm h = sa.suite->hash;
  payloads.push_back(NatDiscoveryPayload{
      NatDetection::hash(h, sa.initiator_cookie, sa.responder_cookie, sa.peer)});
  payloads.push_back(NatDiscoveryPayload{
      NatDetection::hash(h, sa.initiator_cookie, sa.responder_cookie, sa.local)});
}

void Phase1Steps::detect_nat(IkeSa& sa, const IsakmpMessage& message, const Endpoint& to,
                             const Endpoint& from) {
  if (!sa.rule->nat_traversal || !sa.peer_supports_nat_t) return;
  std::vector<Bytes> hashes;
  for (const auto* p : message.find_all<NatDiscoveryPayload>()) hashes.push_back(p->hash);
  sa.nat = NatDetection::check(sa.suite->hash, sa.initiator_cookie, sa.responder_cookie, hashes, to,
                               from);
}

bool Phase1Steps::make_dh(IkeSa& sa, ExchangeContext& ctx) {
  auto dh = DiffieHellman::create(sa.suite->group, ctx.random());
  if (!dh) {
    log_malformed(sa, ctx, dh.reason());
    return false;
  }
  sa.dh.emplace(std::move(*dh));
  return true;
}

bool Phase1Steps::derive_keys(IkeSa& sa, ExchangeContext& ctx) {
  auto secret = sa.dh->shared_secret(sa.peer_public);
  if (!secret) {
    fail(sa, ctx, LogMessage::malformed_packet, NotifyType::invalid_key_information,
         secret.reason());
    return false;
  }
  const Bytes& own = sa.dh->public_value();
  ByteView gxi = sa.initiator() ? ByteView(own) : ByteView(sa.peer_public);
  ByteView gxr = sa.initiator() ? ByteView(sa.peer_public) : ByteView(own);
  auto keymat = Keymat::derive({*sa.suite, sa.rule->pre_shared_key.view(), sa.ni, sa.nr, &*secret,
                                sa.initiator_cookie, sa.responder_cookie, gxi, gxr});
  if (!keymat) {
    log_malformed(sa, ctx, keymat.reason());
    sa.state = IkeSa::State::dead;
    return false;
  }
  sa.keymat.emplace(std::move(*keymat));
  sa.phase1_iv = sa.keymat->initial_iv();
  return true;
}

IdentificationPayload Phase1Steps::local_id(const IkeSa& sa) {
  if (sa.rule->local_id) return *sa.rule->local_id;
  IdentificationPayload id;
  id.type = sa.rule->local_address.is_v4() ? IdType::ipv4_addr : IdType::ipv6_addr;
  append(id.data, sa.rule->local_address.bytes());
  return id;
}

bool Phase1Steps::peer_id_acceptable(const IkeSa& sa, const IdentificationPayload& id) {
  if (sa.rule->peer_id) {
    return sa.rule->peer_id->type == id.type && sa.rule->peer_id->data == id.data;
  }
  // Without a configured ID any address ID is fine (the PSK authenticates);
  // a fixed gateway must name its own address.
  if (id.type != IdType::ipv4_addr && id.type != IdType::ipv6_addr) return true;
  if (!sa.rule->peer_address) return true;
  auto address = IpAddress::from_bytes(id.data);
  // Behind a NAT the peer names its private address.
  return address && (*address == *sa.rule->peer_address || sa.nat.peer_behind_nat);
}

void Phase1Steps::fail(IkeSa& sa, ExchangeContext& ctx, LogMessage why,
                       std::optional<NotifyType> notify, const std::string& detail) {
  LogEvent event{why, sa.rule->number, sa.peer.address};
  event.detail = detail;
  ctx.log(event);
  if (notify) Informational::send_notify(sa, ctx, *notify, ProtocolId::isakmp, {});
  sa.state = IkeSa::State::dead;
}

void Phase1Steps::log_malformed(IkeSa& sa, ExchangeContext& ctx, const std::string& reason) {
  LogEvent event{LogMessage::malformed_packet, sa.rule->number, sa.peer.address};
  event.detail = reason;
  ctx.log(event);
}

void Phase1Steps::established(IkeSa& sa, ExchangeContext& ctx) {
  sa.state = IkeSa::State::established;
  sa.freeze_phase1_iv();
  sa.errors = 0;
  // The DH private value is no longer needed.
  sa.dh.reset();
  ctx.log({LogMessage::phase1_done, sa.rule->number, sa.peer.address});
  const bool sent_last = sa.mode == Phase1Mode::aggressive && sa.initiator();
  sa.phase2_not_before = ctx.now() + (sent_last ? ctx.settings().aggressive_phase2_delay_ms : 0);
  start_pending_phase2(sa, ctx);
}

void Phase1Steps::start_pending_phase2(IkeSa& sa, ExchangeContext& ctx) {
  if (!sa.established() || ctx.now() < sa.phase2_not_before) return;
  for (; sa.pending_phase2 > 0; --sa.pending_phase2) {
    if (auto qm = QuickMode::initiate(sa, ctx))
      sa.quick_modes.emplace(qm->message_id(), std::move(*qm));
  }
}

}  // namespace ipsec_fpga::ike
