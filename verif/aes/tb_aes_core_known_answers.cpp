// FIPS-197 appendix C and SP 800-38A ECB/CBC vectors through every core of
// the aes_core contract (AesModels; a vector whose key size a core does not
// support is skipped for it).
#include <boost/test/unit_test.hpp>

#include "aes_core_driver.hpp"
#include "aes_known_answers.hpp"
#include "aes_models.hpp"

using namespace ipsec_fpga::verif;

namespace {

Bytes xor_bytes(const Bytes& a, const Bytes& b) {
  Bytes out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = a[i] ^ b[i];
  return out;
}

template <class Model>
void check(const Bytes& actual, const Bytes& expected, std::size_t key_bytes, bool decrypt,
           const std::string& vector) {
  BOOST_TEST(actual == expected,
             AesModelTraits<Model>::kName
                 << " " << aes_name(key_bytes) << (decrypt ? " decrypt" : " encrypt") << " vector "
                 << vector << ": expected " << to_hex(expected) << " got " << to_hex(actual));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(known_answers)

BOOST_AUTO_TEST_CASE_TEMPLATE(fips197_appendix_c, Model, AesModels) {
  AesCoreDriver<Model> core(aes_waveform<Model>("fips197"));
  for (const AesBlockVector& vector : kFips197Vectors) {
    const Bytes key = from_hex(vector.key);
    if (!aes_supports<Model>(key.size())) continue;
    const Bytes plaintext = from_hex(vector.plaintext);
    const Bytes ciphertext = from_hex(vector.ciphertext);
    core.load_key(key);
    check<Model>(core.process_block(plaintext, false).first, ciphertext, key.size(), false,
                 vector.name);
    check<Model>(core.process_block(ciphertext, true).first, plaintext, key.size(), true,
                 vector.name);
  }
}

// Four blocks streamed per direction, as F.1 lists them.
BOOST_AUTO_TEST_CASE_TEMPLATE(sp800_38a_ecb, Model, AesModels) {
  AesCoreDriver<Model> core(aes_waveform<Model>("ecb"));
  for (const AesModeVector& vector : kSp80038aEcb) {
    const Bytes key = from_hex(vector.key);
    if (!aes_supports<Model>(key.size())) continue;
    core.load_key(key);
    for (bool decrypt : {false, true}) {
      std::vector<AesJob> jobs;
      for (std::size_t i = 0; i < 4; ++i)
        jobs.push_back(AesJob::block(
            from_hex(decrypt ? vector.ciphertext[i] : kSp80038aPlaintext[i]), decrypt));
      const AesRun run = core.run(jobs);
      for (std::size_t i = 0; i < 4; ++i) {
        const Bytes expected = from_hex(decrypt ? kSp80038aPlaintext[i] : vector.ciphertext[i]);
        check<Model>(run.blocks[i].result, expected, key.size(), decrypt,
                     std::string(decrypt ? vector.decrypt_name : vector.encrypt_name) + " block " +
                         std::to_string(i + 1));
        BOOST_TEST(run.blocks[i].result_decrypt == decrypt, AesModelTraits<Model>::kName
                                                                << " " << vector.encrypt_name
                                                                << ": m_axis_tuser does not match");
      }
    }
  }
}

// CBC around the core: encryption feeds each ciphertext back (one block at a
// time), decryption streams the blocks and XORs the previous ciphertext.
BOOST_AUTO_TEST_CASE_TEMPLATE(sp800_38a_cbc, Model, AesModels) {
  AesCoreDriver<Model> core(aes_waveform<Model>("cbc"));
  for (const AesModeVector& vector : kSp80038aCbc) {
    const Bytes key = from_hex(vector.key);
    if (!aes_supports<Model>(key.size())) continue;
    core.load_key(key);

    Bytes chain = from_hex(kSp80038aCbcIv);
    for (std::size_t i = 0; i < 4; ++i) {
      chain = core.process_block(xor_bytes(from_hex(kSp80038aPlaintext[i]), chain), false).first;
      check<Model>(chain, from_hex(vector.ciphertext[i]), key.size(), false,
                   std::string(vector.encrypt_name) + " block " + std::to_string(i + 1));
    }

    std::vector<AesJob> jobs;
    for (const char* block : vector.ciphertext)
      jobs.push_back(AesJob::block(from_hex(block), true));
    const AesRun run = core.run(jobs);
    chain = from_hex(kSp80038aCbcIv);
    for (std::size_t i = 0; i < 4; ++i) {
      check<Model>(xor_bytes(run.blocks[i].result, chain), from_hex(kSp80038aPlaintext[i]),
                   key.size(), true,
                   std::string(vector.decrypt_name) + " block " + std::to_string(i + 1));
      chain = from_hex(vector.ciphertext[i]);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
