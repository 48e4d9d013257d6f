#pragma once
// NAT discovery of RFC 3947 3.2: NAT-D = HASH(CKY-I | CKY-R | IP | Port)
// with the negotiated hash; a mismatch on either side means a NAT between
// the peers, and from then on IKE moves to UDP 4500 and ESP is encapsulated.

#include "ike/algorithms.hpp"
#include "ike/bytes.hpp"
#include "ike/ip_address.hpp"
#include "ike/isakmp_header.hpp"

namespace ipsec_fpga::ike {

// MD5("RFC 3947"), the vendor ID announcing RFC 3947 support.
inline constexpr std::uint8_t kRfc3947VendorId[] = {0x4a, 0x13, 0x1c, 0x81, 0x07, 0x03, 0x58, 0x45,
                                                    0x5c, 0x57, 0x28, 0xf2, 0x0e, 0x95, 0x45, 0x2f};

class NatDetection {
 public:
  static Bytes hash(HashAlgorithm hash, const Cookie& initiator_cookie,
                    const Cookie& responder_cookie, const Endpoint& endpoint);

  struct Verdict {
    bool local_behind_nat = false;  // our address was rewritten
    bool peer_behind_nat = false;   // the peer's address was rewritten
    bool any() const { return local_behind_nat || peer_behind_nat; }
  };
  // `received`: the NAT-D hashes of the peer's message, first one for us.
  // `local`/`peer`: the endpoints the datagram was addressed to / came from.
  static Verdict check(HashAlgorithm hash, const Cookie& ci, const Cookie& cr,
                       std::span<const Bytes> received, const Endpoint& local,
                       const Endpoint& peer);
};

}  // namespace ipsec_fpga::ike
