#include "ike/ike_engine.hpp"

#include <algorithm>
#include <cmath>

#include "ike/aggressive_mode.hpp"
#include "ike/informational.hpp"
#include "ike/main_mode.hpp"
#include "ike/phase1_steps.hpp"
#include "ike/proposal_codec.hpp"

namespace ipsec_fpga::ike {

IkeEngine::IkeEngine(const Policy& policy, RandomSource& random, EngineSettings settings)
    : policy_(policy), random_(random), settings_(settings) {}

IkeEngine::~IkeEngine() = default;

std::optional<EngineOutput> IkeEngine::poll() {
  if (outputs_.empty()) return std::nullopt;
  EngineOutput out = std::move(outputs_.front());
  outputs_.pop_front();
  return out;
}

const IkeSa* IkeEngine::ike_sa(int rule) const {
  for (auto it = sas_.rbegin(); it != sas_.rend(); ++it) {
    if ((*it)->rule->number == rule && (*it)->state != IkeSa::State::dead) return it->get();
  }
  return nullptr;
}

void IkeEngine::log(LogEvent event) { outputs_.emplace_back(std::move(event)); }

void IkeEngine::send(IkeSa& sa, std::uint32_t message_id, Bytes wire,
                     std::vector<PayloadType> types, bool expect_answer) {
  Datagram datagram{sa.local, sa.peer, std::move(wire)};
  LogEvent event{LogMessage::send_payloads, sa.rule->number, sa.peer.address};
  event.payloads = std::move(types);
  log(std::move(event));
  sa.tasks.replied(message_id, datagram);
  if (expect_answer) sa.tasks.sent_request(message_id, datagram, now_);
  outputs_.emplace_back(std::move(datagram));
}

void IkeEngine::install(SaInstall install) { outputs_.emplace_back(std::move(install)); }

void IkeEngine::remove(const SaDelete& removal) { outputs_.emplace_back(removal); }

std::size_t IkeEngine::phase2_negotiations() const {
  std::size_t count = 0;
  for (const auto& sa : sas_) {
    for (const auto& [mid, qm] : sa->quick_modes) {
      count += qm.state() == QuickMode::State::initiator_sent_1 ||
               qm.state() == QuickMode::State::responder_sent_2;
    }
  }
  return count;
}

std::vector<TrafficSelector> IkeEngine::other_peers_remote_selectors(const IkeSa& sa) const {
  std::vector<TrafficSelector> out;
  for (const auto& other : sas_) {
    if (other->peer.address == sa.peer.address) continue;
    for (const auto& child : other->children) out.push_back(child.remote);
  }
  return out;
}

void IkeEngine::initial_contact(const IkeSa& sa) {
  for (auto& other : sas_) {
    if (other.get() == &sa || other->peer.address != sa.peer.address ||
        other->state == IkeSa::State::dead) {
      continue;
    }
    for (const auto& child : other->children) {
      remove({other->rule->number, other->peer.address, child.inbound_spi, child.outbound_spi});
    }
    other->children.clear();
    other->state = IkeSa::State::dead;
    LogEvent event{LogMessage::sa_deleted, other->rule->number, other->peer.address};
    event.detail = "peer sent INITIAL-CONTACT";
    log(std::move(event));
  }
}

bool IkeEngine::first_contact(const IkeSa& sa) const {
  return std::none_of(sas_.begin(), sas_.end(), [&](const auto& other) {
    return other.get() != &sa && other->state != IkeSa::State::dead &&
           other->peer.address == sa.peer.address;
  });
}

std::uint64_t IkeEngine::give_up_window() const {
  double total = 0;
  for (int n = 0; n <= settings_.retransmit_tries; ++n) {
    total += static_cast<double>(settings_.retransmit_timeout_ms) *
             std::pow(settings_.retransmit_base, n);
  }
  return static_cast<std::uint64_t>(total);
}

void IkeEngine::acquire(int rule_number) {
  LogEvent event{LogMessage::cannot_find_outbound_sa, rule_number};
  log(std::move(event));
  initiate(rule_number);
}

void IkeEngine::initiate(int rule_number) {
  const Rule* rule = policy_.rule_by_number(rule_number);
  if (rule == nullptr || !rule->peer_address || rule->phase1_suites.empty() ||
      rule->phase2_suites.empty()) {
    return;  // nothing to negotiate with: a dynamic rule only answers
  }
  for (auto& sa : sas_) {
    if (sa->rule != rule || sa->state == IkeSa::State::dead) continue;
    bool initiating = std::any_of(sa->quick_modes.begin(), sa->quick_modes.end(),
                                  [](const auto& qm) { return qm.second.is_initiator(); });
    if (!sa->established() || initiating || sa->pending_phase2 > 0) {
      log({LogMessage::negotiation_in_process, rule_number, sa->peer.address});
      return;
    }
    if (auto qm = QuickMode::initiate(*sa, *this)) {
      sa->quick_modes.emplace(qm->message_id(), std::move(*qm));
    }
    return;
  }
  auto sa = std::make_unique<IkeSa>(settings_, IkeSa::Role::initiator, *rule, rule->mode,
                                    Endpoint{rule->local_address, settings_.ike_port},
                                    Endpoint{*rule->peer_address, settings_.ike_port});
  sa->pending_phase2 = 1;
  IkeSa& ref = *sa;
  sas_.push_back(std::move(sa));
  if (rule->mode == Phase1Mode::main) {
    MainMode::initiate(ref, *this);
  } else {
    AggressiveMode::initiate(ref, *this);
  }
  remove_dead();
}

void IkeEngine::delete_rule(int rule_number) {
  for (auto& sa : sas_) {
    if (sa->rule->number != rule_number || sa->state == IkeSa::State::dead) continue;
    Informational::send_delete_all(*sa, *this);
    sa->state = IkeSa::State::dead;
  }
  remove_dead();
}

bool IkeEngine::delete_child(int rule_number, std::uint32_t inbound_spi) {
  for (auto& sa : sas_) {
    if (sa->rule->number != rule_number || sa->state == IkeSa::State::dead) continue;
    if (Informational::send_delete_child(*sa, *this, inbound_spi)) return true;
  }
  return false;
}

void IkeEngine::send_failed(const Datagram& datagram) {
  log({LogMessage::failed_to_send, 0, datagram.destination.address});
}

IkeSa* IkeEngine::find(const IsakmpHeader& h, const IpAddress& source) {
  for (auto& sa : sas_) {
    if (sa->state == IkeSa::State::dead || sa->initiator_cookie != h.initiator_cookie) continue;
    if (sa->responder_cookie == h.responder_cookie) return sa.get();
    if (sa->initiator() && is_zero(sa->responder_cookie)) return sa.get();
    if (!sa->initiator() && is_zero(h.responder_cookie) && sa->peer.address == source) {
      return sa.get();
    }
  }
  return nullptr;
}

void IkeEngine::new_responder(const Datagram& datagram, const IsakmpHeader& header) {
  auto message = decode_plain_message(datagram.payload);
  if (!message) {
    LogEvent event{LogMessage::malformed_packet, 0, datagram.source.address};
    event.detail = message.reason();
    log(std::move(event));
    return;
  }
  bool main = header.exchange == ExchangeType::identity_protection;
  log({main ? LogMessage::recv_main_mode_request : LogMessage::recv_aggressive_mode_request, 0,
       datagram.source.address});
  LogEvent recv{LogMessage::recv_payloads, 0, datagram.source.address};
  recv.payloads = message->types();
  log(std::move(recv));

  std::vector<Phase1Suite> offered;
  if (const auto* sa_payload = message->find<SaPayload>()) {
    for (const auto& offer : ProposalCodec::phase1_offers(*sa_payload))
      offered.push_back(offer.suite);
  }
  const Rule* rule = policy_.find_rule(datagram.source.address,
                                       main ? Phase1Mode::main : Phase1Mode::aggressive, offered);
  if (rule == nullptr) {
    log({LogMessage::no_proposal_chosen, 0, datagram.source.address});
    Cookie responder_cookie = Phase1Steps::random_cookie(*this);
    std::uint8_t mid[4];
    random_.fill(mid);
    Datagram notify = Informational::plain_notify(datagram.destination, datagram.source,
                                                  header.initiator_cookie, responder_cookie,
                                                  spi_value(mid), NotifyType::no_proposal_chosen);
    LogEvent sent{LogMessage::send_payloads, 0, datagram.source.address};
    sent.payloads = {PayloadType::notification};
    log(std::move(sent));
    outputs_.emplace_back(std::move(notify));
    return;
  }
  auto sa = std::make_unique<IkeSa>(settings_, IkeSa::Role::responder, *rule,
                                    main ? Phase1Mode::main : Phase1Mode::aggressive,
                                    datagram.destination, datagram.source);
  sa->initiator_cookie = header.initiator_cookie;
  sa->responder_cookie = Phase1Steps::random_cookie(*this);
  sa->state = main ? IkeSa::State::main_r1_sent : IkeSa::State::aggressive_r1_sent;
  sa->give_up_at = now_ + give_up_window();
  sa->tasks.received(0, datagram.payload);
  IkeSa& ref = *sa;
  sas_.push_back(std::move(sa));
  if (main) {
    MainMode::respond(ref, *this, *message);
  } else {
    AggressiveMode::respond(ref, *this, *message);
  }
}

void IkeEngine::receive(const Datagram& datagram) {
  auto header = IsakmpHeader::decode(datagram.payload);
  if (!header) {
    LogEvent event{LogMessage::malformed_packet, 0, datagram.source.address};
    event.detail = header.reason();
    log(std::move(event));
    return;
  }
  IkeSa* sa = find(*header, datagram.source.address);
  bool first_message =
      is_zero(header->responder_cookie) && (header->exchange == ExchangeType::identity_protection ||
                                            header->exchange == ExchangeType::aggressive);
  if (sa == nullptr) {
    if (first_message && !header->encrypted()) {
      std::size_t half_open =
          static_cast<std::size_t>(std::count_if(sas_.begin(), sas_.end(), [](const auto& s) {
            return !s->initiator() && !s->established();
          }));
      if (half_open >= settings_.max_half_open) {
        LogEvent event{LogMessage::malformed_packet, 0, datagram.source.address};
        event.detail = "too many half-open ISAKMP SAs, request dropped";
        log(std::move(event));
        return;
      }
      return new_responder(datagram, *header);
    }
    LogEvent event{LogMessage::malformed_packet, 0, datagram.source.address};
    event.detail = "no ISAKMP SA for these cookies";
    log(std::move(event));
    if (header->exchange != ExchangeType::informational) {
      // RFC 2408 5.2: tell the peer its cookies are unknown here.
      outputs_.emplace_back(Informational::plain_notify(
          datagram.destination, datagram.source, header->initiator_cookie, header->responder_cookie,
          header->message_id, NotifyType::invalid_cookie));
    }
    return;
  }
  std::optional<Datagram> reply;
  if (sa->tasks.is_duplicate(header->message_id, datagram.payload, reply)) {
    if (first_message) log({LogMessage::duplicate_request, sa->rule->number, sa->peer.address});
    if (reply) outputs_.emplace_back(*reply);
    return;
  }
  if (first_message && !sa->initiator()) {
    log({LogMessage::duplicate_request, sa->rule->number, sa->peer.address});
    return;
  }
  Result<IsakmpMessage> message = header->encrypted()
                                      ? sa->open(datagram.payload, header->message_id)
                                      : decode_plain_message(datagram.payload);
  if (!message) {
    Phase1Steps::log_malformed(*sa, *this, message.reason());
    count_error(*sa);
    remove_dead();
    return;
  }
  if (!header->encrypted() && sa->established()) {
    Phase1Steps::log_malformed(*sa, *this, "unencrypted message on an established ISAKMP SA");
    count_error(*sa);
    remove_dead();
    return;
  }
  LogEvent recv{LogMessage::recv_payloads, sa->rule->number, sa->peer.address};
  recv.payloads = message->types();
  log(std::move(recv));
  sa->tasks.received(header->message_id, datagram.payload);
  dispatch(*sa, *message, datagram);
  for (auto it = sa->quick_modes.begin(); it != sa->quick_modes.end();) {
    bool over = it->second.state() == QuickMode::State::done ||
                it->second.state() == QuickMode::State::failed;
    it = over ? sa->quick_modes.erase(it) : std::next(it);
  }
  // IVs of exchanges that ended (a retransmitted request is answered from
  // the TaskManager's reply cache, which needs no IV).
  for (auto it = sa->exchange_ivs.begin(); it != sa->exchange_ivs.end();) {
    it = sa->quick_modes.count(it->first) ? std::next(it) : sa->exchange_ivs.erase(it);
  }
  remove_dead();
}

void IkeEngine::dispatch(IkeSa& sa, const IsakmpMessage& message, const Datagram& datagram) {
  switch (message.header.exchange) {
    case ExchangeType::identity_protection:
      if (sa.mode != Phase1Mode::main || sa.established()) break;
      return MainMode::on_message(sa, *this, message, datagram);
    case ExchangeType::aggressive:
      if (sa.mode != Phase1Mode::aggressive || sa.established()) break;
      return AggressiveMode::on_message(sa, *this, message, datagram);
    case ExchangeType::quick_mode: {
      if (!sa.established() || message.header.message_id == 0) break;
      auto it = sa.quick_modes.find(message.header.message_id);
      if (it != sa.quick_modes.end()) return it->second.on_message(sa, *this, message);
      if (auto qm = QuickMode::respond(sa, *this, message)) {
        sa.quick_modes.emplace(qm->message_id(), std::move(*qm));
      }
      return;
    }
    case ExchangeType::informational:
      if (message.header.encrypted()) {
        if (!Informational::hash_valid(sa, message)) {
          Phase1Steps::log_malformed(sa, *this, "informational HASH(1) does not verify");
          return count_error(sa);
        }
        sa.exchange_ivs.erase(message.header.message_id);
        return Informational::on_message(sa, *this, message);
      }
      if (!sa.established()) return Informational::on_message(sa, *this, message);
      break;
  }
  Phase1Steps::log_malformed(
      sa, *this,
      "unexpected exchange type " + std::to_string(static_cast<unsigned>(message.header.exchange)));
  count_error(sa);
}

void IkeEngine::count_error(IkeSa& sa) {
  if (++sa.errors < settings_.max_errors) return;
  log({LogMessage::too_many_errors_deleting_sa, sa.rule->number, sa.peer.address});
  sa.state = IkeSa::State::dead;
}

void IkeEngine::tick(std::uint64_t now_ms) {
  now_ = std::max(now_, now_ms);
  for (auto& sa : sas_) {
    if (sa->state == IkeSa::State::dead) continue;
    Phase1Steps::start_pending_phase2(*sa, *this);
    auto result = sa->tasks.tick(now_);
    for (auto& datagram : result.resend) {
      log({LogMessage::packet_retransmit, sa->rule->number, sa->peer.address});
      outputs_.emplace_back(std::move(datagram));
    }
    for (std::uint32_t mid : result.exhausted) {
      log({LogMessage::too_many_errors_deleting_sa, sa->rule->number, sa->peer.address});
      if (mid == 0) {
        sa->state = IkeSa::State::dead;
      } else {
        sa->quick_modes.erase(mid);
        sa->exchange_ivs.erase(mid);
        sa->tasks.forget(mid);
      }
    }
    if (!sa->established() && sa->state != IkeSa::State::dead && !sa->initiator() &&
        now_ >= sa->give_up_at) {
      log({LogMessage::too_many_errors_deleting_sa, sa->rule->number, sa->peer.address});
      sa->state = IkeSa::State::dead;
    }
  }
  remove_dead();
}

void IkeEngine::remove_dead() {
  sas_.erase(std::remove_if(sas_.begin(), sas_.end(),
                            [](const auto& sa) { return sa->state == IkeSa::State::dead; }),
             sas_.end());
}

}  // namespace ipsec_fpga::ike
