// FIPS-197 appendix C and SP 800-38A ECB vectors (typed in from the standards
// in verif/aes/aes_known_answers.hpp), on both cores of the AES contract.
#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "aes_contract_models.hpp"
#include "aes_known_answers.hpp"

using namespace ipsec_fpga::verif;

namespace {

template <class Model>
bool supports(std::size_t key_bytes) {
  const std::vector<std::size_t> sizes = AesContractTraits<Model>::key_sizes();
  return std::find(sizes.begin(), sizes.end(), key_bytes) != sizes.end();
}

template <class Model>
void check(const Bytes& actual, const Bytes& expected, std::size_t key_bytes, bool decrypt,
           const std::string& vector) {
  BOOST_TEST(actual == expected, AesContractTraits<Model>::kName
                                     << " " << aes_bits_name(key_bytes)
                                     << (decrypt ? " decrypt" : " encrypt") << " vector " << vector
                                     << ": expected " << to_hex(expected) << " got "
                                     << to_hex(actual));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(known_answers)

BOOST_AUTO_TEST_CASE_TEMPLATE(fips197_appendix_c, Model, AesContractModels) {
  AesCoreCompactDriver<Model> core(std::string(AesContractTraits<Model>::kWaveform) + "_fips197");
  for (const AesBlockVector& vector : kFips197Vectors) {
    const Bytes key = from_hex(vector.key);
    if (!supports<Model>(key.size())) continue;
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
BOOST_AUTO_TEST_CASE_TEMPLATE(sp800_38a_ecb, Model, AesContractModels) {
  AesCoreCompactDriver<Model> core(std::string(AesContractTraits<Model>::kWaveform) + "_ecb");
  for (const AesModeVector& vector : kSp80038aEcb) {
    const Bytes key = from_hex(vector.key);
    if (!supports<Model>(key.size())) continue;
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
        BOOST_TEST(run.blocks[i].result_decrypt == decrypt, AesContractTraits<Model>::kName
                                                                << " " << vector.encrypt_name
                                                                << ": m_axis_tuser does not match");
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
