#include "ike/isakmp_header.hpp"

#include <algorithm>

#include "ike/byte_reader.hpp"
#include "ike/byte_writer.hpp"
#include "ike/malformed_message.hpp"

namespace ipsec_fpga::ike {

bool is_zero(const Cookie& cookie) {
  return std::all_of(cookie.begin(), cookie.end(), [](std::uint8_t b) { return b == 0; });
}

void IsakmpHeader::encode_to(Bytes& out) const {
  ByteWriter w;
  w.bytes(initiator_cookie);
  w.bytes(responder_cookie);
  w.u8(static_cast<std::uint8_t>(next_payload));
  w.u8(version);
  w.u8(static_cast<std::uint8_t>(exchange));
  w.u8(flags);
  w.u32(message_id);
  w.u32(length);
  append(out, w.buffer());
}

Result<IsakmpHeader> IsakmpHeader::decode(ByteView datagram) {
  try {
    ByteReader r(datagram, "ISAKMP header");
    IsakmpHeader h;
    auto icky = r.take(8, "initiator cookie");
    std::copy(icky.begin(), icky.end(), h.initiator_cookie.begin());
    auto rcky = r.take(8, "responder cookie");
    std::copy(rcky.begin(), rcky.end(), h.responder_cookie.begin());
    h.next_payload = static_cast<PayloadType>(r.u8("next payload"));
    h.version = r.u8("version");
    h.exchange = static_cast<ExchangeType>(r.u8("exchange type"));
    h.flags = r.u8("flags");
    h.message_id = r.u32("message ID");
    h.length = r.u32("length");
    if ((h.version >> 4) != 1) {
      r.fail("major version " + std::to_string(h.version >> 4) + " is not 1");
    }
    if (h.length != datagram.size()) {
      r.fail("length field " + std::to_string(h.length) + " differs from the datagram size " +
             std::to_string(datagram.size()));
    }
    if ((h.flags & ~0x07) != 0) r.fail("unknown flags " + std::to_string(h.flags));
    if (is_zero(h.initiator_cookie)) r.fail("initiator cookie is zero");
    return h;
  } catch (const MalformedMessage& e) {
    return Error{e.what()};
  }
}

}  // namespace ipsec_fpga::ike
