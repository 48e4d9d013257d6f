#include "ike/nat_detection.hpp"

#include <algorithm>

#include "ike/digest.hpp"

namespace ipsec_fpga::ike {

Bytes NatDetection::hash(HashAlgorithm hash, const Cookie& initiator_cookie,
                         const Cookie& responder_cookie, const Endpoint& endpoint) {
  const std::uint8_t port[] = {static_cast<std::uint8_t>(endpoint.port >> 8),
                               static_cast<std::uint8_t>(endpoint.port)};
  return digest(hash, {initiator_cookie, responder_cookie, endpoint.address.bytes(), port});
}

NatDetection::Verdict NatDetection::check(HashAlgorithm hash_algorithm, const Cookie& ci,
                                          const Cookie& cr, std::span<const Bytes> received,
                                          const Endpoint& local, const Endpoint& peer) {
  Verdict v;
  if (received.empty()) return v;
  v.local_behind_nat = received.front() != hash(hash_algorithm, ci, cr, local);
  Bytes peer_hash = hash(hash_algorithm, ci, cr, peer);
  v.peer_behind_nat = std::none_of(received.begin() + 1, received.end(),
                                   [&](const Bytes& h) { return h == peer_hash; });
  return v;
}

}  // namespace ipsec_fpga::ike
