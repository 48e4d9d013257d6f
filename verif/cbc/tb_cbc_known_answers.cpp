// Known answers through whole packets: NIST SP 800-38A F.2.1-F.2.6 (AES-CBC, all
// key sizes, both directions), RFC 3602 section 4 cases #1-#4, FIPS 81 DES-CBC and
// the NIST TDES-CBC example; each with an explicit IV to encrypt and the IV as the
// first block to decrypt, cycle counts asserted. The vectors are also checked
// against OpenSSL, and the on-chip IV of a nonce against OpenSSL ECB. The compact_*
// cases run the same on the iCEBreaker's build (AES_COMPACT = 1, HAS_TDES = 0) with the
// vectors of the ciphers it has.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "aes_known_answers.hpp"
#include "cbc_builds.hpp"
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
template <class Build>
void check_vector(CbcCipherDriver<typename Build::Model>& unit, const std::string& name,
                  CbcCipher cipher, const Bytes& key, const Bytes& iv, const Bytes& plaintext,
                  const Bytes& ciphertext) {
  OpenSslCbc openssl;
  BOOST_TEST(openssl.cbc(cipher, key, iv, plaintext, false) == ciphertext,
             name << ": the vector disagrees with OpenSSL");
  const std::uint64_t key_cycles = unit.load_key(cipher, key, 0x1234);
  const unsigned key_expected = unit.timing().key_load_cycles(cipher);
  BOOST_TEST(key_cycles == key_expected, Build::kName << " " << name << " key load: expected "
                                                      << key_expected << " cycles, got "
                                                      << key_cycles);

  const CbcPacket encrypt{false, true, iv, plaintext};
  const std::uint64_t encrypt_expected = unit.expected_cycles(encrypt);
  const CbcPacketRun encrypted = unit.run_packet(encrypt);
  const Bytes want = concat(iv, ciphertext);
  BOOST_TEST(encrypted.output == want, Build::kName << " " << cbc_cipher_name(cipher) << " encrypt "
                                                    << name << ": expected " << to_hex(want)
                                                    << " got " << to_hex(encrypted.output));
  BOOST_TEST(encrypted.framing_error.empty(), name << ": " << encrypted.framing_error);
  BOOST_TEST(encrypted.cycles() == encrypt_expected,
             Build::kName << " " << name << " encrypt cycles: expected " << encrypt_expected
                          << " got " << encrypted.cycles());

  const CbcPacket decrypt{true, false, {}, concat(iv, ciphertext)};
  const std::uint64_t decrypt_expected = unit.expected_cycles(decrypt);
  const CbcPacketRun decrypted = unit.run_packet(decrypt);
  BOOST_TEST(decrypted.output == plaintext,
             Build::kName << " " << cbc_cipher_name(cipher) << " decrypt " << name << ": expected "
                          << to_hex(plaintext) << " got " << to_hex(decrypted.output));
  BOOST_TEST(decrypted.framing_error.empty(), name << ": " << decrypted.framing_error);
  BOOST_TEST(decrypted.cycles() == decrypt_expected,
             Build::kName << " " << name << " decrypt cycles: expected " << decrypt_expected
                          << " got " << decrypted.cycles());
}

template <class Build>
void run_sp800_38a(const std::string& waveform) {
  auto unit = make_cbc_unit<Build>(waveform);
  const CbcCipher ciphers[3] = {CbcCipher::kAes128, CbcCipher::kAes192, CbcCipher::kAes256};
  Bytes plaintext;
  for (const char* block : kSp80038aPlaintext) plaintext = concat(plaintext, from_hex(block));
  for (std::size_t i = 0; i < kSp80038aCbc.size(); ++i) {
    if (!Build::offers(ciphers[i])) continue;
    const AesModeVector& v = kSp80038aCbc[i];
    Bytes ciphertext;
    for (const char* block : v.ciphertext) ciphertext = concat(ciphertext, from_hex(block));
    check_vector<Build>(unit, std::string(v.encrypt_name) + " / " + v.decrypt_name, ciphers[i],
                        from_hex(v.key), from_hex(kSp80038aCbcIv), plaintext, ciphertext);
  }
}

template <class Build>
void run_published_vectors(const std::string& waveform) {
  auto unit = make_cbc_unit<Build>(waveform);
  for (const CbcVector& v : kCbcVectors)
    if (Build::offers(v.cipher))
      check_vector<Build>(unit, v.name, v.cipher, from_hex(v.key), from_hex(v.iv),
                          from_hex(v.plaintext), from_hex(v.ciphertext));
}

// The IV made on chip from a nonce is E_K(nonce block) under the loaded key.
template <class Build>
void run_nonce_iv(const std::string& waveform) {
  auto unit = make_cbc_unit<Build>(waveform);
  OpenSslCbc openssl;
  const Bytes nonce = from_hex("0001020304050607");
  for (const CbcVector& v : kCbcVectors) {
    if (!Build::offers(v.cipher)) continue;
    const Bytes key = from_hex(v.key), plaintext = from_hex(v.plaintext);
    unit.load_key(v.cipher, key, 7);
    const Bytes iv = openssl.ecb_encrypt(v.cipher, key, cbc_nonce_block(v.cipher, nonce));
    const Bytes want = concat(iv, openssl.cbc(v.cipher, key, iv, plaintext, false));
    const CbcPacket packet{false, false, nonce, plaintext};
    const std::uint64_t expected = unit.expected_cycles(packet);
    const CbcPacketRun run = unit.run_packet(packet);
    BOOST_TEST(run.output == want, Build::kName << " " << cbc_cipher_name(v.cipher) << " nonce IV, "
                                                << v.name << ": expected " << to_hex(want)
                                                << " got " << to_hex(run.output));
    BOOST_TEST(run.cycles() == expected, Build::kName << " " << v.name
                                                      << " nonce IV cycles: expected " << expected
                                                      << " got " << run.cycles());
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(sp800_38a_cbc) { run_sp800_38a<CbcFullBuild>("sp800_38a"); }
BOOST_AUTO_TEST_CASE(rfc3602_fips81_tdes) {
  run_published_vectors<CbcFullBuild>("rfc3602_fips81_tdes");
}
BOOST_AUTO_TEST_CASE(nonce_iv) { run_nonce_iv<CbcFullBuild>("nonce_iv"); }

// The iCEBreaker's build: SP 800-38A F.2.1/F.2.2 and F.2.5/F.2.6, RFC 3602 #1-#4.
BOOST_AUTO_TEST_CASE(compact_sp800_38a_cbc) { run_sp800_38a<CbcCompactBuild>("sp800_38a"); }
BOOST_AUTO_TEST_CASE(compact_rfc3602) { run_published_vectors<CbcCompactBuild>("rfc3602"); }
BOOST_AUTO_TEST_CASE(compact_nonce_iv) { run_nonce_iv<CbcCompactBuild>("nonce_iv"); }
