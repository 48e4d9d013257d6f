// A C++ stand-in for the board's link side, as a ByteModel for SimTransport:
// registers, an SA table (key words read as zero), packet slots with
// absolute credit reports, in-order processing, events, and fault injection
// (frames lost either way, a corrupted frame, a mute board). The "engine"
// echoes each packet reversed. Deterministic: one byte in and out per cycle.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "link/frame.hpp"
#include "link/frame_decoder.hpp"
#include "sa_layout.hpp"
#include "sim/byte_model.hpp"

namespace ipsec_fpga::driver::test {

using host_link::Frame;
using host_link::layout::FrameType;

struct FakeBoardConfig {
  std::uint32_t protocol_version = 1;
  unsigned sa_entries = 16;
  std::uint32_t ciphers = 0xff;      // every cipher
  std::uint32_t integrities = 0x0f;  // every integrity
  unsigned packet_slots = 4;
  unsigned packet_bytes = 4096;
  unsigned max_packet_bytes = 1920;
  unsigned cycles_per_packet = 200;    // engine time per packet
  std::uint32_t clock_hz = 1'000'000;  // 1 cycle = 1 us: timeouts in ms are 1000 cycles
};

class FakeBoard : public sim::ByteModel {
 public:
  explicit FakeBoard(FakeBoardConfig config = {});

  Cycle cycle(std::optional<std::uint8_t> in) override;
  std::uint32_t clock_hz() const override { return config_.clock_hz; }
  std::string name() const override { return "fake board"; }

  // --- Fault injection ---
  // The next `count` frames of `type` from the host vanish on the way in.
  void drop_incoming(FrameType type, unsigned count = 1) { drop_in_[type] += count; }
  // The next `count` frames of `type` the board sends vanish on the way out.
  void drop_outgoing(FrameType type, unsigned count = 1) { drop_out_[type] += count; }
  // The next frame of `type` the board sends has one payload byte flipped.
  void corrupt_outgoing(FrameType type) { corrupt_out_[type] += 1; }
  // Answers nothing at all from now on (still takes bytes).
  void set_mute(bool mute) { mute_ = mute; }
  // The next `count` control requests are answered `busy`.
  void answer_busy(unsigned count) { busy_ = count; }
  // Sends an event frame (tag 0) between frames.
  void raise_event(std::uint8_t direction, std::uint8_t events, std::uint16_t sa,
                   std::uint32_t spi);

  // --- What happened ---
  const std::vector<Frame>& received() const { return received_; }  // frames that arrived
  std::uint8_t last_submit_tag() const { return credit_tag_; }
  std::array<std::uint32_t, sa_layout::entry_words>& entry(unsigned index) { return sa_[index]; }
  unsigned packets_processed() const { return processed_; }

 private:
  struct StoredPacket {
    std::uint8_t tag;
    std::uint8_t direction;
    std::uint16_t selector;
    std::vector<std::uint8_t> bytes;
  };

  void handle(const Frame& frame);
  void control(const Frame& frame);
  void send(FrameType type, std::uint8_t tag, std::vector<std::uint8_t> payload);
  void credit_report(std::vector<std::uint8_t>& out) const;
  std::uint32_t bytes_free() const;
  void finish_packet();

  FakeBoardConfig config_;
  host_link::FrameDecoder decoder_;
  std::deque<std::uint8_t> out_;
  std::vector<Frame> received_;
  std::map<FrameType, unsigned> drop_in_, drop_out_, corrupt_out_;
  bool mute_ = false;
  unsigned busy_ = 0;
  std::vector<std::array<std::uint32_t, sa_layout::entry_words>> sa_;
  std::uint32_t scratch_ = 0;
  std::deque<StoredPacket> packets_;  // stored, in order; front is in the "engine"
  std::uint64_t engine_cycles_left_ = 0;
  std::uint8_t credit_tag_ = 0;
  unsigned processed_ = 0;
};

}  // namespace ipsec_fpga::driver::test
