#include "fake_board.hpp"

#include "board/payload.hpp"
#include "link/frame_encoder.hpp"

namespace ipsec_fpga::driver::test {

namespace layout = host_link::layout;
namespace f = layout::fields;
using payload::get;
using payload::put;

FakeBoard::FakeBoard(FakeBoardConfig config) : config_(config), sa_(config.sa_entries) {
  out_.push_back(0);  // ends any partial frame at the host
  std::vector<std::uint8_t> report;
  credit_report(report);
  send(FrameType::credit, 0, report);  // after reset: tag 0
}

void FakeBoard::raise_event(std::uint8_t direction, std::uint8_t events, std::uint16_t sa,
                            std::uint32_t spi) {
  std::vector<std::uint8_t> p;
  put(p, direction, 1);
  put(p, events, 1);
  put(p, sa, 2);
  put(p, spi, 4);
  send(FrameType::event, 0, p);
}

std::uint32_t FakeBoard::bytes_free() const {
  std::uint32_t used = 0;
  for (const StoredPacket& p : packets_)
    used += static_cast<std::uint32_t>((p.bytes.size() + 3) / 4 * 4);
  return config_.packet_bytes - used;
}

void FakeBoard::credit_report(std::vector<std::uint8_t>& out) const {
  put(out, credit_tag_, 1);
  put(out, config_.packet_slots - packets_.size(), 2);
  put(out, bytes_free(), 4);
}

void FakeBoard::send(FrameType type, std::uint8_t tag, std::vector<std::uint8_t> payload) {
  if (mute_) return;
  if (auto it = drop_out_.find(type); it != drop_out_.end() && it->second > 0) {
    --it->second;
    return;
  }
  host_link::Bytes wire = host_link::encode_frame(Frame{type, tag, std::move(payload)});
  if (auto it = corrupt_out_.find(type); it != corrupt_out_.end() && it->second > 0) {
    --it->second;
    wire[wire.size() / 2] ^= 0x01;  // still non-zero or zero: the CRC or COBS check catches it
    if (wire[wire.size() / 2] == 0) wire[wire.size() / 2] = 0x55;
  }
  out_.insert(out_.end(), wire.begin(), wire.end());
}

sim::ByteModel::Cycle FakeBoard::cycle(std::optional<std::uint8_t> in) {
  Cycle c;
  if (in) {
    c.taken = true;
    const std::uint8_t byte = *in;
    for (host_link::DecodeResult& r : decoder_.feed(std::span<const std::uint8_t>(&byte, 1)))
      if (const Frame* frame = std::get_if<Frame>(&r)) handle(*frame);
  }
  if (engine_cycles_left_ > 0 && --engine_cycles_left_ == 0) finish_packet();
  if (!out_.empty()) {
    c.out = out_.front();
    out_.pop_front();
  }
  return c;
}

void FakeBoard::handle(const Frame& frame) {
  if (auto it = drop_in_.find(frame.type); it != drop_in_.end() && it->second > 0) {
    --it->second;
    return;
  }
  received_.push_back(frame);
  if (frame.type != FrameType::packet_submit) {
    control(frame);
    return;
  }
  const auto direction = static_cast<std::uint8_t>(get(frame.payload, f::packet_submit::direction));
  const auto selector = static_cast<std::uint16_t>(get(frame.payload, f::packet_submit::selector));
  std::vector<std::uint8_t> bytes(frame.payload.begin() + 3, frame.payload.end());
  credit_tag_ = frame.tag;
  const bool fits =
      packets_.size() < config_.packet_slots && bytes_free() >= (bytes.size() + 3) / 4 * 4;
  if (!fits) {
    std::vector<std::uint8_t> p;
    put(p, direction, 1);
    put(p, layout::values::status::no_credit, 1);
    put(p, 0, 2 + 4 + 8 + 2 + 1);
    credit_report(p);
    send(FrameType::packet_result, frame.tag, p);
    return;
  }
  packets_.push_back({frame.tag, direction, selector, std::move(bytes)});
  if (packets_.size() == 1) engine_cycles_left_ = config_.cycles_per_packet;
}

void FakeBoard::finish_packet() {
  StoredPacket p = std::move(packets_.front());
  packets_.pop_front();
  ++processed_;
  std::vector<std::uint8_t> out(p.bytes.rbegin(), p.bytes.rend());
  std::vector<std::uint8_t> payload;
  put(payload, p.direction, 1);
  put(payload, layout::values::status::ok, 1);
  put(payload, p.direction == 0 ? p.selector : 0, 2);
  put(payload, 0x1000u + p.selector, 4);
  put(payload, processed_, 8);
  put(payload, out.size(), 2);
  put(payload, 0, 1);
  credit_report(payload);
  payload.insert(payload.end(), out.begin(), out.end());
  send(FrameType::packet_result, p.tag, payload);
  if (!packets_.empty()) engine_cycles_left_ = config_.cycles_per_packet;
}

void FakeBoard::control(const Frame& frame) {
  namespace r = layout::registers;
  namespace res = layout::values::result;
  std::vector<std::uint8_t> p;
  const bool busy =
      busy_ > 0 && frame.type != FrameType::credit_request && frame.type != FrameType::link_error;
  if (busy) --busy_;
  switch (frame.type) {
    case FrameType::reg_read:
    case FrameType::reg_write: {
      const auto address = static_cast<std::uint16_t>(get(frame.payload, f::reg_read::address));
      std::optional<std::uint32_t> value;
      std::uint8_t result = res::ok;
      if (frame.type == FrameType::reg_write) {
        if (address == r::scratch.address)
          scratch_ = static_cast<std::uint32_t>(get(frame.payload, f::reg_write::value));
        else
          result = res::read_only;
      }
      switch (address) {
        case r::protocol_version.address:
          value = config_.protocol_version;
          break;
        case r::build_id.address:
          value = 0x1234abcd;
          break;
        case r::clock_hz.address:
          value = config_.clock_hz;
          break;
        case r::sa_entries.address:
          value = config_.sa_entries;
          break;
        case r::sa_entry_words.address:
          value = sa_layout::entry_words;
          break;
        case r::ciphers.address:
          value = config_.ciphers;
          break;
        case r::integrities.address:
          value = config_.integrities;
          break;
        case r::replay_window.address:
          value = 64;
          break;
        case r::inbound_buffer_bytes.address:
          value = 2048;
          break;
        case r::max_payload.address:
          value = layout::max_payload;
          break;
        case r::max_packet_bytes.address:
          value = config_.max_packet_bytes;
          break;
        case r::packet_credits.address:
          value = config_.packet_slots;
          break;
        case r::byte_credits.address:
          value = config_.packet_bytes;
          break;
        case r::scratch.address:
          value = scratch_;
          break;
        default:
          break;
      }
      if (!value) result = res::bad_address;
      if (busy) result = res::busy;
      put(p, address, 2);
      put(p, result, 1);
      put(p, result == res::ok ? value.value_or(0) : 0, 4);
      send(frame.type == FrameType::reg_read ? FrameType::reg_read_response
                                             : FrameType::reg_write_response,
           frame.tag, p);
      return;
    }
    case FrameType::sa_write: {
      const auto entry = static_cast<unsigned>(get(frame.payload, f::sa_write::entry));
      const auto first = static_cast<unsigned>(get(frame.payload, f::sa_write::first_word));
      const unsigned words = static_cast<unsigned>((frame.payload.size() - 3) / 4);
      std::uint8_t result = busy                                                   ? res::busy
                            : entry >= config_.sa_entries                          ? res::bad_entry
                            : words == 0 || first + words > sa_layout::entry_words ? res::bad_range
                                                                                   : res::ok;
      if (result == res::ok)
        for (unsigned i = 0; i < words; ++i) {
          std::uint32_t w = 0;
          for (unsigned b = 0; b < 4; ++b) w = (w << 8) | frame.payload[3 + 4 * i + b];
          sa_[entry][first + i] = w;
        }
      put(p, entry, 2);
      put(p, first, 1);
      put(p, result == res::ok ? words : 0, 1);
      put(p, result, 1);
      send(FrameType::sa_write_response, frame.tag, p);
      return;
    }
    case FrameType::sa_read: {
      const auto entry = static_cast<unsigned>(get(frame.payload, f::sa_read::entry));
      const auto first = static_cast<unsigned>(get(frame.payload, f::sa_read::first_word));
      const auto words = static_cast<unsigned>(get(frame.payload, f::sa_read::words));
      std::uint8_t result = busy                                                   ? res::busy
                            : entry >= config_.sa_entries                          ? res::bad_entry
                            : words == 0 || first + words > sa_layout::entry_words ? res::bad_range
                                                                                   : res::ok;
      put(p, entry, 2);
      put(p, first, 1);
      put(p, result, 1);
      if (result == res::ok)
        for (unsigned i = first; i < first + words; ++i)
          put(p, sa_layout::is_key_word(i) ? 0 : sa_[entry][i], 4);
      send(FrameType::sa_read_response, frame.tag, p);
      return;
    }
    case FrameType::sa_erase: {
      const auto entry = static_cast<unsigned>(get(frame.payload, f::sa_erase::entry));
      std::uint8_t result = busy                          ? res::busy
                            : entry >= config_.sa_entries ? res::bad_entry
                                                          : res::ok;
      if (result == res::ok) sa_[entry].fill(0);
      put(p, entry, 2);
      put(p, result, 1);
      send(FrameType::sa_erase_response, frame.tag, p);
      return;
    }
    case FrameType::credit_request:
      credit_report(p);
      send(FrameType::credit, frame.tag, p);
      return;
    default:
      return;
  }
}

}  // namespace ipsec_fpga::driver::test
