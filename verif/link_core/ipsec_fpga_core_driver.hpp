// Drives a Verilated ipsec_fpga_core over its two byte streams, as the host
// would: frames are encoded with the host link library (encode_frame) and fed
// one byte per clock, the board's bytes go through a FrameDecoder. Optional
// random idle cycles on the input and back-pressure on the output
// (HandshakeJitter), and a switch that blocks the output entirely. Every
// received frame carries the clock edge of its delimiter, so latencies can be
// measured. Used by tb_link_core; header-only so a benchmark can reuse it.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <variant>

#include "bytes.hpp"
#include "clocked_model.hpp"
#include "handshake_jitter.hpp"
#include "link/frame_decoder.hpp"
#include "link/frame_encoder.hpp"

namespace ipsec_fpga::verif::link_core {

using host_link::DecodeResult;
using host_link::Frame;
using host_link::LinkError;
namespace layout = host_link::layout;

struct Received {
  DecodeResult result;                 // a frame or the decoder's error
  std::uint64_t cycle = 0;             // edge that delivered its delimiter
  std::uint64_t first_byte_cycle = 0;  // edge that delivered its first byte
};

// Big-endian field of a payload.
inline std::uint64_t field(const Bytes& payload, const layout::Field& f) {
  if (f.offset + f.bytes > payload.size())
    throw std::out_of_range("payload of " + std::to_string(payload.size()) + " bytes has no " +
                            std::string(f.name));
  std::uint64_t value = 0;
  for (unsigned i = 0; i < f.bytes; ++i) value = (value << 8) | payload[f.offset + i];
  return value;
}

inline void put(Bytes& payload, const layout::Field& f, std::uint64_t value) {
  if (payload.size() < f.offset + f.bytes) payload.resize(f.offset + f.bytes, 0);
  for (unsigned i = 0; i < f.bytes; ++i)
    payload[f.offset + i] = static_cast<std::uint8_t>(value >> (8 * (f.bytes - 1 - i)));
}

inline Bytes tail(const Bytes& payload, const layout::Field& f) {
  return Bytes(payload.begin() + f.offset, payload.end());
}

template <class Model>
class IpsecFpgaCoreDriver {
 public:
  IpsecFpgaCoreDriver(const std::string& waveform_name, std::uint64_t seed,
                      unsigned busy_percent = 0)
      : model_(waveform_name), rng_(seed), jitter_(rng_, busy_percent) {
    model_->s_byte_tvalid = 0;
    model_->s_byte_tdata = 0;
    model_->m_byte_tready = 1;
    model_.reset();
  }

  Model& model() { return *model_; }
  std::uint64_t cycle() const { return model_.cycle(); }
  std::mt19937_64& rng() { return rng_; }

  // ---------------- host -> board ----------------
  void send(const Frame& frame) { send_bytes(host_link::encode_frame(frame)); }
  void send_bytes(const Bytes& bytes) { input_.insert(input_.end(), bytes.begin(), bytes.end()); }
  std::size_t input_pending() const { return input_.size(); }
  std::uint64_t input_drained_cycle = 0;  // edge that took the last queued byte
  std::uint8_t next_tag() {
    tag_ = static_cast<std::uint8_t>(tag_ % 255 + 1);
    return tag_;
  }

  // ---------------- board -> host ----------------
  void block_output(bool blocked) { output_blocked_ = blocked; }
  std::deque<Received> received;
  std::uint64_t bytes_out = 0;

  // One clock: offer an input byte, take an output byte, decode.
  void step() {
    Model& m = *model_;
    const bool offer = !input_.empty() && jitter_.offer();
    m.s_byte_tvalid = offer;
    m.s_byte_tdata = offer ? input_.front() : 0;
    m.m_byte_tready = !output_blocked_ && jitter_.offer();
    model_.settle();
    const std::uint64_t edge = model_.cycle() + 1;
    if (offer && m.s_byte_tready) {
      input_.pop_front();
      if (input_.empty()) input_drained_cycle = edge;
    }
    if (m.m_byte_tvalid && m.m_byte_tready) {
      const std::uint8_t byte = m.m_byte_tdata;
      ++bytes_out;
      if (byte != 0 && !in_frame_) {
        in_frame_ = true;
        frame_first_byte_ = edge;
      }
      if (byte == 0) in_frame_ = false;
      for (DecodeResult& r : decoder_.feed(std::span<const std::uint8_t>(&byte, 1)))
        received.push_back({std::move(r), edge, frame_first_byte_});
    }
    model_.tick();
  }

  void run(std::uint64_t cycles) {
    for (std::uint64_t i = 0; i < cycles; ++i) step();
  }

  // Steps until `wanted` matches a received frame; removes and returns it.
  Received wait_for(const std::function<bool(const Frame&)>& wanted, std::uint64_t max_cycles,
                    const std::string& what) {
    const std::uint64_t limit = model_.cycle() + max_cycles;
    for (;;) {
      for (auto it = received.begin(); it != received.end(); ++it) {
        const Frame* frame = std::get_if<Frame>(&it->result);
        if (frame != nullptr && wanted(*frame)) {
          Received found = std::move(*it);
          received.erase(it);
          return found;
        }
      }
      if (model_.cycle() >= limit)
        throw std::runtime_error("ipsec_fpga_core: no " + what + " after " +
                                 std::to_string(max_cycles) + " cycles");
      step();
    }
  }

  // The response to `request` (same tag; type | 0x80, credit for credit_request).
  Frame response_to(const Frame& request, std::uint64_t max_cycles = 200'000) {
    const auto type =
        request.type == layout::FrameType::credit_request
            ? layout::FrameType::credit
            : static_cast<layout::FrameType>(static_cast<unsigned>(request.type) | 0x80);
    const std::uint8_t tag = request.tag;
    return std::get<Frame>(wait_for([&](const Frame& f) { return f.type == type && f.tag == tag; },
                                    max_cycles, "response to tag " + std::to_string(tag))
                               .result);
  }

  Frame request(Frame frame, std::uint64_t max_cycles = 200'000) {
    frame.tag = next_tag();
    send(frame);
    return response_to(frame, max_cycles);
  }

 private:
  ClockedModel<Model> model_;
  std::mt19937_64 rng_;
  HandshakeJitter jitter_;
  std::deque<std::uint8_t> input_;
  host_link::FrameDecoder decoder_;
  bool output_blocked_ = false;
  bool in_frame_ = false;
  std::uint64_t frame_first_byte_ = 0;
  std::uint8_t tag_ = 0;
};

}  // namespace ipsec_fpga::verif::link_core
