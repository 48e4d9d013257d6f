// Published known-answer vectors, typed in from FIPS-197 appendix C and
// NIST SP 800-38A appendix F (F.1 ECB, F.2 CBC).
#pragma once

#include <array>
#include <string>

namespace ipsec_fpga::verif {

struct AesBlockVector {
  const char* name;
  const char* key;
  const char* plaintext;
  const char* ciphertext;
};

// FIPS-197 C.1, C.2, C.3 (their key expansions are appendix A's).
inline const std::array<AesBlockVector, 3> kFips197Vectors = {{
    {"FIPS-197 C.1", "000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff",
     "69c4e0d86a7b0430d8cdb78070b4c55a"},
    {"FIPS-197 C.2", "000102030405060708090a0b0c0d0e0f1011121314151617",
     "00112233445566778899aabbccddeeff", "dda97ca4864cdfe06eaf70a0ec0d7191"},
    {"FIPS-197 C.3", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
     "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089"},
}};

// SP 800-38A uses the same four plaintext blocks everywhere.
inline const std::array<const char*, 4> kSp80038aPlaintext = {
    "6bc1bee22e409f96e93d7e117393172a", "ae2d8a571e03ac9c9eb76fac45af8e51",
    "30c81c46a35ce411e5fbc1191a0a52ef", "f69f2445df4f9b17ad2b417be66c3710"};

inline const char* const kSp80038aCbcIv = "000102030405060708090a0b0c0d0e0f";

struct AesModeVector {
  const char* encrypt_name;  // the decrypt vector is the next one in the standard
  const char* decrypt_name;
  const char* key;
  std::array<const char*, 4> ciphertext;
};

inline const std::array<AesModeVector, 3> kSp80038aEcb = {{
    {"SP 800-38A F.1.1",
     "SP 800-38A F.1.2",
     "2b7e151628aed2a6abf7158809cf4f3c",
     {"3ad77bb40d7a3660a89ecaf32466ef97", "f5d3d58503b9699de785895a96fdbaaf",
      "43b1cd7f598ece23881b00e3ed030688", "7b0c785e27e8ad3f8223207104725dd4"}},
    {"SP 800-38A F.1.3",
     "SP 800-38A F.1.4",
     "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
     {"bd334f1d6e45f25ff712a214571fa5cc", "974104846d0ad3ad7734ecb3ecee4eef",
      "ef7afd2270e2e60adce0ba2face6444e", "9a4b41ba738d6c72fb16691603c18e0e"}},
    {"SP 800-38A F.1.5",
     "SP 800-38A F.1.6",
     "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
     {"f3eed1bdb5d2a03c064b5a7e3db181f8", "591ccb10d410ed26dc5ba74a31362870",
      "b6ed21b99ca6f4f9f153e7b1beafed1d", "23304b7a39f9f3ff067d8d8f9e24ecc7"}},
}};

inline const std::array<AesModeVector, 3> kSp80038aCbc = {{
    {"SP 800-38A F.2.1",
     "SP 800-38A F.2.2",
     "2b7e151628aed2a6abf7158809cf4f3c",
     {"7649abac8119b246cee98e9b12e9197d", "5086cb9b507219ee95db113a917678b2",
      "73bed6b8e3c1743b7116e69e22229516", "3ff1caa1681fac09120eca307586e1a7"}},
    {"SP 800-38A F.2.3",
     "SP 800-38A F.2.4",
     "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
     {"4f021db243bc633d7178183a9fa071e8", "b4d9ada9ad7dedf4e5e738763f69145a",
      "571b242012fb7ae07fa9baac3df102e0", "08b0e27988598881d920a9e64f5615cd"}},
    {"SP 800-38A F.2.5",
     "SP 800-38A F.2.6",
     "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
     {"f58c4c04d6e5f1ba779eabfb5f7bfbd6", "9cfc4e967edb808d679f777bc6702c7d",
      "39f23369a9d9bacfa530e26304231461", "b2eb05e2c39be9fcda6c19078c6a9d1b"}},
}};

}  // namespace ipsec_fpga::verif
