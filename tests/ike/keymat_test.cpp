// Key derivation of RFC 2409 section 5 and appendix B. There are no
// published IKEv1 vectors, so each expected value is computed here again,
// independently, with OpenSSL's one-shot HMAC/digest from the RFC formulas.
#define BOOST_TEST_MODULE ike_keymat
#include "ike/keymat.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/test/unit_test.hpp>

#include "ike/digest.hpp"

using namespace ipsec_fpga::ike;

namespace {

const EVP_MD* md(HashAlgorithm h) {
  switch (h) {
    case HashAlgorithm::md5:
      return EVP_md5();
    case HashAlgorithm::sha1:
      return EVP_sha1();
    case HashAlgorithm::sha256:
      return EVP_sha256();
    case HashAlgorithm::sha384:
      return EVP_sha384();
    case HashAlgorithm::sha512:
      return EVP_sha512();
  }
  return nullptr;
}

Bytes cat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (auto p : parts) append(out, p);
  return out;
}

Bytes hmac(HashAlgorithm h, ByteView key, const Bytes& data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int size = 0;
  HMAC(md(h), key.data(), static_cast<int>(key.size()), data.data(), data.size(), out.data(),
       &size);
  out.resize(size);
  return out;
}

Bytes hash(HashAlgorithm h, const Bytes& data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &size, md(h), nullptr);
  out.resize(size);
  return out;
}

Bytes b(const SecureBytes& s) { return Bytes(s.data(), s.data() + s.size()); }

struct Fixture {
  Bytes psk{'s', 'e', 'c', 'r', 'e', 't'};
  Bytes ni = Bytes(16, 0x11), nr = Bytes(20, 0x22);
  SecureBytes gxy{Bytes(128, 0x33)};
  Cookie ci{1, 2, 3, 4, 5, 6, 7, 8}, cr{8, 7, 6, 5, 4, 3, 2, 1};
  Bytes gxi = Bytes(128, 0x44), gxr = Bytes(128, 0x55);

  Result<Keymat> derive(Phase1Suite suite) const {
    return Keymat::derive({suite, psk, ni, nr, &gxy, ci, cr, gxi, gxr});
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(skeyid_family_for_every_hash_and_cipher) {
  Fixture f;
  for (HashAlgorithm h : {HashAlgorithm::md5, HashAlgorithm::sha1, HashAlgorithm::sha256,
                          HashAlgorithm::sha384, HashAlgorithm::sha512}) {
    for (auto [enc, bits, key_size, block] :
         {std::tuple{EncryptionAlgorithm::des_cbc, 0, 8u, 8u},
          std::tuple{EncryptionAlgorithm::triple_des_cbc, 0, 24u, 8u},
          std::tuple{EncryptionAlgorithm::aes_cbc, 128, 16u, 16u},
          std::tuple{EncryptionAlgorithm::aes_cbc, 192, 24u, 16u},
          std::tuple{EncryptionAlgorithm::aes_cbc, 256, 32u, 16u}}) {
      Phase1Suite suite{enc, static_cast<std::uint16_t>(bits), h, DhGroup::modp1024, 28800};
      auto k = f.derive(suite);
      BOOST_REQUIRE_MESSAGE(k.ok(), (k.ok() ? std::string() : k.reason()));
      Bytes skeyid = hmac(h, f.psk, cat({f.ni, f.nr}));
      Bytes d = hmac(h, skeyid, cat({f.gxy.view(), f.ci, f.cr, Bytes{0}}));
      Bytes a = hmac(h, skeyid, cat({d, f.gxy.view(), f.ci, f.cr, Bytes{1}}));
      Bytes e = hmac(h, skeyid, cat({a, f.gxy.view(), f.ci, f.cr, Bytes{2}}));
      BOOST_TEST((b(k->skeyid()) == skeyid));
      BOOST_TEST((b(k->skeyid_d()) == d));
      BOOST_TEST((b(k->skeyid_a()) == a));
      BOOST_TEST((b(k->skeyid_e()) == e));
      // Appendix B: Ka = K1 | K2 | ... when SKEYID_e is too short.
      Bytes expected_key = e;
      if (e.size() < key_size) {
        Bytes k1 = hmac(h, e, Bytes{0});
        expected_key = k1;
        Bytes kn = k1;
        while (expected_key.size() < key_size) {
          kn = hmac(h, e, kn);
          append(expected_key, kn);
        }
      }
      expected_key.resize(key_size);
      BOOST_TEST((b(k->encryption_key()) == expected_key), name(h) << "/" << name(enc) << bits);
      Bytes iv = hash(h, cat({f.gxi, f.gxr}));
      iv.resize(block);
      BOOST_TEST((k->initial_iv() == iv));
    }
  }
}

BOOST_AUTO_TEST_CASE(key_expansion_is_used_for_3des_with_md5) {
  Fixture f;
  auto k =
      f.derive({EncryptionAlgorithm::triple_des_cbc, 0, HashAlgorithm::md5, DhGroup::modp1024});
  BOOST_REQUIRE(k.ok());
  // MD5 gives 16 bytes, 3DES needs 24: the key is not a prefix of SKEYID_e.
  BOOST_TEST(k->skeyid_e().size() == 16u);
  BOOST_TEST(k->encryption_key().size() == 24u);
  Bytes head = b(k->encryption_key());
  head.resize(16);
  BOOST_TEST((head != b(k->skeyid_e())));
}

BOOST_AUTO_TEST_CASE(phase1_and_quick_mode_hashes) {
  Fixture f;
  HashAlgorithm h = HashAlgorithm::sha256;
  auto k = f.derive({EncryptionAlgorithm::aes_cbc, 128, h, DhGroup::modp1024});
  BOOST_REQUIRE(k.ok());
  Bytes sai = from_hex("00000001000000010000000c01010000"), idi = from_hex("01110000c0000201"),
        idr = from_hex("01110000c6336401");
  Bytes skeyid = b(k->skeyid()), skeyid_a = b(k->skeyid_a());
  BOOST_TEST((k->hash_i(sai, idi) == hmac(h, skeyid, cat({f.gxi, f.gxr, f.ci, f.cr, sai, idi}))));
  BOOST_TEST((k->hash_r(sai, idr) == hmac(h, skeyid, cat({f.gxr, f.gxi, f.cr, f.ci, sai, idr}))));
  Bytes mid = from_hex("a1b2c3d4");
  Bytes rest = from_hex("0a000008 01020304");
  BOOST_TEST((k->hash_1(0xa1b2c3d4, rest) == hmac(h, skeyid_a, cat({mid, rest}))));
  BOOST_TEST((k->hash_2(0xa1b2c3d4, f.ni, rest) == hmac(h, skeyid_a, cat({mid, f.ni, rest}))));
  BOOST_TEST(
      (k->hash_3(0xa1b2c3d4, f.ni, f.nr) == hmac(h, skeyid_a, cat({Bytes{0}, mid, f.ni, f.nr}))));
  Bytes last_iv = from_hex("000102030405060708090a0b0c0d0e0f");
  Bytes iv2 = hash(h, cat({last_iv, mid}));
  iv2.resize(16);
  BOOST_TEST((k->phase2_iv(last_iv, 0xa1b2c3d4) == iv2));
}

BOOST_AUTO_TEST_CASE(quick_mode_keymat_with_and_without_pfs) {
  Fixture f;
  HashAlgorithm h = HashAlgorithm::sha1;
  auto k = f.derive({EncryptionAlgorithm::aes_cbc, 256, h, DhGroup::modp1024});
  BOOST_REQUIRE(k.ok());
  Bytes d = b(k->skeyid_d());
  Bytes spi = from_hex("c0ffee01"), proto{3};
  // AES-256 + HMAC-SHA-256 needs 64 bytes: four SHA-1 blocks.
  Bytes k1 = hmac(h, d, cat({proto, spi, f.ni, f.nr}));
  Bytes expected = k1, kn = k1;
  while (expected.size() < 64) {
    kn = hmac(h, d, cat({kn, proto, spi, f.ni, f.nr}));
    append(expected, kn);
  }
  expected.resize(64);
  BOOST_TEST((b(k->quick_mode_keymat(3, spi, nullptr, f.ni, f.nr, 64)) == expected));

  SecureBytes gqm(Bytes(256, 0x66));
  Bytes p1 = hmac(h, d, cat({gqm.view(), proto, spi, f.ni, f.nr}));
  Bytes p2 = hmac(h, d, cat({p1, gqm.view(), proto, spi, f.ni, f.nr}));
  Bytes pfs = cat({p1, p2});
  pfs.resize(36);
  BOOST_TEST((b(k->quick_mode_keymat(3, spi, &gqm, f.ni, f.nr, 36)) == pfs));
}

BOOST_AUTO_TEST_CASE(derivation_refuses_missing_inputs) {
  Fixture f;
  f.psk.clear();
  BOOST_TEST(f.derive({}).reason() == "empty pre-shared key");
  Fixture g;
  BOOST_TEST(Keymat::derive({Phase1Suite{}, g.psk, g.ni, g.nr, nullptr, g.ci, g.cr, g.gxi, g.gxr})
                 .reason() == "no DH shared secret");
}
