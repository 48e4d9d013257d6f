#pragma once
// One ISAKMP SA (Phase 1) and everything negotiated under it: cookies, the
// Phase 1 negotiation state, keys and IVs, NAT-T state, the Quick Modes in
// progress, the IPsec SAs it created, and its TaskManager.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "ike/child_sa.hpp"
#include "ike/diffie_hellman.hpp"
#include "ike/engine_output.hpp"
#include "ike/isakmp_message.hpp"
#include "ike/keymat.hpp"
#include "ike/nat_detection.hpp"
#include "ike/quick_mode.hpp"
#include "ike/rule.hpp"
#include "ike/task_manager.hpp"

namespace ipsec_fpga::ike {

class IkeSa {
 public:
  enum class Role { initiator, responder };
  enum class State {
    main_i1_sent,  // initiator sent SA
    main_i2_sent,  // initiator sent KE NONCE
    main_i3_sent,  // initiator sent ID HASH
    main_r1_sent,  // responder sent SA
    main_r2_sent,  // responder sent KE NONCE
    aggressive_i1_sent,
    aggressive_r1_sent,
    established,
    dead,  // to be removed by the engine
  };

  IkeSa(const EngineSettings& settings, Role our_role, const Rule& our_rule, Phase1Mode phase1_mode,
        Endpoint local_endpoint, Endpoint peer_endpoint)
      : role(our_role),
        mode(phase1_mode),
        rule(&our_rule),
        local(local_endpoint),
        peer(peer_endpoint),
        tasks(settings) {}

  bool established() const { return state == State::established; }
  bool initiator() const { return role == Role::initiator; }

  IsakmpHeader header(ExchangeType exchange, std::uint32_t message_id) const;
  // Encrypts with the IV of exchange `message_id` and chains it.
  Result<Bytes> seal(ExchangeType exchange, std::uint32_t message_id,
                     std::span<const Payload> payloads);
  // Decrypts with the IV of the exchange; the IV only advances on success.
  Result<IsakmpMessage> open(ByteView raw, std::uint32_t message_id);
  // Phase 1 is over: later exchanges derive their IVs from the current one.
  void freeze_phase1_iv() { last_phase1_iv = phase1_iv; }
  // RFC 3947 4: after NAT detection, IKE continues on port 4500 both ways.
  void float_ports(std::uint16_t nat_t_port);

  Role role;
  Phase1Mode mode;
  const Rule* rule;
  Endpoint local;
  Endpoint peer;
  Cookie initiator_cookie{};
  Cookie responder_cookie{};
  State state = State::main_i1_sent;

  std::optional<Phase1Suite> suite;
  Bytes sa_i_body;  // SAi_b: the initiator's SA payload body, for HASH_I/HASH_R
  std::optional<DiffieHellman> dh;
  Bytes peer_public;
  Bytes ni, nr;
  Bytes id_i_body, id_r_body;
  std::optional<Keymat> keymat;
  bool peer_supports_nat_t = false;
  NatDetection::Verdict nat;

  Bytes phase1_iv;
  Bytes last_phase1_iv;
  std::map<std::uint32_t, Bytes> exchange_ivs;

  TaskManager tasks;
  int errors = 0;
  std::map<std::uint32_t, QuickMode> quick_modes;
  std::vector<ChildSa> children;
  int pending_phase2 = 0;               // Quick Modes requested before Phase 1 was up
  std::uint64_t phase2_not_before = 0;  // when pending Quick Modes may start
  std::uint64_t give_up_at = 0;         // half-open responder SAs expire
};

}  // namespace ipsec_fpga::ike
