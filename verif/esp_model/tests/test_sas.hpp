// SAs for the tests: a matching outbound/inbound pair for any suite, mode
// and encapsulation, on documentation addresses.
#pragma once

#include <random>

#include "bytes.hpp"
#include "security_association.hpp"

namespace ipsec_fpga::verif::esp::test {

inline const Ipv4Address local_gateway{192, 0, 2, 1};   // RFC 5737 TEST-NET-1
inline const Ipv4Address peer_gateway{203, 0, 113, 1};  // RFC 5737 TEST-NET-3

inline SecurityAssociation make_sa(std::uint32_t spi, Direction direction, Suite suite, Mode mode,
                                   Encapsulation encapsulation, std::mt19937_64& rng) {
  SecurityAssociation sa;
  sa.spi = spi;
  sa.direction = direction;
  sa.mode = mode;
  sa.encapsulation = encapsulation;
  sa.tunnel_source = direction == Direction::outbound ? local_gateway : peer_gateway;
  sa.tunnel_destination = direction == Direction::outbound ? peer_gateway : local_gateway;
  sa.suite = suite;
  sa.cipher_key = SecretBytes(random_bytes(rng, properties(suite.cipher).key_size));
  sa.integrity_key = SecretBytes(random_bytes(rng, properties(suite.integrity).key_size));
  for (auto& b : sa.gcm_salt) b = static_cast<std::uint8_t>(rng());
  return sa;
}

// The inbound twin of an outbound SA: same SPI, suite and keys.
inline SecurityAssociation inbound_twin(const SecurityAssociation& outbound) {
  SecurityAssociation sa = outbound;
  sa.direction = Direction::inbound;
  std::swap(sa.tunnel_source, sa.tunnel_destination);
  return sa;
}

inline Bytes random_iv(std::mt19937_64& rng, const Suite& suite) {
  return random_bytes(rng, properties(suite.cipher).iv_size);
}

}  // namespace ipsec_fpga::verif::esp::test
