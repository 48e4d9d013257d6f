#pragma once
// A whole ISAKMP message: header plus payload chain. Plaintext messages are
// encoded and decoded here; encrypted bodies go through MessageProtection.

#include <span>
#include <vector>

#include "ike/isakmp_header.hpp"
#include "ike/payload_codec.hpp"
#include "ike/payloads.hpp"
#include "ike/result.hpp"

namespace ipsec_fpga::ike {

struct IsakmpMessage {
  IsakmpHeader header;
  std::vector<DecodedPayload> payloads;
  Bytes chain;  // the (decrypted) payload chain the offsets refer to

  // Payload types in order, for logging.
  std::vector<PayloadType> types() const;
  template <class T>
  const T* find() const {
    for (const auto& p : payloads) {
      if (const T* found = std::get_if<T>(&p.payload)) return found;
    }
    return nullptr;
  }
  template <class T>
  std::vector<const T*> find_all() const {
    std::vector<const T*> out;
    for (const auto& p : payloads) {
      if (const T* found = std::get_if<T>(&p.payload)) out.push_back(found);
    }
    return out;
  }
  // Body of the first payload of `type` exactly as received.
  ByteView body_of(PayloadType type) const;
  // The chain bytes from the payload after the first HASH to the end of the
  // last payload (Quick Mode / informational HASH input, RFC 2409 5.5).
  ByteView after_hash() const;
};

// Header (with next payload and length filled in) followed by the chain.
Bytes encode_plain_message(IsakmpHeader header, std::span<const Payload> payloads);

// Decodes an unencrypted datagram.
Result<IsakmpMessage> decode_plain_message(ByteView datagram);

// Decodes the chain of an already decrypted message body.
Result<IsakmpMessage> decode_decrypted_message(const IsakmpHeader& header, Bytes plaintext_chain);

}  // namespace ipsec_fpga::ike
