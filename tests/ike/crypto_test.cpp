// Crypto building blocks on OpenSSL: PRF, CBC cipher, Diffie-Hellman groups,
// message encryption with IV chaining. Known answers from RFC 2202/4231 and
// NIST SP 800-38A; DH checked against independently generated OpenSSL keys.
#define BOOST_TEST_MODULE ike_crypto
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>
#include <memory>

#include "ike/cbc_cipher.hpp"
#include "ike/diffie_hellman.hpp"
#include "ike/message_crypter.hpp"
#include "ike/prf.hpp"
#include "ike/seeded_random_source.hpp"

using namespace ipsec_fpga::ike;

namespace {
Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }
std::string hex_of(const SecureBytes& s) { return to_hex(s.view()); }
}  // namespace

BOOST_AUTO_TEST_CASE(prf_is_hmac_with_known_answers) {
  // RFC 2202 test case 2 (MD5, SHA-1) and RFC 4231 test case 2 (SHA-2).
  Bytes key = text("Jefe");
  Bytes data = text("what do ya want for nothing?");
  BOOST_TEST(hex_of(Prf(HashAlgorithm::md5).compute(key, {data})) ==
             "750c783e6ab0b503eaa86e310a5db738");
  BOOST_TEST(hex_of(Prf(HashAlgorithm::sha1).compute(key, {data})) ==
             "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  BOOST_TEST(hex_of(Prf(HashAlgorithm::sha256).compute(key, {data})) ==
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  BOOST_TEST(hex_of(Prf(HashAlgorithm::sha384).compute(key, {data})) ==
             "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
             "8e2240ca5e69e2c78b3239ecfab21649");
  BOOST_TEST(hex_of(Prf(HashAlgorithm::sha512).compute(key, {data})) ==
             "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
             "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
  // Split input is the same as concatenated input.
  Bytes first(data.begin(), data.begin() + 5), rest(data.begin() + 5, data.end());
  BOOST_TEST((Prf(HashAlgorithm::sha1).compute(key, {first, rest}) ==
              Prf(HashAlgorithm::sha1).compute(key, {data})));
}

BOOST_AUTO_TEST_CASE(aes_cbc_known_answer) {
  // NIST SP 800-38A F.2.1/F.2.2, first block.
  CbcCipher aes(EncryptionAlgorithm::aes_cbc, 128);
  SecureBytes key(from_hex("2b7e151628aed2a6abf7158809cf4f3c"));
  Bytes iv = from_hex("000102030405060708090a0b0c0d0e0f");
  Bytes plain = from_hex("6bc1bee22e409f96e93d7e117393172a");
  auto cipher = aes.encrypt(key, iv, plain);
  BOOST_REQUIRE(cipher.ok());
  BOOST_TEST(to_hex(*cipher) == "7649abac8119b246cee98e9b12e9197d");
  BOOST_TEST((*aes.decrypt(key, iv, *cipher) == plain));
  BOOST_TEST(!aes.encrypt(key, iv, Bytes(15)).ok());
  BOOST_TEST(!aes.encrypt(SecureBytes(Bytes(15)), iv, plain).ok());
}

BOOST_AUTO_TEST_CASE(every_phase1_cipher_round_trips) {
  for (auto [alg, bits] :
       {std::pair{EncryptionAlgorithm::des_cbc, 0},
        std::pair{EncryptionAlgorithm::triple_des_cbc, 0},
        std::pair{EncryptionAlgorithm::aes_cbc, 128}, std::pair{EncryptionAlgorithm::aes_cbc, 192},
        std::pair{EncryptionAlgorithm::aes_cbc, 256}}) {
    CbcCipher c(alg, static_cast<std::size_t>(bits));
    BOOST_REQUIRE_MESSAGE(c.available(), name(alg) << " unavailable");
    SecureBytes key(Bytes(c.key_size(), 0x42));
    Bytes iv(c.block_size(), 7), plain(4 * c.block_size(), 9);
    auto sealed = c.encrypt(key, iv, plain);
    BOOST_REQUIRE(sealed.ok());
    BOOST_TEST((*c.decrypt(key, iv, *sealed) == plain));
    BOOST_TEST((*sealed != plain));
  }
}

namespace {
// A peer key made by OpenSSL's own key generation, independent of ours.
struct IndependentPeer {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{nullptr, EVP_PKEY_free};
  Bytes public_value;
};

IndependentPeer independent_ec_peer(const char* curve, std::size_t field) {
  IndependentPeer peer;
  peer.key.reset(EVP_EC_gen(curve));
  Bytes point(1 + 2 * field);
  std::size_t size = 0;
  EVP_PKEY_get_octet_string_param(peer.key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point.data(),
                                  point.size(), &size);
  BOOST_REQUIRE_EQUAL(size, point.size());
  peer.public_value.assign(point.begin() + 1, point.end());
  return peer;
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_group_agrees_between_two_ends) {
  SeededRandomSource random("dh");
  for (DhGroup g : {DhGroup::modp768, DhGroup::modp1024, DhGroup::modp1536, DhGroup::modp2048,
                    DhGroup::modp3072, DhGroup::modp4096, DhGroup::ecp256, DhGroup::ecp384}) {
    auto a = DiffieHellman::create(g, random);
    auto b = DiffieHellman::create(g, random);
    BOOST_REQUIRE_MESSAGE(a.ok() && b.ok(), name(g));
    BOOST_TEST(a->public_value().size() == DiffieHellman::public_value_size(g));
    auto ab = a->shared_secret(b->public_value());
    auto ba = b->shared_secret(a->public_value());
    BOOST_REQUIRE_MESSAGE(ab.ok() && ba.ok(), name(g));
    BOOST_TEST((*ab == *ba), name(g));
    std::size_t expected = g == DhGroup::ecp256   ? 32
                           : g == DhGroup::ecp384 ? 48
                                                  : DiffieHellman::public_value_size(g);
    BOOST_TEST(ab->size() == expected, name(g));
  }
  BOOST_TEST(DiffieHellman::public_value_size(DhGroup::modp768) == 96u);
  BOOST_TEST(DiffieHellman::public_value_size(DhGroup::modp2048) == 256u);
  BOOST_TEST(DiffieHellman::public_value_size(DhGroup::ecp384) == 96u);
}

BOOST_AUTO_TEST_CASE(ecp_matches_openssl_generated_peer) {
  SeededRandomSource random("ecp");
  auto ours = DiffieHellman::create(DhGroup::ecp256, random);
  BOOST_REQUIRE(ours.ok());
  IndependentPeer peer = independent_ec_peer("P-256", 32);
  auto secret = ours->shared_secret(peer.public_value);
  BOOST_REQUIRE(secret.ok());
  // The peer derives with plain EVP from our x|y.
  Bytes point{0x04};
  append(point, ours->public_value());
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ours_as_peer(EVP_PKEY_new(), EVP_PKEY_free);
  EVP_PKEY_copy_parameters(ours_as_peer.get(), peer.key.get());
  BOOST_REQUIRE(EVP_PKEY_set1_encoded_public_key(ours_as_peer.get(), point.data(), point.size()) ==
                1);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new(peer.key.get(), nullptr), EVP_PKEY_CTX_free);
  BOOST_REQUIRE(EVP_PKEY_derive_init(ctx.get()) == 1);
  BOOST_REQUIRE(EVP_PKEY_derive_set_peer(ctx.get(), ours_as_peer.get()) == 1);
  Bytes theirs(32);
  std::size_t size = theirs.size();
  BOOST_REQUIRE(EVP_PKEY_derive(ctx.get(), theirs.data(), &size) == 1);
  BOOST_TEST(to_hex(theirs) == hex_of(*secret));
}

BOOST_AUTO_TEST_CASE(same_seed_same_keys) {
  SeededRandomSource r1("seed"), r2("seed");
  auto a = DiffieHellman::create(DhGroup::modp1024, r1);
  auto b = DiffieHellman::create(DhGroup::modp1024, r2);
  BOOST_TEST((a->public_value() == b->public_value()));
}

BOOST_AUTO_TEST_CASE(bad_peer_values_are_rejected_with_reasons) {
  SeededRandomSource random("bad");
  auto modp = DiffieHellman::create(DhGroup::modp1024, random);
  Bytes zero(128, 0), one(128, 0);
  one.back() = 1;
  BOOST_TEST(modp->shared_secret(zero).reason() == "peer's DH public value is out of range");
  BOOST_TEST(modp->shared_secret(one).reason() == "peer's DH public value is out of range");
  Bytes all_ones(128, 0xff);  // larger than p
  BOOST_TEST(modp->shared_secret(all_ones).reason() == "peer's DH public value is out of range");
  BOOST_TEST(modp->shared_secret(Bytes(127, 5)).reason() ==
             "KE data of 127 bytes, expected 128 for DH group 2");
  auto ecp = DiffieHellman::create(DhGroup::ecp256, random);
  Bytes off_curve(64, 0x11);
  BOOST_TEST(!ecp->shared_secret(off_curve).ok());
}

BOOST_AUTO_TEST_CASE(message_crypter_chains_ivs_and_rejects_garbage) {
  CbcCipher aes(EncryptionAlgorithm::aes_cbc, 128);
  SecureBytes key(Bytes(16, 0x33));
  MessageCrypter crypter(aes, key);
  IsakmpHeader h;
  h.initiator_cookie = {1, 1, 1, 1, 1, 1, 1, 1};
  h.responder_cookie = {2, 2, 2, 2, 2, 2, 2, 2};
  std::vector<Payload> payloads{IdentificationPayload{IdType::ipv4_addr, 17, 500, {192, 0, 2, 1}},
                                HashPayload{Bytes(20, 0xaa)}};
  Bytes iv(16, 0x55);
  auto sealed = crypter.seal(h, payloads, iv);
  BOOST_REQUIRE(sealed.ok());
  BOOST_TEST(sealed->datagram.size() % 16 == 28u % 16);
  BOOST_TEST((Bytes(sealed->datagram.end() - 16, sealed->datagram.end()) == sealed->next_iv));
  auto opened = crypter.open(sealed->datagram, iv);
  BOOST_REQUIRE(opened.ok());
  BOOST_TEST((opened->next_iv == sealed->next_iv));
  BOOST_REQUIRE_EQUAL(opened->message.payloads.size(), 2u);
  BOOST_TEST((opened->message.payloads[0].payload == payloads[0]));

  SecureBytes wrong(Bytes(16, 0x34));
  auto bad = MessageCrypter(aes, wrong).open(sealed->datagram, iv);
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST(bad.reason().find("after decryption") == 0);

  Bytes ragged = sealed->datagram;
  ragged.push_back(0);
  ragged[27] = static_cast<std::uint8_t>(ragged.size());
  BOOST_TEST(crypter.open(ragged, iv).reason().find("not a whole number") != std::string::npos);
}
