#pragma once
// Between suites and SA payloads: Phase 1 transforms with Oakley attributes
// (RFC 2409 appendix A) and ESP transforms with IPsec DOI attributes
// (RFC 2407 4.5, RFC 3947 encapsulation modes).

#include <optional>
#include <span>
#include <vector>

#include "ike/esp_suite.hpp"
#include "ike/payloads.hpp"
#include "ike/phase1_suite.hpp"

namespace ipsec_fpga::ike {

struct Phase1Offer {
  Phase1Suite suite;
  std::uint8_t proposal_number = 1;
  Transform transform;  // as received, echoed in the answer
};

struct EspOffer {
  EspSuite suite;
  ipsec_doi::EncapsulationMode mode = ipsec_doi::EncapsulationMode::tunnel;
  std::uint8_t proposal_number = 1;
  Bytes spi;
  Transform transform;
};

class ProposalCodec {
 public:
  static SaPayload phase1_sa(std::span<const Phase1Suite> suites);
  // Offers this implementation understands, in the peer's order; transforms
  // with unknown algorithms or other authentication methods are skipped.
  static std::vector<Phase1Offer> phase1_offers(const SaPayload& sa);
  // The answer: the chosen proposal with only the chosen transform.
  static SaPayload phase1_answer(const Phase1Offer& chosen);

  static SaPayload esp_sa(std::span<const EspSuite> suites, std::uint32_t spi,
                          ipsec_doi::EncapsulationMode mode);
  static std::vector<EspOffer> esp_offers(const SaPayload& sa);
  static SaPayload esp_answer(const EspOffer& chosen, std::uint32_t spi);

  // First of `offers` (peer's preference) that one of `ours` accepts.
  static std::optional<Phase1Offer> choose(std::span<const Phase1Offer> offers,
                                           std::span<const Phase1Suite> ours);
  static std::optional<EspOffer> choose(std::span<const EspOffer> offers,
                                        std::span<const EspSuite> ours);
};

Bytes spi_bytes(std::uint32_t spi);
std::uint32_t spi_value(ByteView bytes);  // 0 unless 4 bytes

}  // namespace ipsec_fpga::ike
