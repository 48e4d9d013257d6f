#include "ike/algorithms.hpp"

namespace ipsec_fpga::ike {

bool is_supported(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::md5:
    case HashAlgorithm::sha1:
    case HashAlgorithm::sha256:
    case HashAlgorithm::sha384:
    case HashAlgorithm::sha512:
      return true;
  }
  return false;
}

bool is_supported(EncryptionAlgorithm encryption) {
  switch (encryption) {
    case EncryptionAlgorithm::des_cbc:
    case EncryptionAlgorithm::triple_des_cbc:
    case EncryptionAlgorithm::aes_cbc:
      return true;
  }
  return false;
}

bool is_supported(DhGroup group) {
  switch (group) {
    case DhGroup::modp768:
    case DhGroup::modp1024:
    case DhGroup::modp1536:
    case DhGroup::modp2048:
    case DhGroup::modp3072:
    case DhGroup::modp4096:
    case DhGroup::ecp256:
    case DhGroup::ecp384:
      return true;
  }
  return false;
}

std::string name(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::md5:
      return "MD5";
    case HashAlgorithm::sha1:
      return "SHA1";
    case HashAlgorithm::sha256:
      return "SHA256";
    case HashAlgorithm::sha384:
      return "SHA384";
    case HashAlgorithm::sha512:
      return "SHA512";
  }
  return "hash " + std::to_string(static_cast<unsigned>(hash));
}

std::string name(EncryptionAlgorithm encryption) {
  switch (encryption) {
    case EncryptionAlgorithm::des_cbc:
      return "DES";
    case EncryptionAlgorithm::triple_des_cbc:
      return "3DES";
    case EncryptionAlgorithm::aes_cbc:
      return "AES";
  }
  return "cipher " + std::to_string(static_cast<unsigned>(encryption));
}

std::string name(DhGroup group) {
  return "DH group " + std::to_string(static_cast<unsigned>(group));
}

}  // namespace ipsec_fpga::ike
