// The two cbc_cipher configurations the testbench runs: the default build
// (aes_core, every cipher) and the iCEBreaker's (AES_COMPACT = 1,
// HAS_TDES = 0: aes_core_compact, AES-128/256 only). The test cases take a
// build as a template argument, so both run the same checks.
#pragma once

#include "Vcbc_cipher.h"
#include "Vcbc_cipher_compact.h"
#include "cbc_cipher_driver.hpp"

namespace ipsec_fpga::verif {

struct CbcFullBuild {
  using Model = Vcbc_cipher;
  static constexpr const char* kName = "cbc_cipher";
  static constexpr const char* kWaveformPrefix = "cbc_cipher_";
  static CbcTiming timing() { return CbcTiming{false}; }
  static bool offers(CbcCipher) { return true; }
};

struct CbcCompactBuild {
  using Model = Vcbc_cipher_compact;
  static constexpr const char* kName = "cbc_cipher (AES_COMPACT=1, HAS_TDES=0)";
  static constexpr const char* kWaveformPrefix = "cbc_cipher_compact_";
  static CbcTiming timing() { return CbcTiming{true}; }
  static bool offers(CbcCipher cipher) {
    return cipher == CbcCipher::kAes128 || cipher == CbcCipher::kAes256;
  }
};

template <class Build>
CbcCipherDriver<typename Build::Model> make_cbc_unit(const std::string& waveform_suffix) {
  return CbcCipherDriver<typename Build::Model>(Build::kWaveformPrefix + waveform_suffix,
                                                Build::timing());
}

}  // namespace ipsec_fpga::verif
