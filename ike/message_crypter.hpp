#pragma once
// Encryption of ISAKMP message bodies with the Phase 1 cipher and the CBC IV
// chaining of RFC 2409 appendix B: the IV of the next message is the last
// ciphertext block of this one.

#include <span>

#include "ike/cbc_cipher.hpp"
#include "ike/isakmp_message.hpp"
#include "ike/secure_bytes.hpp"

namespace ipsec_fpga::ike {

class MessageCrypter {
 public:
  MessageCrypter(CbcCipher cipher, const SecureBytes& key) : cipher_(cipher), key_(key) {}

  struct Sealed {
    Bytes datagram;
    Bytes next_iv;
  };
  // Sets the E flag, pads the chain with zeros to the block size.
  Result<Sealed> seal(IsakmpHeader header, std::span<const Payload> payloads, ByteView iv) const;

  struct Opened {
    IsakmpMessage message;
    Bytes next_iv;
  };
  Result<Opened> open(ByteView datagram, ByteView iv) const;

 private:
  CbcCipher cipher_;
  const SecureBytes& key_;
};

}  // namespace ipsec_fpga::ike
