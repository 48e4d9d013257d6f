#include "ike/message_crypter.hpp"

namespace ipsec_fpga::ike {

Result<MessageCrypter::Sealed> MessageCrypter::seal(IsakmpHeader header,
                                                    std::span<const Payload> payloads,
                                                    ByteView iv) const {
  Bytes chain = encode_payload_chain(payloads);
  std::size_t block = cipher_.block_size();
  chain.resize((chain.size() + block - 1) / block * block, 0);
  auto ciphertext = cipher_.encrypt(key_, iv, chain);
  if (!ciphertext) return ciphertext.error();
  header.flags |= header_flags::encryption;
  header.next_payload = payloads.empty() ? PayloadType::none : payload_type(payloads.front());
  header.length = static_cast<std::uint32_t>(IsakmpHeader::kSize + ciphertext->size());
  Sealed out;
  header.encode_to(out.datagram);
  append(out.datagram, *ciphertext);
  out.next_iv.assign(ciphertext->end() - static_cast<std::ptrdiff_t>(block), ciphertext->end());
  return out;
}

Result<MessageCrypter::Opened> MessageCrypter::open(ByteView datagram, ByteView iv) const {
  auto header = IsakmpHeader::decode(datagram);
  if (!header) return header.error();
  if (!header->encrypted()) return Error{"ISAKMP header: message is not encrypted"};
  ByteView body = datagram.subspan(IsakmpHeader::kSize);
  std::size_t block = cipher_.block_size();
  if (body.empty()) return Error{"encrypted message has an empty body"};
  auto plaintext = cipher_.decrypt(key_, iv, body);
  if (!plaintext) return plaintext.error();
  auto message = decode_decrypted_message(*header, std::move(*plaintext));
  if (!message) return Error{"after decryption: " + message.reason()};
  Opened out{std::move(*message),
             Bytes(body.end() - static_cast<std::ptrdiff_t>(block), body.end())};
  return out;
}

}  // namespace ipsec_fpga::ike
