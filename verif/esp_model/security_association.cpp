#include "security_association.hpp"

namespace ipsec_fpga::verif::esp {

std::string validation_error(const SecurityAssociation& sa) {
  const CipherProperties cipher = properties(sa.suite.cipher);
  const IntegrityProperties integrity = properties(sa.suite.integrity);
  if (sa.spi < 256) return "SPI values 0..255 are reserved (RFC 4303 section 2.1)";
  if (cipher.aead && sa.suite.integrity != Integrity::none)
    return "GCM provides its own integrity; no separate HMAC";
  if (sa.suite.cipher == Cipher::null && sa.suite.integrity == Integrity::none)
    return "NULL encryption needs an integrity algorithm (RFC 4303 section 3.2)";
  if (sa.cipher_key.size() != cipher.key_size)
    return "cipher key must be " + std::to_string(cipher.key_size) + " bytes for " +
           std::string(to_string(sa.suite.cipher));
  if (sa.integrity_key.size() != integrity.key_size)
    return "integrity key must be " + std::to_string(integrity.key_size) + " bytes for " +
           std::string(to_string(sa.suite.integrity));
  if (sa.replay_window < minimum_replay_window || sa.replay_window > maximum_replay_window)
    return "replay window must be 64..1024 packets";
  const std::uint64_t last_sequence =
      sa.extended_sequence_numbers ? ~std::uint64_t{0} : std::uint64_t{0xffffffff};
  if (sa.sequence > last_sequence) return "sequence number beyond the 32-bit space without ESN";
  return {};
}

}  // namespace ipsec_fpga::verif::esp
