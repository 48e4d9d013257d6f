#include "suite.hpp"

namespace ipsec_fpga::verif::esp {

CipherProperties properties(Cipher cipher) {
  switch (cipher) {
    case Cipher::null:
      return {0, 1, 0, 0, false};
    case Cipher::des_cbc:
      return {8, 8, 8, 0, false};
    case Cipher::des3_cbc:
      return {24, 8, 8, 0, false};
    case Cipher::aes128_cbc:
      return {16, 16, 16, 0, false};
    case Cipher::aes192_cbc:
      return {24, 16, 16, 0, false};
    case Cipher::aes256_cbc:
      return {32, 16, 16, 0, false};
    case Cipher::aes128_gcm16:
      return {16, 1, 8, 16, true};
    case Cipher::aes256_gcm16:
      return {32, 1, 8, 16, true};
  }
  return {0, 1, 0, 0, false};
}

IntegrityProperties properties(Integrity integrity) {
  switch (integrity) {
    case Integrity::none:
      return {0, 0};
    case Integrity::hmac_md5_96:
      return {16, 12};
    case Integrity::hmac_sha1_96:
      return {20, 12};
    case Integrity::hmac_sha256_128:
      return {32, 16};
  }
  return {0, 0};
}

std::string_view to_string(Cipher cipher) {
  switch (cipher) {
    case Cipher::null:
      return "null";
    case Cipher::des_cbc:
      return "des-cbc";
    case Cipher::des3_cbc:
      return "3des-cbc";
    case Cipher::aes128_cbc:
      return "aes128-cbc";
    case Cipher::aes192_cbc:
      return "aes192-cbc";
    case Cipher::aes256_cbc:
      return "aes256-cbc";
    case Cipher::aes128_gcm16:
      return "aes128-gcm16";
    case Cipher::aes256_gcm16:
      return "aes256-gcm16";
  }
  return "unknown";
}

std::string_view to_string(Integrity integrity) {
  switch (integrity) {
    case Integrity::none:
      return "none";
    case Integrity::hmac_md5_96:
      return "hmac-md5-96";
    case Integrity::hmac_sha1_96:
      return "hmac-sha1-96";
    case Integrity::hmac_sha256_128:
      return "hmac-sha256-128";
  }
  return "unknown";
}

std::size_t icv_size(const Suite& suite) {
  return properties(suite.cipher).aead ? properties(suite.cipher).icv_size
                                       : properties(suite.integrity).icv_size;
}

bool offered_by_engine(const Suite& suite) {
  return properties(suite.cipher).aead == (suite.integrity == Integrity::none);
}

std::vector<Suite> engine_suites() {
  std::vector<Suite> suites;
  for (Cipher cipher : {Cipher::null, Cipher::des_cbc, Cipher::des3_cbc, Cipher::aes128_cbc,
                        Cipher::aes192_cbc, Cipher::aes256_cbc})
    for (Integrity integrity :
         {Integrity::hmac_md5_96, Integrity::hmac_sha1_96, Integrity::hmac_sha256_128})
      suites.push_back({cipher, integrity});
  suites.push_back({Cipher::aes128_gcm16, Integrity::none});
  suites.push_back({Cipher::aes256_gcm16, Integrity::none});
  return suites;
}

}  // namespace ipsec_fpga::verif::esp
