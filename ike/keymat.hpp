#pragma once
// IKEv1 key material of one ISAKMP SA (RFC 2409 5, 5.5 and appendix B):
// SKEYID for pre-shared keys, SKEYID_d/a/e, the Phase 1 encryption key,
// HASH_I/HASH_R, Quick Mode HASH(1..3), the IVs and the ESP KEYMAT.

#include <cstdint>
#include <optional>

#include "ike/bytes.hpp"
#include "ike/cbc_cipher.hpp"
#include "ike/isakmp_header.hpp"
#include "ike/phase1_suite.hpp"
#include "ike/prf.hpp"
#include "ike/result.hpp"
#include "ike/secure_bytes.hpp"

namespace ipsec_fpga::ike {

class Keymat {
 public:
  struct Inputs {
    Phase1Suite suite;
    ByteView pre_shared_key;
    ByteView initiator_nonce;                    // Ni_b
    ByteView responder_nonce;                    // Nr_b
    const SecureBytes* shared_secret = nullptr;  // g^xy
    Cookie initiator_cookie{};
    Cookie responder_cookie{};
    ByteView initiator_public;  // g^xi
    ByteView responder_public;  // g^xr
  };
  static Result<Keymat> derive(const Inputs& in);

  const Phase1Suite& suite() const { return suite_; }
  const SecureBytes& skeyid() const { return skeyid_; }
  const SecureBytes& skeyid_d() const { return skeyid_d_; }
  const SecureBytes& skeyid_a() const { return skeyid_a_; }
  const SecureBytes& skeyid_e() const { return skeyid_e_; }
  const SecureBytes& encryption_key() const { return encryption_key_; }
  CbcCipher cipher() const { return CbcCipher(suite_.encryption, suite_.key_bits); }
  // hash(g^xi | g^xr) truncated to the cipher block.
  const Bytes& initial_iv() const { return initial_iv_; }

  // HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
  Bytes hash_i(ByteView sa_i_body, ByteView id_i_body) const;
  // HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
  Bytes hash_r(ByteView sa_i_body, ByteView id_r_body) const;
  // HASH(1) = prf(SKEYID_a, M-ID | payloads after HASH); also informational.
  Bytes hash_1(std::uint32_t message_id, ByteView after_hash) const;
  // HASH(2) = prf(SKEYID_a, M-ID | Ni_b | payloads after HASH)
  Bytes hash_2(std::uint32_t message_id, ByteView ni_b, ByteView after_hash) const;
  // HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)
  Bytes hash_3(std::uint32_t message_id, ByteView ni_b, ByteView nr_b) const;
  // hash(last Phase 1 IV | M-ID) truncated to the block (RFC 2409 appendix B).
  Bytes phase2_iv(ByteView last_phase1_iv, std::uint32_t message_id) const;
  // KEYMAT = K1 | K2 | ..., K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b),
  // Kn+1 = prf(SKEYID_d, Kn | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)   (RFC 2409 5.5)
  SecureBytes quick_mode_keymat(std::uint8_t protocol, ByteView spi,
                                const SecureBytes* pfs_shared_secret, ByteView ni_b, ByteView nr_b,
                                std::size_t size) const;

 private:
  Keymat(const Phase1Suite& suite) : suite_(suite), prf_(suite.hash) {}
  Bytes public_hash(const SecureBytes& value) const;

  Phase1Suite suite_;
  Prf prf_;
  SecureBytes skeyid_, skeyid_d_, skeyid_a_, skeyid_e_, encryption_key_;
  Bytes initial_iv_;
  Bytes g_xi_, g_xr_;
  Cookie cky_i_{}, cky_r_{};
};

// Bytes of a 32-bit message ID in network order.
std::array<std::uint8_t, 4> message_id_bytes(std::uint32_t message_id);

}  // namespace ipsec_fpga::ike
