#include "ike/isakmp_message.hpp"

namespace ipsec_fpga::ike {

std::vector<PayloadType> IsakmpMessage::types() const {
  std::vector<PayloadType> out;
  for (const auto& p : payloads) out.push_back(payload_type(p.payload));
  return out;
}

ByteView IsakmpMessage::body_of(PayloadType type) const {
  for (const auto& p : payloads) {
    if (payload_type(p.payload) == type) {
      return ByteView(chain).subspan(p.offset + 4, p.length - 4);
    }
  }
  return {};
}

ByteView IsakmpMessage::after_hash() const {
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    if (payload_type(payloads[i].payload) == PayloadType::hash) {
      std::size_t begin = payloads[i].offset + payloads[i].length;
      std::size_t end = payloads.back().offset + payloads.back().length;
      return ByteView(chain).subspan(begin, end - begin);
    }
  }
  return {};
}

Bytes encode_plain_message(IsakmpHeader header, std::span<const Payload> payloads) {
  Bytes chain = encode_payload_chain(payloads);
  header.next_payload = payloads.empty() ? PayloadType::none : payload_type(payloads.front());
  header.length = static_cast<std::uint32_t>(IsakmpHeader::kSize + chain.size());
  Bytes out;
  out.reserve(header.length);
  header.encode_to(out);
  append(out, chain);
  return out;
}

Result<IsakmpMessage> decode_plain_message(ByteView datagram) {
  auto header = IsakmpHeader::decode(datagram);
  if (!header) return header.error();
  if (header->encrypted()) return Error{"ISAKMP header: message is encrypted"};
  auto chain = datagram.subspan(IsakmpHeader::kSize);
  return decode_decrypted_message(*header, Bytes(chain.begin(), chain.end()));
}

Result<IsakmpMessage> decode_decrypted_message(const IsakmpHeader& header, Bytes plaintext_chain) {
  auto payloads = decode_payload_chain(header.next_payload, plaintext_chain, header.encrypted());
  if (!payloads) return payloads.error();
  IsakmpMessage m;
  m.header = header;
  m.payloads = std::move(*payloads);
  m.chain = std::move(plaintext_chain);
  return m;
}

}  // namespace ipsec_fpga::ike
