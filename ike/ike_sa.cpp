#include "ike/ike_sa.hpp"

#include "ike/message_crypter.hpp"

namespace ipsec_fpga::ike {

IsakmpHeader IkeSa::header(ExchangeType exchange, std::uint32_t message_id) const {
  IsakmpHeader h;
  h.initiator_cookie = initiator_cookie;
  h.responder_cookie = responder_cookie;
  h.exchange = exchange;
  h.message_id = message_id;
  return h;
}

Result<Bytes> IkeSa::seal(ExchangeType exchange, std::uint32_t message_id,
                          std::span<const Payload> payloads) {
  if (!keymat) return Error{"no keys yet"};
  Bytes* iv = &phase1_iv;
  if (message_id != 0) {
    auto it = exchange_ivs.find(message_id);
    if (it == exchange_ivs.end()) {
      it = exchange_ivs.emplace(message_id, keymat->phase2_iv(last_phase1_iv, message_id)).first;
    }
    iv = &it->second;
  }
  MessageCrypter crypter(keymat->cipher(), keymat->encryption_key());
  auto sealed = crypter.seal(header(exchange, message_id), payloads, *iv);
  if (!sealed) return sealed.error();
  *iv = std::move(sealed->next_iv);
  return std::move(sealed->datagram);
}

Result<IsakmpMessage> IkeSa::open(ByteView raw, std::uint32_t message_id) {
  if (!keymat) return Error{"encrypted message before keys were agreed"};
  Bytes iv = phase1_iv;
  if (message_id != 0) {
    auto it = exchange_ivs.find(message_id);
    iv = it != exchange_ivs.end() ? it->second : keymat->phase2_iv(last_phase1_iv, message_id);
  }
  MessageCrypter crypter(keymat->cipher(), keymat->encryption_key());
  auto opened = crypter.open(raw, iv);
  if (!opened) return opened.error();
  if (message_id == 0) {
    phase1_iv = std::move(opened->next_iv);
  } else {
    exchange_ivs[message_id] = std::move(opened->next_iv);
  }
  return std::move(opened->message);
}

void IkeSa::float_ports(std::uint16_t nat_t_port) {
  local.port = nat_t_port;
  peer.port = nat_t_port;
}

}  // namespace ipsec_fpga::ike
