// Drives sha1_core / sha256_core (same ports, different state width) through
// their real ports: load or init the chaining state, stream 16-word blocks,
// read the state back, counting every clock.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

// Verilator's runtime headers do not build cleanly with the project's warnings.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "clocked_model.hpp"
#pragma GCC diagnostic pop
#include "handshake_jitter.hpp"

namespace ipsec_fpga::verif {

template <class Model, std::size_t StateWords>
class ShaCoreDriver {
 public:
  static constexpr std::size_t kStateWords = StateWords;
  using State = std::array<std::uint32_t, StateWords>;  // H0 first
  using Block = std::array<std::uint32_t, 16>;          // M0 first, big-endian words

  struct BlockTiming {
    unsigned cycles = 0;  // clock edges from the first edge of the call until idle again
    unsigned stalls = 0;  // edges where the driver withheld tvalid before the 16th word
  };

  explicit ShaCoreDriver(const std::string& waveform_name) : sim_(waveform_name) {
    sim_->init = 0;
    sim_->state_load = 0;
    sim_->s_axis_tvalid = 0;
    sim_->s_axis_tdata = 0;
    for (std::size_t i = 0; i < kStateWords; ++i) sim_->state_in[i] = 0;
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }
  Model& model() { return *sim_; }
  bool idle() { return sim_->idle != 0; }
  std::uint64_t cycle() const { return sim_.cycle(); }
  std::uint64_t blocks_done() const { return blocks_done_; }

  // One clock; counts block_done pulses (visible after the edge that sets them).
  void tick() {
    sim_.tick();
    if (sim_->block_done) ++blocks_done_;
  }

  void idle_cycles(unsigned count) {
    for (unsigned i = 0; i < count; ++i) tick();
  }

  // H <= FIPS 180-4 IV. Returns the clock edges until idle again (2).
  unsigned init() { return strobe_load(true, nullptr); }

  // H <= state. Returns the clock edges until idle again (2).
  unsigned load_state(const State& state) { return strobe_load(false, &state); }

  // The chaining value on state_out (valid while idle; no clock needed).
  State state() {
    sim_.settle();
    if (!idle()) throw std::logic_error("ShaCoreDriver::state(): core is busy");
    State state{};
    for (std::size_t i = 0; i < kStateWords; ++i) state[i] = sim_->state_out[kStateWords - 1 - i];
    return state;
  }

  // Streams one block; with `jitter`, tvalid is withheld on random cycles.
  BlockTiming process_block(const Block& block, HandshakeJitter* jitter = nullptr) {
    BlockTiming timing;
    std::size_t next = 0;
    const std::uint64_t done_before = blocks_done_;
    for (;;) {
      const bool offer = next < block.size() && (jitter == nullptr || jitter->offer());
      sim_->s_axis_tvalid = offer;
      // Junk on tdata while not valid, so a core that samples it is caught.
      sim_->s_axis_tdata = offer ? block[next] : ~block[next % block.size()] ^ 0x5a5a5a5au;
      sim_.settle();
      const bool accepted = offer && sim_->s_axis_tready;
      if (next < block.size() && !offer) ++timing.stalls;
      tick();
      ++timing.cycles;
      if (accepted) ++next;
      if (next == block.size() && idle()) break;
      if (timing.cycles > 10'000) throw std::runtime_error("ShaCoreDriver: block never finished");
    }
    sim_->s_axis_tvalid = 0;
    sim_.settle();
    if (blocks_done_ != done_before + 1 || !sim_->block_done)
      throw std::runtime_error("ShaCoreDriver: block_done not pulsed once in the first idle cycle");
    return timing;
  }

 private:
  unsigned strobe_load(bool init, const State* state) {
    sim_.settle();
    if (!idle()) throw std::logic_error("ShaCoreDriver: state load while busy");
    if (state != nullptr)
      for (std::size_t i = 0; i < kStateWords; ++i)
        sim_->state_in[kStateWords - 1 - i] = (*state)[i];
    sim_->init = init;
    sim_->state_load = !init;
    unsigned cycles = 0;
    do {
      tick();
      ++cycles;
      sim_->init = 0;
      sim_->state_load = 0;
      sim_.settle();
    } while (!idle() && cycles < 100);
    return cycles;
  }

  ClockedModel<Model> sim_;
  std::uint64_t blocks_done_ = 0;
};

}  // namespace ipsec_fpga::verif
