// The CBC IV the engine makes on chip: E_K(nonce) under the SA's own key
// (NIST SP 800-38A appendix C), nonce = {16-bit SA index, sequence[47:0]}.
// An AES nonce block is the nonce followed by 8 zero bytes; a DES block is
// the nonce. The reference model is handed this IV to predict the packet.
#pragma once

#include <cstdint>

#include "bytes.hpp"
#include "security_association.hpp"

namespace ipsec_fpga::verif::esp_rtl {

// Empty for ciphers without a CBC IV (NULL, GCM: its IV is the sequence).
Bytes cbc_onchip_iv(const esp::SecurityAssociation& sa, unsigned sa_index, std::uint64_t sequence);

// The 8-byte GCM IV the engine uses: the sequence number, big-endian.
Bytes gcm_sequence_iv(std::uint64_t sequence);

}  // namespace ipsec_fpga::verif::esp_rtl
