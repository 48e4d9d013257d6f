#pragma once
// Encoding and strict decoding of ISAKMP payload chains (RFC 2408 3.2-3.16,
// RFC 3947). Decoding never reads outside its input, allocates at most in
// proportion to it, and names what was wrong when it rejects a chain.

#include <cstddef>
#include <span>
#include <vector>

#include "ike/bytes.hpp"
#include "ike/payloads.hpp"
#include "ike/result.hpp"

namespace ipsec_fpga::ike {

// A payload together with where it sat in the chain, so hashes can be taken
// over the bytes exactly as received (SAi_b, IDii_b, "everything after HASH").
struct DecodedPayload {
  Payload payload;
  std::size_t offset = 0;  // of the generic payload header within the chain
  std::size_t length = 0;  // including the 4-byte generic header
};

// The body of one payload (without its generic header).
Bytes encode_payload_body(const Payload& payload);
// Generic headers and bodies of `payloads`, with next-payload fields linked.
Bytes encode_payload_chain(std::span<const Payload> payloads);

// Decodes a chain whose first payload has type `first`. In encrypted
// messages the chain is followed by CBC padding, allowed by `allow_padding`.
Result<std::vector<DecodedPayload>> decode_payload_chain(PayloadType first, ByteView chain,
                                                         bool allow_padding);

}  // namespace ipsec_fpga::ike
