// Known answers through whole packets: NIST SP 800-38A F.2.1-F.2.6 (AES-CBC, all
// key sizes, both directions), RFC 3602 section 4 cases #1-#4, FIPS 81 DES-CBC and
// the NIST TDES-CBC example; each with an explicit IV to encrypt and the IV as the
// first block to decrypt, cycle counts asserted. The vectors are also checked
// against OpenSSL, and the on-chip IV of a nonce against OpenSSL ECB.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "Vcbc_cipher.h"
#include "aes_known_answers.hpp"
#include "cbc_cipher_driver.hpp"
#include "cbc_known_answers.hpp"
#include "openssl_cbc.hpp"

using namespace ipsec_fpga::verif;

namespace {

Bytes concat(const Bytes& a, const Bytes& b) {
  Bytes out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// Encrypts and decrypts one vector as packets and checks results and cycles.
void check_vector(CbcCipherDriver<Vcbc_cipher>& unit, const std::string& name, CbcCipher cipher,
                  const Bytes& key, const Bytes& iv, const Bytes& plaintext,
                  const Bytes& ciphertext) {
  OpenSslCbc openssl;
  BOOST_TEST(openssl.cbc(cipher, key, iv, plaintext, false) == ciphertext,
             name << ": the vector disagrees with OpenSSL");
  const std::uint64_t key_cycles = unit.load_key(cipher, key, 0x1234);
  BOOST_TEST(key_cycles == CbcTiming::key_load_cycles(cipher),
             "cbc_cipher " << name << " key load: expected " << CbcTiming::key_load_cycles(cipher)
                           << " cycles, got " << key_cycles);

  const CbcPacket encrypt{false, true, iv, plaintext};
  const std::uint64_t encrypt_expected = unit.expected_cycles(encrypt);
  const CbcPacketRun encrypted = unit.run_packet(encrypt);
  const Bytes want = concat(iv, ciphertext);
  BOOST_TEST(encrypted.output == want, "cbc_cipher " << cbc_cipher_name(cipher) << " encrypt "
                                                     << name << ": expected " << to_hex(want)
                                                     << " got " << to_hex(encrypted.output));
  BOOST_TEST(encrypted.framing_error.empty(), name << ": " << encrypted.framing_error);
  BOOST_TEST(encrypted.cycles() == encrypt_expected,
             "cbc_cipher " << name << " encrypt cycles: expected " << encrypt_expected << " got "
                           << encrypted.cycles());

  const CbcPacket decrypt{true, false, {}, concat(iv, ciphertext)};
  const std::uint64_t decrypt_expected = unit.expected_cycles(decrypt);
  const CbcPacketRun decrypted = unit.run_packet(decrypt);
  BOOST_TEST(decrypted.output == plaintext,
             "cbc_cipher " << cbc_cipher_name(cipher) << " decrypt " << name << ": expected "
                           << to_hex(plaintext) << " got " << to_hex(decrypted.output));
  BOOST_TEST(decrypted.framing_error.empty(), name << ": " << decrypted.framing_error);
  BOOST_TEST(decrypted.cycles() == decrypt_expected,
             "cbc_cipher " << name << " decrypt cycles: expected " << decrypt_expected << " got "
                           << decrypted.cycles());
}

}  // namespace

BOOST_AUTO_TEST_CASE(sp800_38a_cbc) {
  CbcCipherDriver<Vcbc_cipher> unit("cbc_cipher_sp800_38a");
  const CbcCipher ciphers[3] = {CbcCipher::kAes128, CbcCipher::kAes192, CbcCipher::kAes256};
  Bytes plaintext;
  for (const char* block : kSp80038aPlaintext) plaintext = concat(plaintext, from_hex(block));
  for (std::size_t i = 0; i < kSp80038aCbc.size(); ++i) {
    const AesModeVector& v = kSp80038aCbc[i];
    Bytes ciphertext;
    for (const char* block : v.ciphertext) ciphertext = concat(ciphertext, from_hex(block));
    check_vector(unit, std::string(v.encrypt_name) + " / " + v.decrypt_name, ciphers[i],
                 from_hex(v.key), from_hex(kSp80038aCbcIv), plaintext, ciphertext);
  }
}

BOOST_AUTO_TEST_CASE(rfc3602_fips81_tdes) {
  CbcCipherDriver<Vcbc_cipher> unit("cbc_cipher_rfc3602_fips81_tdes");
  for (const CbcVector& v : kCbcVectors)
    check_vector(unit, v.name, v.cipher, from_hex(v.key), from_hex(v.iv), from_hex(v.plaintext),
                 from_hex(v.ciphertext));
}

// The IV made on chip from a nonce is E_K(nonce block) under the loaded key.
BOOST_AUTO_TEST_CASE(nonce_iv) {
  CbcCipherDriver<Vcbc_cipher> unit("cbc_cipher_nonce_iv");
  OpenSslCbc openssl;
  const Bytes nonce = from_hex("0001020304050607");
  for (const CbcVector& v : kCbcVectors) {
    const Bytes key = from_hex(v.key), plaintext = from_hex(v.plaintext);
    unit.load_key(v.cipher, key, 7);
    const Bytes iv = openssl.ecb_encrypt(v.cipher, key, cbc_nonce_block(v.cipher, nonce));
    const Bytes want = concat(iv, openssl.cbc(v.cipher, key, iv, plaintext, false));
    const CbcPacket packet{false, false, nonce, plaintext};
    const std::uint64_t expected = unit.expected_cycles(packet);
    const CbcPacketRun run = unit.run_packet(packet);
    BOOST_TEST(run.output == want, "cbc_cipher " << cbc_cipher_name(v.cipher) << " nonce IV, "
                                                 << v.name << ": expected " << to_hex(want)
                                                 << " got " << to_hex(run.output));
    BOOST_TEST(run.cycles() == expected, "cbc_cipher " << v.name << " nonce IV cycles: expected "
                                                       << expected << " got " << run.cycles());
  }
}
