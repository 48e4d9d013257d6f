// Drives a Verilated md5_core: state load/read, IV init, blocks streamed as
// 16 words with optional random idle cycles, exact cycle counts. Used by the
// testbench and by the core benchmark.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "clocked_model.hpp"
#include "handshake_jitter.hpp"

namespace ipsec_fpga::verif {

// {A, B, C, D} as the 32-bit words of RFC 1321.
using Md5State = std::array<std::uint32_t, 4>;
using Md5Block = std::array<std::uint32_t, 16>;  // M[0..15], little-endian words

// The digest bytes of a state: A, B, C, D each little-endian.
inline std::vector<std::uint8_t> md5_state_bytes(const Md5State& state) {
  std::vector<std::uint8_t> bytes;
  for (std::uint32_t word : state)
    for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<std::uint8_t>(word >> (8 * i)));
  return bytes;
}

// RFC 1321 padding: 0x80, zeros, the bit length as a 64-bit little-endian
// number; `prefix_bytes` counts bytes already hashed (an HMAC ipad/opad block).
inline std::vector<Md5Block> md5_padded_blocks(const std::vector<std::uint8_t>& message,
                                               std::uint64_t prefix_bytes = 0) {
  std::vector<std::uint8_t> bytes = message;
  const std::uint64_t bit_length = (prefix_bytes + message.size()) * 8;
  bytes.push_back(0x80);
  while (bytes.size() % 64 != 56) bytes.push_back(0);
  for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<std::uint8_t>(bit_length >> (8 * i)));
  std::vector<Md5Block> blocks(bytes.size() / 64);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    blocks[i / 64][(i % 64) / 4] |= static_cast<std::uint32_t>(bytes[i]) << (8 * (i % 4));
  return blocks;
}

template <class Model>
class Md5Driver {
 public:
  // Cycles from the clock edge that takes word 0 to the one after which
  // block_done is high, with no idle cycles; and between two blocks whose
  // words follow each other without a gap.
  static constexpr std::uint64_t kBlockLatency = 65;
  static constexpr std::uint64_t kBlockInterval = 64;

  explicit Md5Driver(const std::string& waveform_name) : sim_(waveform_name) {
    sim_->init = 0;
    sim_->state_load = 0;
    sim_->s_axis_tvalid = 0;
    sim_->s_axis_tdata = 0;
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }
  Model& model() { return *sim_; }

  // Loads the RFC 1321 IV (one cycle; the core must be idle).
  void init_iv() { strobe(sim_->init); }

  void load_state(const Md5State& state) {
    for (int w = 0; w < 4; ++w) sim_->state_in[w] = state[3 - w];  // A in bits 127:96
    strobe(sim_->state_load);
  }

  Md5State state() {
    const auto& out = sim_->state_out;
    return {out[3], out[2], out[1], out[0]};
  }

  bool idle() { return sim_->idle != 0; }

  // Per block of the last process(): cycles in which the core was ready for
  // one of its words 1..15 but the testbench withheld it; the block's latency
  // is kBlockLatency plus these. And the cycle after which block_done was high.
  const std::vector<std::uint64_t>& stall_cycles() const { return stalls_; }
  const std::vector<std::uint64_t>& done_cycles() const { return done_; }

  // Streams the blocks' words (valid withheld at random when `jitter` is
  // given) and runs until the last block is done. Returns, per block, the
  // number of cycles from the edge that took its word 0 to the edge after
  // which its block_done was high.
  std::vector<std::uint64_t> process(const std::vector<Md5Block>& blocks,
                                     HandshakeJitter* jitter = nullptr) {
    std::vector<std::uint64_t> word0_cycle, latency;
    stalls_.assign(blocks.size(), 0);
    done_.clear();
    std::size_t next_word = 0;
    const std::size_t total_words = blocks.size() * 16;
    std::uint64_t guard = 0;
    while (latency.size() < blocks.size()) {
      const bool offer = next_word < total_words && (jitter == nullptr || jitter->offer());
      sim_->s_axis_tvalid = offer;
      sim_->s_axis_tdata = offer ? blocks[next_word / 16][next_word % 16] : 0xdeadbeefu;
      sim_.settle();
      const bool taken = offer && sim_->s_axis_tready;
      if (!offer && sim_->s_axis_tready && next_word % 16 != 0) ++stalls_[next_word / 16];
      sim_.tick();
      if (taken) {
        if (next_word % 16 == 0) word0_cycle.push_back(sim_.cycle());
        ++next_word;
      }
      if (sim_->block_done) {
        if (latency.size() >= word0_cycle.size())
          throw std::runtime_error("md5_core: block_done without a block in progress");
        latency.push_back(sim_.cycle() - word0_cycle[latency.size()] + 1);
        done_.push_back(sim_.cycle());
      }
      if (++guard > 1000000) throw std::runtime_error("md5_core: no block_done (hung)");
    }
    sim_->s_axis_tvalid = 0;
    sim_.settle();
    return latency;
  }

  // One block from `state`; returns the new state and its latency in cycles.
  std::pair<Md5State, std::uint64_t> compress(const Md5State& state, const Md5Block& block,
                                              HandshakeJitter* jitter = nullptr) {
    load_state(state);
    const auto latency = process({block}, jitter);
    return {this->state(), latency.front()};
  }

  // MD5 of a whole message, padded here: the digest bytes.
  std::vector<std::uint8_t> digest(const std::vector<std::uint8_t>& message,
                                   HandshakeJitter* jitter = nullptr) {
    init_iv();
    process(md5_padded_blocks(message), jitter);
    return md5_state_bytes(state());
  }

 private:
  // Holds a load strobe for one cycle, with no word offered.
  void strobe(unsigned char& pin) {
    if (!idle()) throw std::logic_error("md5_core: state load while busy");
    sim_->s_axis_tvalid = 0;
    pin = 1;
    sim_.tick();
    pin = 0;
    sim_.settle();
  }

  ClockedModel<Model> sim_;
  std::vector<std::uint64_t> stalls_, done_;
};

}  // namespace ipsec_fpga::verif
