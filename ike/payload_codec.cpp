#include "ike/payload_codec.hpp"

#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "ike/byte_reader.hpp"
#include "ike/byte_writer.hpp"
#include "ike/malformed_message.hpp"

namespace ipsec_fpga::ike {
namespace {

constexpr std::size_t kGenericHeaderSize = 4;
constexpr std::size_t kMinNonceSize = 8;  // RFC 2409 5: 8..256 bytes
constexpr std::size_t kMaxNonceSize = 256;

std::uint16_t checked_length(std::size_t size) {
  if (size > std::numeric_limits<std::uint16_t>::max()) {
    throw std::length_error("ISAKMP payload longer than 65535 bytes");
  }
  return static_cast<std::uint16_t>(size);
}

std::uint8_t checked_u8(std::size_t size, const char* what) {
  if (size > 255) throw std::length_error(std::string(what) + " does not fit in one byte");
  return static_cast<std::uint8_t>(size);
}

// ---- encoding ------------------------------------------------------------

void encode_attribute(ByteWriter& w, const Attribute& a) {
  if (a.basic) {
    if (a.value.size() != 2) throw std::invalid_argument("basic attribute value must be 2 bytes");
    w.u16(static_cast<std::uint16_t>(0x8000 | a.type));
    w.bytes(a.value);
  } else {
    w.u16(static_cast<std::uint16_t>(a.type & 0x7fff));
    w.u16(checked_length(a.value.size()));
    w.bytes(a.value);
  }
}

void encode_transform(ByteWriter& w, const Transform& t, bool last) {
  std::size_t start = w.size();
  w.u8(last ? 0 : static_cast<std::uint8_t>(PayloadType::transform));
  w.u8(0);
  w.u16(0);
  w.u8(t.number);
  w.u8(t.id);
  w.u16(0);
  for (const auto& a : t.attributes) encode_attribute(w, a);
  w.patch_u16(start + 2, checked_length(w.size() - start));
}

void encode_proposal(ByteWriter& w, const Proposal& p, bool last) {
  std::size_t start = w.size();
  w.u8(last ? 0 : static_cast<std::uint8_t>(PayloadType::proposal));
  w.u8(0);
  w.u16(0);
  w.u8(p.number);
  w.u8(static_cast<std::uint8_t>(p.protocol));
  w.u8(checked_u8(p.spi.size(), "SPI size"));
  w.u8(checked_u8(p.transforms.size(), "transform count"));
  w.bytes(p.spi);
  for (std::size_t i = 0; i < p.transforms.size(); ++i) {
    encode_transform(w, p.transforms[i], i + 1 == p.transforms.size());
  }
  w.patch_u16(start + 2, checked_length(w.size() - start));
}

void encode_body(ByteWriter& w, const SaPayload& p) {
  w.u32(p.doi);
  w.u32(p.situation);
  for (std::size_t i = 0; i < p.proposals.size(); ++i) {
    encode_proposal(w, p.proposals[i], i + 1 == p.proposals.size());
  }
}
void encode_body(ByteWriter& w, const KeyExchangePayload& p) { w.bytes(p.data); }
void encode_body(ByteWriter& w, const IdentificationPayload& p) {
  w.u8(static_cast<std::uint8_t>(p.type));
  w.u8(p.protocol);
  w.u16(p.port);
  w.bytes(p.data);
}
void encode_body(ByteWriter& w, const CertificatePayload& p) {
  w.u8(p.encoding);
  w.bytes(p.data);
}
void encode_body(ByteWriter& w, const CertificateRequestPayload& p) {
  w.u8(p.type);
  w.bytes(p.authority);
}
void encode_body(ByteWriter& w, const HashPayload& p) { w.bytes(p.data); }
void encode_body(ByteWriter& w, const SignaturePayload& p) { w.bytes(p.data); }
void encode_body(ByteWriter& w, const NoncePayload& p) { w.bytes(p.data); }
void encode_body(ByteWriter& w, const NotificationPayload& p) {
  w.u32(p.doi);
  w.u8(static_cast<std::uint8_t>(p.protocol));
  w.u8(checked_u8(p.spi.size(), "SPI size"));
  w.u16(static_cast<std::uint16_t>(p.type));
  w.bytes(p.spi);
  w.bytes(p.data);
}
void encode_body(ByteWriter& w, const DeletePayload& p) {
  w.u32(p.doi);
  w.u8(static_cast<std::uint8_t>(p.protocol));
  w.u8(p.spi_size);
  w.u16(checked_length(p.spis.size()));
  for (const auto& spi : p.spis) {
    if (spi.size() != p.spi_size) throw std::invalid_argument("delete payload SPI size mismatch");
    w.bytes(spi);
  }
}
void encode_body(ByteWriter& w, const VendorIdPayload& p) { w.bytes(p.data); }
void encode_body(ByteWriter& w, const NatDiscoveryPayload& p) { w.bytes(p.hash); }
void encode_body(ByteWriter& w, const NatOriginalAddressPayload& p) {
  w.u8(static_cast<std::uint8_t>(p.type));
  w.zeros(3);
  w.bytes(p.address);
}

// ---- decoding ------------------------------------------------------------

std::string number(std::size_t n) { return std::to_string(n); }

Attribute decode_attribute(ByteReader& r) {
  std::uint16_t type_field = r.u16("attribute type");
  Attribute a;
  a.type = static_cast<std::uint16_t>(type_field & 0x7fff);
  if (type_field & 0x8000) {
    a.basic = true;
    auto v = r.take(2, "basic attribute value");
    a.value.assign(v.begin(), v.end());
  } else {
    a.basic = false;
    std::uint16_t length = r.u16("attribute length");
    auto v = r.take(length, ("value of attribute " + number(a.type)).c_str());
    a.value.assign(v.begin(), v.end());
  }
  return a;
}

// Reads a generic payload header and returns a reader over exactly its body.
struct SubPayload {
  std::uint8_t next;
  ByteView body;
};
SubPayload read_sub_payload(ByteReader& r, const char* what) {
  std::uint8_t next = r.u8((std::string(what) + " next payload").c_str());
  r.u8("reserved");
  std::uint16_t length = r.u16((std::string(what) + " length").c_str());
  if (length < kGenericHeaderSize) {
    r.fail(std::string(what) + " length " + number(length) + " is shorter than its header");
  }
  if (length - kGenericHeaderSize > r.remaining()) {
    r.fail(std::string(what) + " length " + number(length) + " exceeds the " +
           number(r.remaining() + kGenericHeaderSize) + " bytes left");
  }
  return {next, r.take(length - kGenericHeaderSize, what)};
}

Transform decode_transform(ByteView body, const std::string& context) {
  ByteReader r(body, context);
  Transform t;
  t.number = r.u8("transform number");
  t.id = r.u8("transform ID");
  r.u16("reserved");
  while (!r.empty()) t.attributes.push_back(decode_attribute(r));
  return t;
}

Proposal decode_proposal(ByteView body, const std::string& context) {
  ByteReader r(body, context);
  Proposal p;
  p.number = r.u8("proposal number");
  p.protocol = static_cast<ProtocolId>(r.u8("protocol ID"));
  std::uint8_t spi_size = r.u8("SPI size");
  std::uint8_t transform_count = r.u8("transform count");
  auto spi = r.take(spi_size, "SPI");
  p.spi.assign(spi.begin(), spi.end());
  if (transform_count == 0) r.fail("has no transforms");
  std::uint8_t next = static_cast<std::uint8_t>(PayloadType::transform);
  while (next != 0) {
    if (next != static_cast<std::uint8_t>(PayloadType::transform)) {
      r.fail("payload type " + number(next) + " where a transform belongs");
    }
    if (p.transforms.size() == transform_count) {
      r.fail("holds more transforms than its count " + number(transform_count));
    }
    auto sub = read_sub_payload(r, "transform");
    next = sub.next;
    p.transforms.push_back(
        decode_transform(sub.body, context + " transform " + number(p.transforms.size() + 1)));
  }
  if (p.transforms.size() != transform_count) {
    r.fail("holds " + number(p.transforms.size()) + " transforms, its count says " +
           number(transform_count));
  }
  if (!r.empty()) r.fail(number(r.remaining()) + " bytes after the last transform");
  return p;
}

SaPayload decode_sa(ByteReader& r) {
  SaPayload p;
  p.doi = r.u32("DOI");
  if (p.doi != kIpsecDoi) r.fail("DOI " + number(p.doi) + " is not the IPsec DOI");
  p.situation = r.u32("situation");
  std::uint8_t next = static_cast<std::uint8_t>(PayloadType::proposal);
  if (r.empty()) r.fail("has no proposals");
  while (next != 0) {
    if (next != static_cast<std::uint8_t>(PayloadType::proposal)) {
      r.fail("payload type " + number(next) + " where a proposal belongs");
    }
    auto sub = read_sub_payload(r, "proposal");
    next = sub.next;
    p.proposals.push_back(
        decode_proposal(sub.body, "SA payload proposal " + number(p.proposals.size() + 1)));
  }
  if (!r.empty()) r.fail(number(r.remaining()) + " bytes after the last proposal");
  return p;
}

std::size_t id_data_size(IdType type) {
  switch (type) {
    case IdType::ipv4_addr:
      return 4;
    case IdType::ipv4_addr_subnet:
    case IdType::ipv4_addr_range:
      return 8;
    case IdType::ipv6_addr:
      return 16;
    case IdType::ipv6_addr_subnet:
    case IdType::ipv6_addr_range:
      return 32;
    default:
      return 0;  // variable
  }
}

Bytes copy_rest(ByteReader& r) {
  auto v = r.rest();
  return Bytes(v.begin(), v.end());
}

Bytes non_empty_rest(ByteReader& r, const char* what) {
  if (r.empty()) r.fail(std::string("empty ") + what);
  return copy_rest(r);
}

Payload decode_body(PayloadType type, ByteReader& r) {
  switch (type) {
    case PayloadType::sa:
      return decode_sa(r);
    case PayloadType::key_exchange:
      return KeyExchangePayload{non_empty_rest(r, "key exchange data")};
    case PayloadType::identification: {
      IdentificationPayload p;
      p.type = static_cast<IdType>(r.u8("ID type"));
      p.protocol = r.u8("protocol ID");
      p.port = r.u16("port");
      p.data = non_empty_rest(r, "identification data");
      std::size_t expected = id_data_size(p.type);
      if (expected != 0 && p.data.size() != expected) {
        r.fail("ID type " + number(static_cast<unsigned>(p.type)) + " carries " +
               number(p.data.size()) + " bytes, expected " + number(expected));
      }
      return p;
    }
    case PayloadType::certificate: {
      CertificatePayload p;
      p.encoding = r.u8("certificate encoding");
      p.data = copy_rest(r);
      return p;
    }
    case PayloadType::certificate_request: {
      CertificateRequestPayload p;
      p.type = r.u8("certificate type");
      p.authority = copy_rest(r);
      return p;
    }
    case PayloadType::hash:
      return HashPayload{non_empty_rest(r, "hash data")};
    case PayloadType::signature:
      return SignaturePayload{non_empty_rest(r, "signature data")};
    case PayloadType::nonce: {
      NoncePayload p{copy_rest(r)};
      if (p.data.size() < kMinNonceSize || p.data.size() > kMaxNonceSize) {
        r.fail("nonce of " + number(p.data.size()) + " bytes is outside 8..256");
      }
      return p;
    }
    case PayloadType::notification: {
      NotificationPayload p;
      p.doi = r.u32("DOI");
      p.protocol = static_cast<ProtocolId>(r.u8("protocol ID"));
      std::uint8_t spi_size = r.u8("SPI size");
      p.type = static_cast<NotifyType>(r.u16("notify message type"));
      auto spi = r.take(spi_size, "SPI");
      p.spi.assign(spi.begin(), spi.end());
      p.data = copy_rest(r);
      return p;
    }
    case PayloadType::del: {
      DeletePayload p;
      p.doi = r.u32("DOI");
      p.protocol = static_cast<ProtocolId>(r.u8("protocol ID"));
      p.spi_size = r.u8("SPI size");
      std::uint16_t count = r.u16("number of SPIs");
      if (p.spi_size == 0 || count == 0) r.fail("deletes nothing (SPI size or count is zero)");
      // Check the total before allocating, so a large count cannot allocate.
      if (static_cast<std::size_t>(count) * p.spi_size != r.remaining()) {
        r.fail(number(count) + " SPIs of " + number(p.spi_size) + " bytes do not match the " +
               number(r.remaining()) + " bytes present");
      }
      p.spis.reserve(count);
      for (std::uint16_t i = 0; i < count; ++i) {
        auto spi = r.take(p.spi_size, "SPI");
        p.spis.emplace_back(spi.begin(), spi.end());
      }
      return p;
    }
    case PayloadType::vendor_id:
      return VendorIdPayload{non_empty_rest(r, "vendor ID")};
    case PayloadType::nat_d:
      return NatDiscoveryPayload{non_empty_rest(r, "NAT-D hash")};
    case PayloadType::nat_oa: {
      NatOriginalAddressPayload p;
      p.type = static_cast<IdType>(r.u8("ID type"));
      r.take(3, "reserved");
      p.address = copy_rest(r);
      std::size_t expected = p.type == IdType::ipv4_addr ? 4 : p.type == IdType::ipv6_addr ? 16 : 0;
      if (expected == 0)
        r.fail("ID type " + number(static_cast<unsigned>(p.type)) + " is not an address");
      if (p.address.size() != expected) {
        r.fail("address of " + number(p.address.size()) + " bytes, expected " + number(expected));
      }
      return p;
    }
    case PayloadType::proposal:
    case PayloadType::transform:
      r.fail("stands outside an SA payload");
    case PayloadType::none:
      break;
  }
  r.fail("unknown payload type " + number(static_cast<unsigned>(type)));
}

const char* payload_name(PayloadType type) {
  switch (type) {
    case PayloadType::sa:
      return "SA payload";
    case PayloadType::proposal:
      return "proposal payload";
    case PayloadType::transform:
      return "transform payload";
    case PayloadType::key_exchange:
      return "KE payload";
    case PayloadType::identification:
      return "ID payload";
    case PayloadType::certificate:
      return "CERT payload";
    case PayloadType::certificate_request:
      return "CR payload";
    case PayloadType::hash:
      return "HASH payload";
    case PayloadType::signature:
      return "SIG payload";
    case PayloadType::nonce:
      return "NONCE payload";
    case PayloadType::notification:
      return "notification payload";
    case PayloadType::del:
      return "delete payload";
    case PayloadType::vendor_id:
      return "vendor ID payload";
    case PayloadType::nat_d:
      return "NAT-D payload";
    case PayloadType::nat_oa:
      return "NAT-OA payload";
    case PayloadType::none:
      break;
  }
  return "payload";
}

}  // namespace

Bytes encode_payload_body(const Payload& payload) {
  ByteWriter w;
  std::visit([&w](const auto& p) { encode_body(w, p); }, payload);
  return w.take();
}

Bytes encode_payload_chain(std::span<const Payload> payloads) {
  ByteWriter w;
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    Bytes body = encode_payload_body(payloads[i]);
    w.u8(i + 1 < payloads.size() ? static_cast<std::uint8_t>(payload_type(payloads[i + 1])) : 0);
    w.u8(0);
    w.u16(checked_length(body.size() + kGenericHeaderSize));
    w.bytes(body);
  }
  return w.take();
}

Result<std::vector<DecodedPayload>> decode_payload_chain(PayloadType first, ByteView chain,
                                                         bool allow_padding) {
  try {
    ByteReader r(chain, "payload chain");
    std::vector<DecodedPayload> out;
    PayloadType type = first;
    while (type != PayloadType::none) {
      std::size_t offset = chain.size() - r.remaining();
      std::string context = std::string(payload_name(type)) + " " + number(out.size() + 1);
      ByteReader header(r.take(std::min<std::size_t>(kGenericHeaderSize, r.remaining()), "x"),
                        context);
      auto next = static_cast<PayloadType>(header.u8("next payload"));
      header.u8("reserved");
      std::uint16_t length = header.u16("length");
      if (length < kGenericHeaderSize) {
        header.fail("length " + number(length) + " is shorter than its header");
      }
      if (length - kGenericHeaderSize > r.remaining()) {
        header.fail("length " + number(length) + " exceeds the " +
                    number(r.remaining() + kGenericHeaderSize) + " bytes left");
      }
      ByteReader body(r.take(length - kGenericHeaderSize, "body"), context);
      out.push_back(DecodedPayload{decode_body(type, body), offset, length});
      type = next;
    }
    if (!r.empty() && !allow_padding) {
      r.fail(number(r.remaining()) + " bytes after the last payload");
    }
    return out;
  } catch (const MalformedMessage& e) {
    return Error{e.what()};
  }
}

}  // namespace ipsec_fpga::ike
