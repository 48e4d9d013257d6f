#include "ike/diffie_hellman.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/dh.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include <stdexcept>

#include "ike/crypto_context.hpp"

namespace ipsec_fpga::ike {
namespace {

struct BnDeleter {
  void operator()(BIGNUM* bn) const { BN_clear_free(bn); }
};
using Bn = std::unique_ptr<BIGNUM, BnDeleter>;
using BnCtx = std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)>;
using Params = std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;
using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

bool is_ecp(DhGroup group) { return group == DhGroup::ecp256 || group == DhGroup::ecp384; }

// The MODP primes exactly as published in RFC 2409 6 and RFC 3526.
Bn modp_prime(DhGroup group) {
  switch (group) {
    case DhGroup::modp768:
      return Bn(BN_get_rfc2409_prime_768(nullptr));
    case DhGroup::modp1024:
      return Bn(BN_get_rfc2409_prime_1024(nullptr));
    case DhGroup::modp1536:
      return Bn(BN_get_rfc3526_prime_1536(nullptr));
    case DhGroup::modp2048:
      return Bn(BN_get_rfc3526_prime_2048(nullptr));
    case DhGroup::modp3072:
      return Bn(BN_get_rfc3526_prime_3072(nullptr));
    case DhGroup::modp4096:
      return Bn(BN_get_rfc3526_prime_4096(nullptr));
    default:
      return nullptr;
  }
}

// Private exponent length: at least twice the group's security strength.
std::size_t modp_exponent_bytes(DhGroup group) {
  switch (group) {
    case DhGroup::modp3072:
      return 48;
    case DhGroup::modp4096:
      return 64;
    default:
      return 32;
  }
}

const char* curve_name(DhGroup group) {
  return group == DhGroup::ecp256 ? "prime256v1" : "secp384r1";
}
int curve_nid(DhGroup group) {
  return group == DhGroup::ecp256 ? NID_X9_62_prime256v1 : NID_secp384r1;
}
std::size_t curve_field_bytes(DhGroup group) { return group == DhGroup::ecp256 ? 32 : 48; }

Bytes bn_padded(const BIGNUM* bn, std::size_t size) {
  Bytes out(size);
  if (BN_bn2binpad(bn, out.data(), static_cast<int>(size)) < 0) {
    throw std::runtime_error("DH value too large");
  }
  return out;
}

Pkey pkey_from_params(const char* type, OSSL_PARAM_BLD* bld, int selection) {
  Params params(OSSL_PARAM_BLD_to_param(bld), OSSL_PARAM_free);
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(crypto_context(), type, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, selection, params.get()) != 1) {
    return Pkey(nullptr, EVP_PKEY_free);
  }
  return Pkey(key, EVP_PKEY_free);
}

Result<SecureBytes> derive(EVP_PKEY* own, EVP_PKEY* peer, bool pad) {
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(crypto_context(), own, nullptr), EVP_PKEY_CTX_free);
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1) return Error{"DH derive unavailable"};
  // g^xy keeps its leading zeros (RFC 2409 uses it padded to the prime size).
  if (pad && EVP_PKEY_CTX_set_dh_pad(ctx.get(), 1) != 1) return Error{"DH padding unavailable"};
  if (EVP_PKEY_derive_set_peer_ex(ctx.get(), peer, 1) != 1) {
    return Error{"peer's DH public value is invalid"};
  }
  std::size_t size = 0;
  if (EVP_PKEY_derive(ctx.get(), nullptr, &size) != 1) return Error{"DH derive failed"};
  SecureBytes secret(size);
  if (EVP_PKEY_derive(ctx.get(), secret.data(), &size) != 1) return Error{"DH derive failed"};
  secret.truncate(size);
  return secret;
}

}  // namespace

void DiffieHellman::KeyDeleter::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

std::size_t DiffieHellman::public_value_size(DhGroup group) {
  if (is_ecp(group)) return 2 * curve_field_bytes(group);
  Bn p = modp_prime(group);
  return p ? static_cast<std::size_t>(BN_num_bytes(p.get())) : 0;
}

Result<DiffieHellman> DiffieHellman::create(DhGroup group, RandomSource& random) {
  if (!is_supported(group)) return Error{"unsupported " + name(group)};
  BnCtx bn_ctx(BN_CTX_new_ex(crypto_context()), BN_CTX_free);
  if (!bn_ctx) return Error{"out of memory"};

  if (!is_ecp(group)) {
    Bn p = modp_prime(group);
    Bn g(BN_new());
    Bn x(BN_secure_new());
    Bn y(BN_new());
    SecureBytes exponent(modp_exponent_bytes(group));
    random.fill(exponent.span());
    exponent.data()[0] |= 0x80;  // full length, never 0 or 1
    if (!p || !g || !x || !y || BN_set_word(g.get(), 2) != 1 ||
        BN_bin2bn(exponent.data(), static_cast<int>(exponent.size()), x.get()) == nullptr ||
        BN_mod_exp_mont_consttime(y.get(), g.get(), x.get(), p.get(), bn_ctx.get(), nullptr) != 1) {
      return Error{"MODP key generation failed"};
    }
    ParamBld bld(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
    if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_P, p.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_G, g.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, x.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, y.get()) != 1) {
      return Error{"MODP key generation failed"};
    }
    Pkey key = pkey_from_params("DH", bld.get(), EVP_PKEY_KEYPAIR);
    if (!key) return Error{"MODP key import failed"};
    return DiffieHellman(group, std::unique_ptr<EVP_PKEY, KeyDeleter>(key.release()),
                         bn_padded(y.get(), static_cast<std::size_t>(BN_num_bytes(p.get()))));
  }

  std::unique_ptr<EC_GROUP, decltype(&EC_GROUP_free)> curve(
      EC_GROUP_new_by_curve_name_ex(crypto_context(), nullptr, curve_nid(group)), EC_GROUP_free);
  if (!curve) return Error{"curve unavailable"};
  const BIGNUM* order = EC_GROUP_get0_order(curve.get());
  // Reduce 64 extra bits modulo (n - 1), plus one: a scalar in [1, n-1] with
  // negligible bias.
  SecureBytes seed(curve_field_bytes(group) + 8);
  random.fill(seed.span());
  Bn wide(BN_secure_new());
  Bn order_minus_one(BN_dup(order));
  Bn scalar(BN_secure_new());
  std::unique_ptr<EC_POINT, decltype(&EC_POINT_free)> point(EC_POINT_new(curve.get()),
                                                            EC_POINT_free);
  if (!wide || !order_minus_one || !scalar || !point ||
      BN_bin2bn(seed.data(), static_cast<int>(seed.size()), wide.get()) == nullptr ||
      BN_sub_word(order_minus_one.get(), 1) != 1 ||
      BN_mod(scalar.get(), wide.get(), order_minus_one.get(), bn_ctx.get()) != 1 ||
      BN_add_word(scalar.get(), 1) != 1 ||
      EC_POINT_mul(curve.get(), point.get(), scalar.get(), nullptr, nullptr, bn_ctx.get()) != 1) {
    return Error{"ECP key generation failed"};
  }
  Bytes encoded(1 + 2 * curve_field_bytes(group));
  if (EC_POINT_point2oct(curve.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED, encoded.data(),
                         encoded.size(), bn_ctx.get()) != encoded.size()) {
    return Error{"ECP point encoding failed"};
  }
  ParamBld bld(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve_name(group),
                                      0) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, encoded.data(),
                                       encoded.size()) != 1) {
    return Error{"ECP key generation failed"};
  }
  Pkey key = pkey_from_params("EC", bld.get(), EVP_PKEY_KEYPAIR);
  if (!key) return Error{"ECP key import failed"};
  // RFC 5903 7: the KE payload carries x | y without the 0x04 prefix.
  return DiffieHellman(group, std::unique_ptr<EVP_PKEY, KeyDeleter>(key.release()),
                       Bytes(encoded.begin() + 1, encoded.end()));
}

Result<SecureBytes> DiffieHellman::shared_secret(ByteView peer_public_value) const {
  std::size_t expected = public_value_size(group_);
  if (peer_public_value.size() != expected) {
    return Error{"KE data of " + std::to_string(peer_public_value.size()) + " bytes, expected " +
                 std::to_string(expected) + " for " + name(group_)};
  }
  ParamBld bld(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!bld) return Error{"out of memory"};
  Bn p;
  Bn g(BN_new());
  Bn y(BN_new());
  Bytes point;
  Pkey peer(nullptr, EVP_PKEY_free);
  if (!is_ecp(group_)) {
    p = modp_prime(group_);
    if (!p || !g || !y || BN_set_word(g.get(), 2) != 1 ||
        BN_bin2bn(peer_public_value.data(), static_cast<int>(peer_public_value.size()), y.get()) ==
            nullptr) {
      return Error{"out of memory"};
    }
    // 1 < y < p-1 (RFC 2631 2.1.5): rejects the degenerate values.
    Bn p_minus_one(BN_dup(p.get()));
    if (!p_minus_one || BN_sub_word(p_minus_one.get(), 1) != 1) return Error{"out of memory"};
    if (BN_cmp(y.get(), BN_value_one()) <= 0 || BN_cmp(y.get(), p_minus_one.get()) >= 0) {
      return Error{"peer's DH public value is out of range"};
    }
    if (OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_P, p.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_G, g.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, y.get()) != 1) {
      return Error{"out of memory"};
    }
    peer = pkey_from_params("DH", bld.get(), EVP_PKEY_PUBLIC_KEY);
  } else {
    point.push_back(0x04);
    append(point, peer_public_value);
    if (OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve_name(group_),
                                        0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size()) != 1) {
      return Error{"out of memory"};
    }
    peer = pkey_from_params("EC", bld.get(), EVP_PKEY_PUBLIC_KEY);
  }
  if (!peer) return Error{"peer's DH public value is invalid"};
  return derive(key_.get(), peer.get(), !is_ecp(group_));
}

}  // namespace ipsec_fpga::ike
