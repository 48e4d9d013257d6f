#pragma once
// Everything ike/ asks the host to do: send a datagram, install or delete an
// ESP SA pair in the engine, write a log line.

#include <cstdint>
#include <variant>

#include "ike/esp_suite.hpp"
#include "ike/ip_address.hpp"
#include "ike/log_event.hpp"
#include "ike/secure_bytes.hpp"
#include "ike/traffic_selector.hpp"

namespace ipsec_fpga::ike {

inline constexpr std::uint16_t kIkePort = 500;
inline constexpr std::uint16_t kNatTraversalPort = 4500;

// A datagram in or out. On port 4500 (RFC 3948 2.2) `payload` is the ISAKMP
// message without the 4-byte non-ESP marker: the host adds it when sending
// to port 4500 and strips it from what it receives there.
struct Datagram {
  Endpoint source;
  Endpoint destination;
  Bytes payload;
};

struct EspKeys {
  std::uint32_t spi = 0;
  SecureBytes encryption_key;  // with the 4-byte salt last for AES-GCM
  SecureBytes integrity_key;
};

struct SaInstall {
  int rule = 0;
  Endpoint local;  // outer addresses; ports matter when UDP-encapsulated
  Endpoint remote;
  bool tunnel_mode = true;
  bool udp_encapsulated = false;  // RFC 3948, after NAT detection
  EspSuite suite;
  EspKeys inbound;
  EspKeys outbound;
  TrafficSelector local_selector;
  TrafficSelector remote_selector;
};

struct SaDelete {
  int rule = 0;
  IpAddress peer;
  std::uint32_t inbound_spi = 0;
  std::uint32_t outbound_spi = 0;
};

using EngineOutput = std::variant<Datagram, SaInstall, SaDelete, LogEvent>;

}  // namespace ipsec_fpga::ike
