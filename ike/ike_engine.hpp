#pragma once
// The sans-IO IKEv1 engine: datagrams and clock ticks in; datagrams, ESP SA
// installs and deletes, and log events out (polled, like ngtcp2/nghttp2).
// It never touches a socket or a clock: the host feeds it and drains it.
// Deterministic for a given RandomSource and sequence of inputs.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "ike/engine_output.hpp"
#include "ike/engine_settings.hpp"
#include "ike/exchange_context.hpp"
#include "ike/ike_sa.hpp"
#include "ike/policy.hpp"
#include "ike/random_source.hpp"

namespace ipsec_fpga::ike {

class IkeEngine : private ExchangeContext {
 public:
  IkeEngine(const Policy& policy, RandomSource& random, EngineSettings settings = {});
  ~IkeEngine() override;
  IkeEngine(const IkeEngine&) = delete;
  IkeEngine& operator=(const IkeEngine&) = delete;

  // An outbound packet matched `rule` but no SA exists: logs "Cannot find
  // outbound SA for rule <#>" and negotiates.
  void acquire(int rule);
  // Negotiates Phase 1 (if needed) and a Quick Mode for `rule`.
  void initiate(int rule);
  // Deletes the rule's IPsec SAs and ISAKMP SA, telling the peer.
  void delete_rule(int rule);
  // Deletes one IPsec SA of `rule` (inbound SPI `inbound_spi`), telling the
  // peer; the ISAKMP SA stays (after a rekey). False if there is none.
  bool delete_child(int rule, std::uint32_t inbound_spi);
  // A datagram for UDP 500 or 4500 (non-ESP marker already stripped).
  void receive(const Datagram& datagram);
  // The time now, in milliseconds from any fixed origin; drives retransmits.
  void tick(std::uint64_t now_ms);
  // The host could not send a datagram we produced.
  void send_failed(const Datagram& datagram);

  std::optional<EngineOutput> poll();
  bool has_output() const { return !outputs_.empty(); }

  // The live ISAKMP SA of `rule` (the newest), for status and tests.
  const IkeSa* ike_sa(int rule) const;
  std::size_t ike_sa_count() const { return sas_.size(); }

 private:
  // ExchangeContext
  RandomSource& random() override { return random_; }
  const Policy& policy() const override { return policy_; }
  const EngineSettings& settings() const override { return settings_; }
  std::uint64_t now() const override { return now_; }
  void log(LogEvent event) override;
  void send(IkeSa& sa, std::uint32_t message_id, Bytes wire, std::vector<PayloadType> types,
            bool expect_answer) override;
  void install(SaInstall install) override;
  void remove(const SaDelete& removal) override;
  std::size_t phase2_negotiations() const override;
  std::vector<TrafficSelector> other_peers_remote_selectors(const IkeSa& sa) const override;
  void initial_contact(const IkeSa& sa) override;
  bool first_contact(const IkeSa& sa) const override;

  IkeSa* find(const IsakmpHeader& header, const IpAddress& source);
  void new_responder(const Datagram& datagram, const IsakmpHeader& header);
  void dispatch(IkeSa& sa, const IsakmpMessage& message, const Datagram& datagram);
  void count_error(IkeSa& sa);
  void remove_dead();
  std::uint64_t give_up_window() const;

  const Policy& policy_;
  RandomSource& random_;
  EngineSettings settings_;
  std::uint64_t now_ = 0;
  std::vector<std::unique_ptr<IkeSa>> sas_;
  std::deque<EngineOutput> outputs_;
};

}  // namespace ipsec_fpga::ike
