// Drives a Verilated ghash_core (any DIGIT_BITS) cycle by cycle: H load,
// init, blocks offered with optional random idle cycles, and the exact clock
// edge at which each block is taken and finished. Used by the testbench and
// by the core benchmark.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "bytes.hpp"
#include "clocked_model.hpp"
#include "handshake_jitter.hpp"

namespace ipsec_fpga::verif {

// One block's trip through the core. Edges count from the end of reset
// (ClockedModel::cycle() after the edge).
struct GhashBlockRecord {
  std::uint64_t accept_edge = 0;  // s_axis_tvalid && s_axis_tready
  std::uint64_t done_edge = 0;    // the edge after which idle is high again
  std::uint64_t withheld = 0;     // cycles before it in which the core was idle but valid low
  Bytes y;                        // y_out after the block: Y_i

  // Edges the block occupies the core, counting the one that took it.
  std::uint64_t cycles() const { return done_edge - accept_edge + 1; }
};

template <class Model, unsigned DigitBits>
class GhashCoreDriver {
 public:
  static constexpr unsigned kDigitBits = DigitBits;
  // Edges per block, the accepting one included; also the spacing of
  // back-to-back blocks.
  static constexpr std::uint64_t kCyclesPerBlock = 128 / DigitBits;

  explicit GhashCoreDriver(const std::string& waveform_name) : sim_(waveform_name) {
    sim_->h_load = 0;
    sim_->init = 0;
    sim_->s_axis_tvalid = 0;
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }
  Model& model() { return *sim_; }

  bool idle() {
    sim_.settle();
    return sim_->idle != 0;
  }
  Bytes y() {
    sim_.settle();
    return load_be(sim_->y_out, 16);
  }

  // H load and init: one edge each; the core must be idle.
  void load_h(const Bytes& h) {
    store_be(sim_->h_in, h.data(), 16);
    strobe(sim_->h_load);
  }
  void init() { strobe(sim_->init); }

  // Offers the blocks in order (valid withheld at random when `jitter` is
  // given) and runs until the last one is done.
  std::vector<GhashBlockRecord> process(const std::vector<Bytes>& blocks,
                                        HandshakeJitter* jitter = nullptr) {
    std::vector<GhashBlockRecord> records;
    std::size_t next = 0;
    bool in_flight = false;
    std::uint64_t withheld = 0, guard = 0;
    while (records.size() < blocks.size() || in_flight) {
      if (in_flight) throw std::logic_error("ghash_core driver: block still in flight");
      const bool offer = next < blocks.size() && (jitter == nullptr || jitter->offer());
      sim_->s_axis_tvalid = offer;
      if (offer)
        store_be(sim_->s_axis_tdata, blocks[next].data(), 16);
      else
        store_be(sim_->s_axis_tdata, kGarbage, 16);  // must not matter
      sim_.settle();
      const bool taken = offer && sim_->s_axis_tready;
      if (!offer && sim_->s_axis_tready) ++withheld;
      sim_.tick();
      if (taken) {
        GhashBlockRecord record;
        record.accept_edge = sim_.cycle();
        record.withheld = withheld;
        withheld = 0;
        records.push_back(record);
        ++next;
        in_flight = true;
      }
      sim_->s_axis_tvalid = 0;
      // Blocks are taken only while idle, so at most one is in flight.
      while (in_flight) {
        sim_.settle();
        if (sim_->idle) {
          records.back().done_edge = sim_.cycle();
          records.back().y = load_be(sim_->y_out, 16);
          in_flight = false;
        } else {
          sim_.tick();
        }
        if (++guard > 10000000) throw std::runtime_error("ghash_core: idle never returned (hung)");
      }
    }
    sim_->s_axis_tvalid = 0;
    sim_.settle();
    return records;
  }

  // GHASH_H(blocks) from Y = 0.
  Bytes ghash(const Bytes& h, const std::vector<Bytes>& blocks, HandshakeJitter* jitter = nullptr) {
    load_h(h);
    init();
    process(blocks, jitter);
    return y();
  }

  // Idle edges with nothing offered (a slow reader of y_out).
  void wait(std::uint64_t cycles) {
    sim_->s_axis_tvalid = 0;
    for (std::uint64_t i = 0; i < cycles; ++i) sim_.tick();
  }

 private:
  static constexpr std::uint8_t kGarbage[16] = {0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef,
                                                0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef};

  void strobe(unsigned char& pin) {
    if (!idle()) throw std::logic_error("ghash_core driver: h_load/init while busy");
    sim_->s_axis_tvalid = 0;
    pin = 1;
    sim_.tick();
    pin = 0;
    sim_.settle();
  }

  ClockedModel<Model> sim_;
};

}  // namespace ipsec_fpga::verif
