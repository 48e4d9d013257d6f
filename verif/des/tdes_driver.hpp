// Drives tdes_core cycle by cycle: key loads and blocks, with exact cycle counts.
// Reused by the testbench and by the benchmarks.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "Vtdes_core.h"
#include "bytes.hpp"
#include "clocked_model.hpp"

namespace ipsec_fpga::verif {

class TdesDriver {
 public:
  // Cycles per block, both the latency (input handshake edge to the edge that raises
  // m_axis_tvalid) and the interval between back-to-back blocks.
  static constexpr unsigned kDesCycles = 16;
  static constexpr unsigned kTdesCycles = 48;
  // A key_load takes one edge; a block can be accepted on the next one.
  static constexpr unsigned kKeyLoadCycles = 1;

  explicit TdesDriver(const std::string& waveform_name = "tdes_core") : model_(waveform_name) {
    auto& p = *model_;
    p.key_load = 0;
    p.triple = 0;
    p.s_axis_tvalid = 0;
    p.s_axis_tuser = 0;
    p.s_axis_tdata = 0;
    p.m_axis_tready = 1;
    model_.reset();
  }

  ClockedModel<Vtdes_core>& model() { return model_; }
  Vtdes_core& ports() { return *model_; }

  static bool is_triple(const Bytes& key) { return key.size() == 24; }
  static unsigned block_cycles(const Bytes& key) {
    return is_triple(key) ? kTdesCycles : kDesCycles;
  }

  // Drives key_in/triple for `key`: 8 bytes = single DES (K1), 24 bytes = 3DES K1 || K2 || K3.
  void set_key_inputs(const Bytes& key) {
    if (key.size() != 8 && key.size() != 24)
      throw std::invalid_argument("tdes_core key must be 8 or 24 bytes");
    Bytes padded = key;
    padded.resize(24, 0);  // single DES: K2, K3 unused
    store_be(model_->key_in, padded.data(), padded.size());
    model_->triple = is_triple(key) ? 1 : 0;
  }

  // Waits for key_ready, then pulses key_load for one edge. Returns the cycles spent.
  unsigned load_key(const Bytes& key) {
    const std::uint64_t start = model_.cycle();
    set_key_inputs(key);
    model_->s_axis_tvalid = 0;
    wait_for([&] { return model_->key_ready != 0; }, "key_ready");
    model_->key_load = 1;
    model_.tick();
    model_->key_load = 0;
    model_.settle();
    return static_cast<unsigned>(model_.cycle() - start);
  }

  struct Result {
    std::uint64_t block;
    unsigned latency;  // edges from the input handshake to the edge that raised m_axis_tvalid
  };

  // One block with the output always ready; leaves the core idle with the result consumed.
  Result process(std::uint64_t block, bool decrypt) {
    auto& p = *model_;
    p.m_axis_tready = 1;
    p.s_axis_tdata = block;
    p.s_axis_tuser = decrypt ? 1 : 0;
    p.s_axis_tvalid = 1;
    wait_for([&] { return p.s_axis_tready != 0; }, "s_axis_tready");
    model_.tick();
    const std::uint64_t accepted = model_.cycle();
    p.s_axis_tvalid = 0;
    model_.settle();
    wait_for([&] { return p.m_axis_tvalid != 0; }, "m_axis_tvalid");
    Result result{p.m_axis_tdata, static_cast<unsigned>(model_.cycle() - accepted)};
    model_.tick();  // the output handshake
    model_.settle();
    return result;
  }

 private:
  // Ticks until `ready()` holds (checked on settled signals, before the next edge).
  template <class Ready>
  void wait_for(Ready ready, const char* what) {
    for (unsigned i = 0; i < 1000; ++i) {
      model_.settle();
      if (ready()) return;
      model_.tick();
    }
    throw std::runtime_error(std::string("tdes_core: timeout waiting for ") + what);
  }

  ClockedModel<Vtdes_core> model_;
};

}  // namespace ipsec_fpga::verif
