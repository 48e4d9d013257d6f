#pragma once
// The Phase 1 block cipher in CBC mode without padding (ISAKMP pads itself).

#include <cstddef>

#include "ike/algorithms.hpp"
#include "ike/bytes.hpp"
#include "ike/result.hpp"
#include "ike/secure_bytes.hpp"

namespace ipsec_fpga::ike {

class CbcCipher {
 public:
  // key_bits: 128/192/256 for AES; ignored (fixed) for DES and 3DES.
  CbcCipher(EncryptionAlgorithm algorithm, std::size_t key_bits);

  std::size_t block_size() const;
  std::size_t key_size() const;
  // Whether OpenSSL here provides the cipher (single DES needs "legacy").
  bool available() const;

  // `data` must be a whole number of blocks.
  Result<Bytes> encrypt(const SecureBytes& key, ByteView iv, ByteView data) const;
  Result<Bytes> decrypt(const SecureBytes& key, ByteView iv, ByteView data) const;

 private:
  Result<Bytes> run(const SecureBytes& key, ByteView iv, ByteView data, bool encrypt) const;
  const char* openssl_name() const;

  EncryptionAlgorithm algorithm_;
  std::size_t key_bits_;
};

}  // namespace ipsec_fpga::ike
