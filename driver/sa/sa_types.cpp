#include "sa/sa_types.hpp"

namespace ipsec_fpga::driver {

std::string_view to_string(Direction direction) {
  return direction == Direction::outbound ? "outbound" : "inbound";
}

std::string_view to_string(Mode mode) { return mode == Mode::tunnel ? "tunnel" : "transport"; }

std::string_view to_string(Encapsulation encapsulation) {
  switch (encapsulation) {
    case Encapsulation::bare_esp:
      return "bare_esp";
    case Encapsulation::ipv4:
      return "ipv4";
    case Encapsulation::ipv4_udp:
      return "ipv4_udp";
  }
  return "encapsulation?";
}

std::string_view to_string(Cipher cipher) {
  switch (cipher) {
    case Cipher::null:
      return "null";
    case Cipher::des_cbc:
      return "des_cbc";
    case Cipher::tdes_cbc:
      return "tdes_cbc";
    case Cipher::aes128_cbc:
      return "aes128_cbc";
    case Cipher::aes192_cbc:
      return "aes192_cbc";
    case Cipher::aes256_cbc:
      return "aes256_cbc";
    case Cipher::aes128_gcm:
      return "aes128_gcm";
    case Cipher::aes256_gcm:
      return "aes256_gcm";
  }
  return "cipher?";
}

std::string_view to_string(Integrity integrity) {
  switch (integrity) {
    case Integrity::none:
      return "none";
    case Integrity::hmac_md5_96:
      return "hmac_md5_96";
    case Integrity::hmac_sha1_96:
      return "hmac_sha1_96";
    case Integrity::hmac_sha256_128:
      return "hmac_sha256_128";
  }
  return "integrity?";
}

bool is_gcm(Cipher cipher) { return cipher == Cipher::aes128_gcm || cipher == Cipher::aes256_gcm; }

std::size_t cipher_key_bytes(Cipher cipher) {
  switch (cipher) {
    case Cipher::null:
      return 0;
    case Cipher::des_cbc:
      return 8;
    case Cipher::tdes_cbc:
      return 24;
    case Cipher::aes128_cbc:
    case Cipher::aes128_gcm:
      return 16;
    case Cipher::aes192_cbc:
      return 24;
    case Cipher::aes256_cbc:
    case Cipher::aes256_gcm:
      return 32;
  }
  return 0;
}

std::size_t integrity_key_bytes(Integrity integrity) {
  switch (integrity) {
    case Integrity::none:
      return 0;
    case Integrity::hmac_md5_96:
      return 16;
    case Integrity::hmac_sha1_96:
      return 20;
    case Integrity::hmac_sha256_128:
      return 32;
  }
  return 0;
}

bool is_engine_suite(Suite suite) {
  return is_gcm(suite.cipher) == (suite.integrity == Integrity::none);
}

}  // namespace ipsec_fpga::driver
