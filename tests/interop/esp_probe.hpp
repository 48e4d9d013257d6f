#pragma once
// Test-only ESP (RFC 4303: 3DES/AES-CBC + HMAC, AES-GCM-16 per RFC 4106) on OpenSSL, to prove that
// the keys ike/ negotiated are the keys the peer uses: verify and decrypt one packet the peer sent,
// and build one packet the peer must accept.

#include <optional>
#include <string>

#include "ike/engine_output.hpp"

namespace ipsec_fpga::ike::interop {

struct EspCheck {
  bool ok = false;
  std::string detail;  // why not, or the inner packet's next header
};

// Verifies the ICV and decrypts `packet` (SPI onward) with `keys` of `suite`.
EspCheck verify_esp(const EspSuite& suite, const EspKeys& keys, ByteView packet);

// One ESP packet (sequence `seq`) carrying an IPv4/UDP datagram from `source`
// to `destination`, encrypted and authenticated with `keys`.
Bytes build_esp(const EspSuite& suite, const EspKeys& keys, std::uint32_t seq,
                const IpAddress& source, const IpAddress& destination);

}  // namespace ipsec_fpga::ike::interop
