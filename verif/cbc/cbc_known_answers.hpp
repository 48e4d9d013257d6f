// Published CBC known answers, typed in from RFC 3602 section 4 (AES-128-CBC
// cases #1-#4), FIPS 81 appendix C table C1 (DES-CBC) and NIST's TDES_CBC
// example (the SP 800-38A plaintext under SP 800-67 keys). NIST SP 800-38A
// F.2.1-F.2.6 come from verif/aes/aes_known_answers.hpp.
#pragma once

#include <array>

#include "cbc_cipher_driver.hpp"

namespace ipsec_fpga::verif {

struct CbcVector {
  const char* name;
  CbcCipher cipher;
  const char* key;
  const char* iv;
  const char* plaintext;
  const char* ciphertext;
};

inline const std::array<CbcVector, 6> kCbcVectors = {{
    {"RFC 3602 case #1", CbcCipher::kAes128, "06a9214036b8a15b512e03d534120006",
     "3dafba429d9eb430b422da802c9fac41",
     "53696e676c6520626c6f636b206d7367",  // "Single block msg"
     "e353779c1079aeb82708942dbe77181a"},
    {"RFC 3602 case #2", CbcCipher::kAes128, "c286696d887c9aa0611bbb3e2025a45a",
     "562e17996d093d28ddb3ba695a2e6f58",
     "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
     "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1"},
    {"RFC 3602 case #3", CbcCipher::kAes128, "6c3ea0477630ce21a2ce334aa746c2cd",
     "c782dc4c098c66cbd9cd27d825682c81",
     // "This is a 48-byte message (exactly 3 AES blocks)"
     "5468697320697320612034382d62797465206d657373616765202865786163746c7920332041455320626c6f"
     "636b7329",
     "d0a02b3836451753d493665d33f0e8862dea54cdb293abc7506939276772f8d5021c19216bad525c8579695d"
     "83ba2684"},
    {"RFC 3602 case #4", CbcCipher::kAes128, "56e47a38c5598974bc46903dba290349",
     "8ce82eefbea0da3c44699ed7db51b7d9",
     "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcc"
     "cdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf",
     "c30e32ffedc0774e6aff6af0869f71aa0f3af07a9a31a9c684db207eb0ef8e4e35907aa632c3ffdf868bb7b2"
     "9d3d46ad83ce9f9a102ee99d49a53e87f4c3da55"},
    {"FIPS 81 table C1", CbcCipher::kDes, "0123456789abcdef", "1234567890abcdef",
     "4e6f77206973207468652074696d6520666f7220616c6c20",  // "Now is the time for all "
     "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6"},
    {"NIST TDES_CBC example", CbcCipher::kTdes, "0123456789abcdef23456789abcdef01456789abcdef0123",
     "f69f2445df4f9b17", "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51",
     "2079c3d53aa763e193b79e2569ab5262516570481f25b50f73c0bda85c8e0da7"},
}};

}  // namespace ipsec_fpga::verif
