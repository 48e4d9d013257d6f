#include "ike/keymat.hpp"

#include "ike/digest.hpp"

namespace ipsec_fpga::ike {

std::array<std::uint8_t, 4> message_id_bytes(std::uint32_t message_id) {
  return {static_cast<std::uint8_t>(message_id >> 24), static_cast<std::uint8_t>(message_id >> 16),
          static_cast<std::uint8_t>(message_id >> 8), static_cast<std::uint8_t>(message_id)};
}

Result<Keymat> Keymat::derive(const Inputs& in) {
  if (in.shared_secret == nullptr || in.shared_secret->empty()) return Error{"no DH shared secret"};
  if (in.pre_shared_key.empty()) return Error{"empty pre-shared key"};
  Keymat k(in.suite);
  CbcCipher cipher = k.cipher();
  if (!cipher.available()) return Error{name(in.suite.encryption) + " is not available"};
  const Prf& prf = k.prf_;
  const ByteView gxy = in.shared_secret->view();
  static constexpr std::uint8_t kZero[] = {0}, kOne[] = {1}, kTwo[] = {2};

  // SKEYID = prf(pre-shared-key, Ni_b | Nr_b)
  k.skeyid_ = prf.compute(in.pre_shared_key, {in.initiator_nonce, in.responder_nonce});
  // SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0), then _a and _e chained.
  k.skeyid_d_ =
      prf.compute(k.skeyid_.view(), {gxy, in.initiator_cookie, in.responder_cookie, kZero});
  k.skeyid_a_ = prf.compute(
      k.skeyid_.view(), {k.skeyid_d_.view(), gxy, in.initiator_cookie, in.responder_cookie, kOne});
  k.skeyid_e_ = prf.compute(
      k.skeyid_.view(), {k.skeyid_a_.view(), gxy, in.initiator_cookie, in.responder_cookie, kTwo});

  // Appendix B: stretch SKEYID_e when the cipher needs more key than it has.
  std::size_t need = cipher.key_size();
  if (k.skeyid_e_.size() >= need) {
    k.encryption_key_ = k.skeyid_e_;
  } else {
    SecureBytes block = prf.compute(k.skeyid_e_.view(), {kZero});
    k.encryption_key_ = block;
    while (k.encryption_key_.size() < need) {
      block = prf.compute(k.skeyid_e_.view(), {block.view()});
      k.encryption_key_.append(block.view());
    }
  }
  k.encryption_key_.truncate(need);

  k.g_xi_.assign(in.initiator_public.begin(), in.initiator_public.end());
  k.g_xr_.assign(in.responder_public.begin(), in.responder_public.end());
  k.cky_i_ = in.initiator_cookie;
  k.cky_r_ = in.responder_cookie;
  k.initial_iv_ = digest(in.suite.hash, {k.g_xi_, k.g_xr_});
  k.initial_iv_.resize(cipher.block_size());
  return k;
}

Bytes Keymat::public_hash(const SecureBytes& value) const {
  return Bytes(value.data(), value.data() + value.size());
}

Bytes Keymat::hash_i(ByteView sa_i_body, ByteView id_i_body) const {
  return public_hash(
      prf_.compute(skeyid_.view(), {g_xi_, g_xr_, cky_i_, cky_r_, sa_i_body, id_i_body}));
}

Bytes Keymat::hash_r(ByteView sa_i_body, ByteView id_r_body) const {
  return public_hash(
      prf_.compute(skeyid_.view(), {g_xr_, g_xi_, cky_r_, cky_i_, sa_i_body, id_r_body}));
}

Bytes Keymat::hash_1(std::uint32_t message_id, ByteView after_hash) const {
  auto mid = message_id_bytes(message_id);
  return public_hash(prf_.compute(skeyid_a_.view(), {mid, after_hash}));
}

Bytes Keymat::hash_2(std::uint32_t message_id, ByteView ni_b, ByteView after_hash) const {
  auto mid = message_id_bytes(message_id);
  return public_hash(prf_.compute(skeyid_a_.view(), {mid, ni_b, after_hash}));
}

Bytes Keymat::hash_3(std::uint32_t message_id, ByteView ni_b, ByteView nr_b) const {
  static constexpr std::uint8_t kZero[] = {0};
  auto mid = message_id_bytes(message_id);
  return public_hash(prf_.compute(skeyid_a_.view(), {kZero, mid, ni_b, nr_b}));
}

Bytes Keymat::phase2_iv(ByteView last_phase1_iv, std::uint32_t message_id) const {
  auto mid = message_id_bytes(message_id);
  Bytes iv = digest(suite_.hash, {last_phase1_iv, mid});
  iv.resize(cipher().block_size());
  return iv;
}

SecureBytes Keymat::quick_mode_keymat(std::uint8_t protocol, ByteView spi,
                                      const SecureBytes* pfs_shared_secret, ByteView ni_b,
                                      ByteView nr_b, std::size_t size) const {
  const std::uint8_t proto[] = {protocol};
  ByteView gqm = pfs_shared_secret ? pfs_shared_secret->view() : ByteView{};
  SecureBytes block = prf_.compute(skeyid_d_.view(), {gqm, proto, spi, ni_b, nr_b});
  SecureBytes out = block;
  while (out.size() < size) {
    block = prf_.compute(skeyid_d_.view(), {block.view(), gqm, proto, spi, ni_b, nr_b});
    out.append(block.view());
  }
  out.truncate(size);
  return out;
}

}  // namespace ipsec_fpga::ike
