// ISAKMP encode/decode: round trips and known bytes for every payload, and a
// named rejection for every kind of malformation.
#define BOOST_TEST_MODULE ike_isakmp
#include <boost/test/unit_test.hpp>

#include "ike/isakmp_message.hpp"

using namespace ipsec_fpga::ike;

namespace {

IsakmpHeader sample_header() {
  IsakmpHeader h;
  h.initiator_cookie = {1, 2, 3, 4, 5, 6, 7, 8};
  h.responder_cookie = {9, 10, 11, 12, 13, 14, 15, 16};
  h.exchange = ExchangeType::identity_protection;
  return h;
}

Payload round_trip(const Payload& p) {
  std::vector<Payload> payloads{p};
  Bytes wire = encode_plain_message(sample_header(), payloads);
  auto decoded = decode_plain_message(wire);
  BOOST_REQUIRE_MESSAGE(decoded.ok(), (decoded.ok() ? "" : decoded.reason()));
  BOOST_REQUIRE_EQUAL(decoded->payloads.size(), 1u);
  BOOST_TEST(decoded->payloads[0].offset == 0u);
  BOOST_TEST(decoded->payloads[0].length == wire.size() - IsakmpHeader::kSize);
  return decoded->payloads[0].payload;
}

SaPayload sample_sa() {
  Transform aes;
  aes.number = 1;
  aes.id = oakley::kTransformKeyIke;
  aes.attributes = {Attribute::make_basic(1, 7),       Attribute::make_basic(14, 128),
                    Attribute::make_basic(2, 2),       Attribute::make_basic(3, 1),
                    Attribute::make_basic(4, 14),      Attribute::make_basic(11, 1),
                    Attribute::make_integer(12, 86400)};
  Transform des = aes;
  des.number = 2;
  des.attributes = {Attribute::make_basic(1, 1)};
  Proposal p;
  p.protocol = ProtocolId::isakmp;
  p.transforms = {aes, des};
  Proposal esp;
  esp.number = 2;
  esp.protocol = ProtocolId::esp;
  esp.spi = {0xc0, 0xff, 0xee, 0x01};
  esp.transforms = {Transform{1, 12, {Attribute::make_basic(6, 256)}}};
  return SaPayload{kIpsecDoi, kSituationIdentityOnly, {p, esp}};
}

// Header bytes for a message whose chain is `chain` and whose first payload is `first`.
Bytes with_header(std::uint8_t first, const Bytes& chain, std::uint8_t flags = 0) {
  IsakmpHeader h = sample_header();
  h.next_payload = static_cast<PayloadType>(first);
  h.flags = flags;
  h.length = static_cast<std::uint32_t>(IsakmpHeader::kSize + chain.size());
  Bytes out;
  h.encode_to(out);
  append(out, chain);
  return out;
}

std::string reject_reason(const Bytes& datagram) {
  auto decoded = decode_plain_message(datagram);
  BOOST_REQUIRE_MESSAGE(!decoded.ok(), "malformed message was accepted");
  return decoded.reason();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(round_trips)

BOOST_AUTO_TEST_CASE(sa_with_proposals_transforms_and_attributes) {
  SaPayload sa = sample_sa();
  BOOST_TEST((std::get<SaPayload>(round_trip(sa)) == sa));
  // Life duration 86400 does not fit 16 bits: it travels as TLV.
  const Attribute& life = sa.proposals[0].transforms[0].attributes[6];
  BOOST_TEST(!life.basic);
  BOOST_TEST(life.integer().value() == 86400u);
}

BOOST_AUTO_TEST_CASE(every_other_payload) {
  std::vector<Payload> all = {
      KeyExchangePayload{Bytes(128, 0xab)},
      IdentificationPayload{IdType::ipv4_addr, 17, 500, {192, 0, 2, 1}},
      IdentificationPayload{IdType::fqdn, 0, 0, {'g', 'w'}},
      IdentificationPayload{IdType::ipv4_addr_subnet, 0, 0, {198, 51, 100, 0, 255, 255, 255, 0}},
      CertificatePayload{4, {1, 2, 3}},
      CertificateRequestPayload{4, {}},
      HashPayload{Bytes(20, 0x11)},
      SignaturePayload{Bytes(64, 0x22)},
      NoncePayload{Bytes(16, 0x33)},
      NotificationPayload{kIpsecDoi, ProtocolId::esp, NotifyType::invalid_spi, {1, 2, 3, 4}, {9}},
      DeletePayload{kIpsecDoi, ProtocolId::esp, 4, {{1, 2, 3, 4}, {5, 6, 7, 8}}},
      VendorIdPayload{from_hex("4a131c81070358455c5728f20e95452f")},
      NatDiscoveryPayload{Bytes(20, 0x44)},
      NatOriginalAddressPayload{IdType::ipv4_addr, {203, 0, 113, 5}},
  };
  for (const auto& p : all) BOOST_TEST((round_trip(p) == p));
}

BOOST_AUTO_TEST_CASE(chain_of_several_payloads_keeps_order_and_offsets) {
  std::vector<Payload> payloads = {HashPayload{Bytes(20, 1)}, sample_sa(),
                                   NoncePayload{Bytes(16, 2)}, NatDiscoveryPayload{Bytes(20, 3)}};
  Bytes wire = encode_plain_message(sample_header(), payloads);
  auto m = decode_plain_message(wire);
  BOOST_REQUIRE(m.ok());
  BOOST_TEST((m->types() == std::vector<PayloadType>{PayloadType::hash, PayloadType::sa,
                                                     PayloadType::nonce, PayloadType::nat_d}));
  BOOST_TEST(m->payloads[1].offset == 24u);
  Bytes after = encode_payload_chain(std::span(payloads).subspan(1));
  BOOST_TEST((Bytes(m->after_hash().begin(), m->after_hash().end()) == after));
  Bytes sa_body = encode_payload_body(payloads[1]);
  BOOST_TEST(
      (Bytes(m->body_of(PayloadType::sa).begin(), m->body_of(PayloadType::sa).end()) == sa_body));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(known_bytes)

BOOST_AUTO_TEST_CASE(header_and_nonce) {
  std::vector<Payload> payloads{NoncePayload{from_hex("0001020304050607")}};
  IsakmpHeader h = sample_header();
  h.exchange = ExchangeType::quick_mode;
  h.message_id = 0xdeadbeef;
  Bytes wire = encode_plain_message(h, payloads);
  BOOST_TEST(to_hex(wire) ==
             "0102030405060708090a0b0c0d0e0f10"  // cookies
             "0a102000deadbeef00000028"          // next=NONCE, v1.0, QM, flags, msgid, length 40
             "0000000c0001020304050607");
}

BOOST_AUTO_TEST_CASE(sa_payload_layout) {
  SaPayload sa;
  Proposal p;
  p.transforms = {
      Transform{1, 1, {Attribute::make_basic(1, 5), Attribute::make_integer(12, 28800)}}};
  sa.proposals = {p};
  BOOST_TEST(to_hex(encode_payload_body(sa)) ==
             "00000001"    // DOI
             "00000001"    // situation
             "00000018"    // last proposal, length 24
             "01010001"    // #1, ISAKMP, no SPI, 1 transform
             "00000010"    // last transform, length 16
             "01010000"    // #1, KEY_IKE
             "80010005"    // encryption 3DES (TV)
             "800c7080");  // life 28800 fits 16 bits: TV as well
}

BOOST_AUTO_TEST_CASE(delete_notify_nat_oa_layout) {
  BOOST_TEST(to_hex(encode_payload_body(
                 DeletePayload{kIpsecDoi, ProtocolId::esp, 4, {{0xaa, 0xbb, 0xcc, 0xdd}}})) ==
             "00000001"
             "03"
             "04"
             "0001"
             "aabbccdd");
  BOOST_TEST(to_hex(encode_payload_body(NotificationPayload{
                 kIpsecDoi, ProtocolId::isakmp, NotifyType::initial_contact, Bytes(16, 0), {}})) ==
             "00000001"
             "01"
             "10"
             "6002" +
                 std::string(32, '0'));
  BOOST_TEST(to_hex(encode_payload_body(NatOriginalAddressPayload{
                 IdType::ipv4_addr, {192, 0, 2, 9}})) == "01000000c0000209");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(malformations)

BOOST_AUTO_TEST_CASE(header_faults) {
  Bytes good =
      encode_plain_message(sample_header(), std::vector<Payload>{NoncePayload{Bytes(8, 1)}});
  BOOST_TEST(contains(reject_reason(Bytes(good.begin(), good.begin() + 20)), "truncated"));
  Bytes longer = good;
  longer.push_back(0);
  BOOST_TEST(contains(reject_reason(longer), "differs from the datagram size"));
  Bytes v2 = good;
  v2[17] = 0x20;
  BOOST_TEST(contains(reject_reason(v2), "major version 2"));
  Bytes flags = good;
  flags[19] = 0x80;
  BOOST_TEST(contains(reject_reason(flags), "unknown flags"));
  Bytes zero_cookie = good;
  std::fill(zero_cookie.begin(), zero_cookie.begin() + 8, 0);
  BOOST_TEST(contains(reject_reason(zero_cookie), "initiator cookie is zero"));
  Bytes encrypted = good;
  encrypted[19] = 0x01;
  BOOST_TEST(contains(reject_reason(encrypted), "encrypted"));
}

BOOST_AUTO_TEST_CASE(payload_length_faults) {
  BOOST_TEST(
      contains(reject_reason(with_header(10, from_hex("00000002"))), "shorter than its header"));
  BOOST_TEST(
      contains(reject_reason(with_header(10, from_hex("00000040 0102030405060708"))), "exceeds"));
  BOOST_TEST(contains(reject_reason(with_header(10, from_hex("0000"))), "truncated"));
  BOOST_TEST(contains(reject_reason(with_header(10, from_hex("0000000c0102030405060708 ff"))),
                      "1 bytes after the last payload"));
  // Next payload points at a payload that is not there.
  BOOST_TEST(
      contains(reject_reason(with_header(10, from_hex("0a00000c0102030405060708"))), "truncated"));
}

BOOST_AUTO_TEST_CASE(unknown_and_misplaced_payload_types) {
  BOOST_TEST(contains(reject_reason(with_header(99, from_hex("00000008 01020304"))),
                      "unknown payload type 99"));
  BOOST_TEST(contains(reject_reason(with_header(2, from_hex("00000008 01020304"))),
                      "outside an SA payload"));
}

BOOST_AUTO_TEST_CASE(sa_faults) {
  auto sa = [](const std::string& body_hex) {
    Bytes body = from_hex(body_hex);
    Bytes chain = {0, 0, 0, static_cast<std::uint8_t>(body.size() + 4)};
    append(chain, body);
    return reject_reason(with_header(1, chain));
  };
  BOOST_TEST(contains(sa("00000002 00000001"), "DOI 2 is not the IPsec DOI"));
  BOOST_TEST(contains(sa("00000001 00000001"), "has no proposals"));
  // Proposal claims 2 transforms but holds 1.
  BOOST_TEST(contains(sa("00000001 00000001 00000010 01010002 00000008 01010000"),
                      "holds 1 transforms, its count says 2"));
  // Proposal with zero transforms.
  BOOST_TEST(contains(sa("00000001 00000001 00000008 01010000"), "has no transforms"));
  // Proposal whose SPI size runs past its end.
  BOOST_TEST(contains(sa("00000001 00000001 0000000c 01030801 00000000"), "truncated SPI"));
  // A transform where a proposal belongs.
  BOOST_TEST(contains(sa("00000001 00000001 03000010 01010001 00000008 01010000"),
                      "where a proposal belongs"));
  // TLV attribute length past the transform.
  BOOST_TEST(contains(sa("00000001 00000001 00000014 01010001 0000000c 01010000 000c0010"),
                      "truncated value of attribute 12"));
  // Half an attribute.
  BOOST_TEST(contains(sa("00000001 00000001 00000012 01010001 0000000a 01010000 8001"),
                      "truncated basic attribute value"));
  // Bytes after the last transform inside a proposal.
  BOOST_TEST(contains(sa("00000001 00000001 00000011 01010001 00000008 01010000 ff"),
                      "after the last transform"));
}

BOOST_AUTO_TEST_CASE(body_faults) {
  auto one = [](std::uint8_t type, const std::string& body_hex) {
    Bytes body = from_hex(body_hex);
    Bytes chain = {0, 0, 0, static_cast<std::uint8_t>(body.size() + 4)};
    append(chain, body);
    return reject_reason(with_header(type, chain));
  };
  BOOST_TEST(contains(one(10, "0102"), "nonce of 2 bytes is outside 8..256"));
  BOOST_TEST(contains(one(4, ""), "empty key exchange data"));
  BOOST_TEST(contains(one(8, ""), "empty hash data"));
  BOOST_TEST(contains(one(5, "01000000 c00002"), "carries 3 bytes, expected 4"));
  BOOST_TEST(contains(one(5, "04000000 c0000200ffffff"), "carries 7 bytes, expected 8"));
  BOOST_TEST(contains(one(12, "00000001 03 04 ffff aabbccdd"), "65535 SPIs of 4 bytes"));
  BOOST_TEST(contains(one(12, "00000001 03 00 0001"), "deletes nothing"));
  BOOST_TEST(contains(one(11, "00000001 03 04 000e 0102"), "truncated SPI"));
  BOOST_TEST(contains(one(21, "01000000 c00002"), "address of 3 bytes, expected 4"));
  BOOST_TEST(contains(one(21, "02000000 c0000201"), "is not an address"));
  BOOST_TEST(contains(one(13, ""), "empty vendor ID"));
  BOOST_TEST(contains(one(20, ""), "empty NAT-D hash"));
}

BOOST_AUTO_TEST_CASE(padding_allowed_only_when_encrypted) {
  Bytes chain = from_hex("0000000c0102030405060708 00000000");
  auto plain = decode_payload_chain(PayloadType::nonce, chain, false);
  BOOST_TEST(!plain.ok());
  auto padded = decode_payload_chain(PayloadType::nonce, chain, true);
  BOOST_TEST(padded.ok());
}

BOOST_AUTO_TEST_CASE(every_truncation_of_a_real_message_is_rejected_cleanly) {
  std::vector<Payload> payloads = {sample_sa(), KeyExchangePayload{Bytes(32, 5)},
                                   NoncePayload{Bytes(16, 6)},
                                   IdentificationPayload{IdType::ipv4_addr, 0, 0, {192, 0, 2, 1}},
                                   VendorIdPayload{Bytes(16, 7)}};
  Bytes wire = encode_plain_message(sample_header(), payloads);
  for (std::size_t cut = 0; cut < wire.size(); ++cut) {
    Bytes part(wire.begin(), wire.begin() + cut);
    BOOST_TEST(!decode_plain_message(part).ok());
    // Also with a header that claims exactly the truncated size.
    if (cut >= IsakmpHeader::kSize) {
      part[27] = static_cast<std::uint8_t>(cut);
      part[26] = static_cast<std::uint8_t>(cut >> 8);
      BOOST_TEST(!decode_plain_message(part).ok());
    }
  }
}

BOOST_AUTO_TEST_CASE(bit_flips_never_crash) {
  std::vector<Payload> payloads = {sample_sa(), NoncePayload{Bytes(16, 6)},
                                   DeletePayload{kIpsecDoi, ProtocolId::esp, 4, {{1, 2, 3, 4}}}};
  Bytes wire = encode_plain_message(sample_header(), payloads);
  for (std::size_t i = 0; i < wire.size(); ++i) {
    for (std::uint8_t bit = 1; bit != 0; bit = static_cast<std::uint8_t>(bit << 1)) {
      Bytes flipped = wire;
      flipped[i] ^= bit;
      auto result = decode_plain_message(flipped);  // must return, either way
      if (!result.ok()) BOOST_TEST(!result.reason().empty());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
