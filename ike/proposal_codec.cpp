#include "ike/proposal_codec.hpp"

namespace ipsec_fpga::ike {
namespace {

using OA = oakley::Attribute;
using IA = ipsec_doi::Attribute;

std::uint16_t u16(OA a) { return static_cast<std::uint16_t>(a); }
std::uint16_t u16(IA a) { return static_cast<std::uint16_t>(a); }

std::optional<ipsec_doi::EspTransformId> esp_transform_id(EspEncryption e) {
  using Id = ipsec_doi::EspTransformId;
  switch (e) {
    case EspEncryption::des_cbc:
      return Id::des;
    case EspEncryption::triple_des_cbc:
      return Id::triple_des;
    case EspEncryption::aes_cbc:
      return Id::aes_cbc;
    case EspEncryption::aes_gcm_16:
      return Id::aes_gcm_16;
    case EspEncryption::null:
      return Id::null;
  }
  return std::nullopt;
}

std::optional<EspEncryption> esp_encryption(std::uint8_t id) {
  using Id = ipsec_doi::EspTransformId;
  switch (static_cast<Id>(id)) {
    case Id::des:
      return EspEncryption::des_cbc;
    case Id::triple_des:
      return EspEncryption::triple_des_cbc;
    case Id::aes_cbc:
      return EspEncryption::aes_cbc;
    case Id::aes_gcm_16:
      return EspEncryption::aes_gcm_16;
    case Id::null:
      return EspEncryption::null;
  }
  return std::nullopt;
}

std::uint16_t auth_algorithm(EspIntegrity i) {
  using A = ipsec_doi::AuthenticationAlgorithm;
  switch (i) {
    case EspIntegrity::none:
      return static_cast<std::uint16_t>(A::none);
    case EspIntegrity::hmac_md5_96:
      return static_cast<std::uint16_t>(A::hmac_md5);
    case EspIntegrity::hmac_sha1_96:
      return static_cast<std::uint16_t>(A::hmac_sha1);
    case EspIntegrity::hmac_sha256_128:
      return static_cast<std::uint16_t>(A::hmac_sha2_256);
  }
  return 0;
}

std::optional<EspIntegrity> esp_integrity(std::uint64_t value) {
  using A = ipsec_doi::AuthenticationAlgorithm;
  switch (static_cast<A>(value)) {
    case A::none:
      return EspIntegrity::none;
    case A::hmac_md5:
      return EspIntegrity::hmac_md5_96;
    case A::hmac_sha1:
      return EspIntegrity::hmac_sha1_96;
    case A::hmac_sha2_256:
      return EspIntegrity::hmac_sha256_128;
  }
  return std::nullopt;
}

std::optional<Phase1Suite> parse_phase1(const Transform& t) {
  if (t.id != oakley::kTransformKeyIke) return std::nullopt;
  Phase1Suite s;
  bool have_enc = false, have_hash = false, have_auth = false, have_group = false;
  std::uint16_t life_type = 0;
  for (const auto& a : t.attributes) {
    auto v = a.integer();
    if (!v) return std::nullopt;
    switch (static_cast<OA>(a.type)) {
      case OA::encryption_algorithm:
        s.encryption = static_cast<EncryptionAlgorithm>(*v);
        have_enc = is_supported(s.encryption);
        break;
      case OA::hash_algorithm:
        s.hash = static_cast<HashAlgorithm>(*v);
        have_hash = is_supported(s.hash);
        break;
      case OA::authentication_method:
        have_auth = *v == oakley::kAuthPreSharedKey;
        break;
      case OA::group_description:
        s.group = static_cast<DhGroup>(*v);
        have_group = is_supported(s.group);
        break;
      case OA::life_type:
        life_type = static_cast<std::uint16_t>(*v);
        break;
      case OA::life_duration:
        if (life_type == oakley::kLifeSeconds) s.lifetime_seconds = static_cast<std::uint32_t>(*v);
        break;
      case OA::key_length:
        s.key_bits = static_cast<std::uint16_t>(*v);
        break;
      default:
        return std::nullopt;  // an attribute we do not know: cannot accept it
    }
  }
  if (!have_enc || !have_hash || !have_auth || !have_group) return std::nullopt;
  if (s.encryption == EncryptionAlgorithm::aes_cbc && s.key_bits != 128 && s.key_bits != 192 &&
      s.key_bits != 256) {
    return std::nullopt;
  }
  if (s.encryption != EncryptionAlgorithm::aes_cbc) s.key_bits = 0;
  return s;
}

std::optional<EspOffer> parse_esp(const Transform& t) {
  auto enc = esp_encryption(t.id);
  if (!enc) return std::nullopt;
  EspOffer offer;
  offer.suite.encryption = *enc;
  offer.suite.integrity = EspIntegrity::none;
  offer.suite.key_bits = 0;
  offer.suite.lifetime_seconds = 0;
  std::uint16_t life_type = 0;
  for (const auto& a : t.attributes) {
    auto v = a.integer();
    if (!v) return std::nullopt;
    switch (static_cast<IA>(a.type)) {
      case IA::sa_life_type:
        life_type = static_cast<std::uint16_t>(*v);
        break;
      case IA::sa_life_duration:
        if (life_type == oakley::kLifeSeconds)
          offer.suite.lifetime_seconds = static_cast<std::uint32_t>(*v);
        else if (life_type == oakley::kLifeKilobytes)
          offer.suite.lifetime_kilobytes = static_cast<std::uint32_t>(*v);
        break;
      case IA::group_description: {
        auto g = static_cast<DhGroup>(*v);
        if (!is_supported(g)) return std::nullopt;
        offer.suite.pfs_group = g;
        break;
      }
      case IA::encapsulation_mode:
        offer.mode = static_cast<ipsec_doi::EncapsulationMode>(*v);
        if (*v < 1 || *v > 4) return std::nullopt;
        break;
      case IA::authentication_algorithm: {
        auto i = esp_integrity(*v);
        if (!i) return std::nullopt;
        offer.suite.integrity = *i;
        break;
      }
      case IA::key_length:
        offer.suite.key_bits = static_cast<std::uint16_t>(*v);
        break;
      default:
        return std::nullopt;
    }
  }
  // AES without Key Length means 128 bits (RFC 3602 5.1 allows no default,
  // but strongSwan and others assume 128).
  if ((*enc == EspEncryption::aes_cbc || *enc == EspEncryption::aes_gcm_16) &&
      offer.suite.key_bits == 0) {
    offer.suite.key_bits = 128;
  }
  if (!offer.suite.valid()) return std::nullopt;
  offer.transform = t;
  return offer;
}

}  // namespace

Bytes spi_bytes(std::uint32_t spi) {
  return {static_cast<std::uint8_t>(spi >> 24), static_cast<std::uint8_t>(spi >> 16),
          static_cast<std::uint8_t>(spi >> 8), static_cast<std::uint8_t>(spi)};
}

std::uint32_t spi_value(ByteView bytes) {
  if (bytes.size() != 4) return 0;
  return static_cast<std::uint32_t>(bytes[0]) << 24 | static_cast<std::uint32_t>(bytes[1]) << 16 |
         static_cast<std::uint32_t>(bytes[2]) << 8 | bytes[3];
}

SaPayload ProposalCodec::phase1_sa(std::span<const Phase1Suite> suites) {
  Proposal p;
  p.protocol = ProtocolId::isakmp;
  std::uint8_t number = 1;
  for (const auto& s : suites) {
    Transform t;
    t.number = number++;
    t.id = oakley::kTransformKeyIke;
    t.attributes.push_back(Attribute::make_basic(u16(OA::encryption_algorithm),
                                                 static_cast<std::uint16_t>(s.encryption)));
    if (s.encryption == EncryptionAlgorithm::aes_cbc) {
      t.attributes.push_back(Attribute::make_basic(u16(OA::key_length), s.key_bits));
    }
    t.attributes.push_back(
        Attribute::make_basic(u16(OA::hash_algorithm), static_cast<std::uint16_t>(s.hash)));
    t.attributes.push_back(
        Attribute::make_basic(u16(OA::authentication_method), oakley::kAuthPreSharedKey));
    t.attributes.push_back(
        Attribute::make_basic(u16(OA::group_description), static_cast<std::uint16_t>(s.group)));
    t.attributes.push_back(Attribute::make_basic(u16(OA::life_type), oakley::kLifeSeconds));
    t.attributes.push_back(Attribute::make_integer(u16(OA::life_duration), s.lifetime_seconds));
    p.transforms.push_back(std::move(t));
  }
  return SaPayload{kIpsecDoi, kSituationIdentityOnly, {p}};
}

std::vector<Phase1Offer> ProposalCodec::phase1_offers(const SaPayload& sa) {
  std::vector<Phase1Offer> out;
  for (const auto& p : sa.proposals) {
    if (p.protocol != ProtocolId::isakmp) continue;
    for (const auto& t : p.transforms) {
      if (auto suite = parse_phase1(t)) out.push_back({*suite, p.number, t});
    }
  }
  return out;
}

SaPayload ProposalCodec::phase1_answer(const Phase1Offer& chosen) {
  Proposal p;
  p.number = chosen.proposal_number;
  p.protocol = ProtocolId::isakmp;
  p.transforms = {chosen.transform};
  return SaPayload{kIpsecDoi, kSituationIdentityOnly, {p}};
}

SaPayload ProposalCodec::esp_sa(std::span<const EspSuite> suites, std::uint32_t spi,
                                ipsec_doi::EncapsulationMode mode) {
  Proposal p;
  p.protocol = ProtocolId::esp;
  p.spi = spi_bytes(spi);
  std::uint8_t number = 1;
  for (const auto& s : suites) {
    Transform t;
    t.number = number++;
    t.id = static_cast<std::uint8_t>(*esp_transform_id(s.encryption));
    t.attributes.push_back(Attribute::make_basic(u16(IA::sa_life_type), oakley::kLifeSeconds));
    t.attributes.push_back(Attribute::make_integer(u16(IA::sa_life_duration), s.lifetime_seconds));
    if (s.lifetime_kilobytes != 0) {
      t.attributes.push_back(Attribute::make_basic(u16(IA::sa_life_type), oakley::kLifeKilobytes));
      t.attributes.push_back(
          Attribute::make_integer(u16(IA::sa_life_duration), s.lifetime_kilobytes));
    }
    if (s.pfs_group) {
      t.attributes.push_back(Attribute::make_basic(u16(IA::group_description),
                                                   static_cast<std::uint16_t>(*s.pfs_group)));
    }
    t.attributes.push_back(
        Attribute::make_basic(u16(IA::encapsulation_mode), static_cast<std::uint16_t>(mode)));
    if (s.integrity != EspIntegrity::none) {
      t.attributes.push_back(
          Attribute::make_basic(u16(IA::authentication_algorithm), auth_algorithm(s.integrity)));
    }
    if (s.encryption == EspEncryption::aes_cbc || s.encryption == EspEncryption::aes_gcm_16) {
      t.attributes.push_back(Attribute::make_basic(u16(IA::key_length), s.key_bits));
    }
    p.transforms.push_back(std::move(t));
  }
  return SaPayload{kIpsecDoi, kSituationIdentityOnly, {p}};
}

std::vector<EspOffer> ProposalCodec::esp_offers(const SaPayload& sa) {
  std::vector<EspOffer> out;
  for (const auto& p : sa.proposals) {
    if (p.protocol != ProtocolId::esp || p.spi.size() != 4) continue;
    // Proposals sharing a number are a bundle (e.g. AH+ESP): not supported.
    std::size_t same_number = 0;
    for (const auto& q : sa.proposals) same_number += q.number == p.number;
    if (same_number != 1) continue;
    for (const auto& t : p.transforms) {
      if (auto offer = parse_esp(t)) {
        offer->proposal_number = p.number;
        offer->spi = p.spi;
        out.push_back(std::move(*offer));
      }
    }
  }
  return out;
}

SaPayload ProposalCodec::esp_answer(const EspOffer& chosen, std::uint32_t spi) {
  Proposal p;
  p.number = chosen.proposal_number;
  p.protocol = ProtocolId::esp;
  p.spi = spi_bytes(spi);
  p.transforms = {chosen.transform};
  return SaPayload{kIpsecDoi, kSituationIdentityOnly, {p}};
}

std::optional<Phase1Offer> ProposalCodec::choose(std::span<const Phase1Offer> offers,
                                                 std::span<const Phase1Suite> ours) {
  for (const auto& offer : offers) {
    for (const auto& mine : ours) {
      if (mine.same_algorithms(offer.suite)) return offer;
    }
  }
  return std::nullopt;
}

std::optional<EspOffer> ProposalCodec::choose(std::span<const EspOffer> offers,
                                              std::span<const EspSuite> ours) {
  for (const auto& offer : offers) {
    for (const auto& mine : ours) {
      if (mine.same_algorithms(offer.suite)) return offer;
    }
  }
  return std::nullopt;
}

}  // namespace ipsec_fpga::ike
