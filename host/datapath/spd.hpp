// The security policy database: which rule protects an outbound inner
// packet, that rule's current outbound SA (on the board) and peer, and
// which rule each inbound SPI belongs to.
//
// Rules match in the order they were added; the first rule whose local
// selector holds the packet's source and whose remote selector holds its
// destination wins (a selector's protocol/port, when set, must match too).
// Thread-safe: the IKE side installs SAs while the data path looks up.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "board/board.hpp"
#include "host/datapath/ipv4_header.hpp"
#include "ike/traffic_selector.hpp"

namespace ipsec_fpga::host {

// How ESP crosses the WAN. The board always makes and takes bare ESP (SPI
// onwards); the sockets add and strip the outer headers (docs/datapath.md).
enum class EspTransport : std::uint8_t {
  udp_4500,  // RFC 3948 UDP encapsulation, port 4500
  raw_esp,   // IP protocol 50
};
std::string_view to_string(EspTransport transport);

inline constexpr std::uint16_t nat_t_port = 4500;

struct SpdRule {
  int number = 0;
  ike::TrafficSelector local;            // our side: source of outbound packets
  ike::TrafficSelector remote;           // the peer's side: their destination
  std::chrono::seconds idle_timeout{0};  // 0: never idle out
};

struct OutboundSa {
  driver::SaHandle sa;                   // installed with Encapsulation::bare_esp
  ike::IpAddress peer;                   // the secure gateway: outer destination
  std::uint16_t peer_port = nat_t_port;  // UDP only (a NAT may have changed it)
  EspTransport transport = EspTransport::udp_4500;
};

enum class SpdVerdict : std::uint8_t {
  protect,            // send through `sa`
  needs_negotiation,  // the rule has no SA: start IKE for `rule`
  no_rule,            // no rule covers the packet
};
std::string_view to_string(SpdVerdict verdict);

struct SpdMatch {
  SpdVerdict verdict = SpdVerdict::no_rule;
  int rule = 0;
  OutboundSa sa;  // protect only
};

class Spd {
 public:
  // Appends a rule (it matches after the ones already there). Throws
  // std::invalid_argument for a duplicate number or an invalid selector.
  void add_rule(const SpdRule& rule);
  // Removes the rule and forgets its SAs (the caller removes them from the board).
  void remove_rule(int number);
  std::vector<SpdRule> rules() const;
  std::optional<SpdRule> rule(int number) const;

  // Throws std::invalid_argument for an unknown rule.
  void set_outbound_sa(int rule, const OutboundSa& sa);  // replaces the old one (rekey)
  void clear_outbound_sa(int rule);
  std::optional<OutboundSa> outbound_sa(int rule) const;
  void add_inbound_sa(int rule, std::uint32_t spi);
  void remove_inbound_sa(std::uint32_t spi);
  std::optional<int> rule_for_inbound_spi(std::uint32_t spi) const;
  std::vector<std::uint32_t> inbound_spis(int rule) const;

  SpdMatch lookup_outbound(const Ipv4Header& packet) const;
  // An inner packet that came in on `rule`'s SA: source in the remote
  // selector, destination in the local one (RFC 4301 inbound check).
  bool inbound_allowed(int rule, const Ipv4Header& inner) const;

 private:
  struct Entry {
    SpdRule rule;
    std::optional<OutboundSa> outbound;
    std::vector<std::uint32_t> inbound_spis;
  };
  Entry* find(int number);
  const Entry* find(int number) const;
  Entry& require(int number);

  mutable std::mutex mutex_;
  std::vector<Entry> entries_;  // in match order
  std::map<std::uint32_t, int> rule_by_spi_;
};

}  // namespace ipsec_fpga::host
