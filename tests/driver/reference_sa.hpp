// The ESP reference model's SA as the driver's SaParameters (the enums share
// the sa_layout value order), for tests that check the driver against it.
#pragma once

#include "sa/sa_parameters.hpp"
#include "security_association.hpp"

namespace ipsec_fpga::driver::test {

inline SecretBytes secret(const verif::esp::SecretBytes& s) {
  return SecretBytes(std::span<const std::uint8_t>(s.data(), s.size()));
}

inline SaParameters parameters(const verif::esp::SecurityAssociation& sa,
                               std::uint32_t error_threshold = 0) {
  SaParameters p;
  p.direction = static_cast<Direction>(sa.direction);
  p.mode = static_cast<Mode>(sa.mode);
  p.encapsulation = static_cast<Encapsulation>(sa.encapsulation);
  p.esn = sa.extended_sequence_numbers;
  p.cipher = static_cast<Cipher>(sa.suite.cipher);
  p.integrity = static_cast<Integrity>(sa.suite.integrity);
  p.cipher_key = secret(sa.cipher_key);
  p.integrity_key = secret(sa.integrity_key);
  if (is_gcm(p.cipher)) p.gcm_salt = SecretBytes(sa.gcm_salt);
  p.spi = sa.spi;
  p.tunnel_source = sa.tunnel_source;
  p.tunnel_destination = sa.tunnel_destination;
  p.udp_source_port = sa.udp_source_port;
  p.ttl = sa.ttl;
  p.replay_window = sa.replay_window;
  p.lifetime = {sa.lifetime.soft_bytes, sa.lifetime.hard_bytes, sa.lifetime.soft_packets,
                sa.lifetime.hard_packets};
  p.error_threshold = error_threshold;
  p.enabled = sa.enabled;
  p.initial_sequence = sa.sequence;
  return p;
}

}  // namespace ipsec_fpga::driver::test
