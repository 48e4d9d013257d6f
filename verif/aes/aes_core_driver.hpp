// Drives a Verilated aes_core (either UNROLL configuration) cycle by cycle:
// key loads, block streams with optional random idle cycles and
// back-pressure, and the exact clock edge of every transfer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "bytes.hpp"
#include "clocked_model.hpp"
#include "handshake_jitter.hpp"

namespace ipsec_fpga::verif {

// One step of a stream: a block to encrypt/decrypt, or a new key to load.
struct AesJob {
  enum class Kind { kBlock, kKey };
  Kind kind = Kind::kBlock;
  Bytes data;  // 16-byte block, or a 16/24/32-byte key
  bool decrypt = false;

  static AesJob block(Bytes bytes, bool decrypt) {
    return {Kind::kBlock, std::move(bytes), decrypt};
  }
  static AesJob key(Bytes bytes) { return {Kind::kKey, std::move(bytes), false}; }
};

// A block's trip through the core. Edges are numbered from the end of reset
// (edge 0 is the first rising edge after reset is released).
struct AesTransfer {
  Bytes result;
  bool result_decrypt = false;    // m_axis_tuser
  std::uint64_t accept_edge = 0;  // s_axis_tvalid && s_axis_tready
  std::uint64_t output_edge = 0;  // m_axis_tvalid && m_axis_tready
};

struct AesRun {
  std::vector<AesTransfer> blocks;  // in job order (the core keeps order)
  std::vector<std::uint64_t> key_load_edges;
  std::uint64_t output_stall_clocks = 0;   // m_axis_tvalid && !m_axis_tready
  std::uint64_t input_refused_clocks = 0;  // s_axis_tvalid && !s_axis_tready
};

template <class Model>
class AesCoreDriver {
 public:
  explicit AesCoreDriver(const std::string& waveform_name) : model_(waveform_name) {
    model_->key_load = 0;
    model_->s_axis_tvalid = 0;
    model_->s_axis_tuser = 0;
    model_->m_axis_tready = 0;
    model_.reset();
  }

  ClockedModel<Model>& model() { return model_; }

  // Loads a key and waits until blocks can be accepted. Returns the number of
  // clocks from the key_load edge to the first edge that can accept a block.
  std::uint64_t load_key(const Bytes& key) {
    const std::uint64_t load_edge = strobe_key_load(key);
    return wait_key_ready(load_edge + 1000) - load_edge;
  }

  // Encrypts or decrypts one block with ready always high. Returns the result
  // and the clocks from the accepting edge to the edge that delivers it.
  std::pair<Bytes, std::uint64_t> process_block(const Bytes& block, bool decrypt) {
    const AesRun run_result = run({AesJob::block(block, decrypt)});
    const AesTransfer& transfer = run_result.blocks.front();
    return {transfer.result, transfer.output_edge - transfer.accept_edge};
  }

  // Feeds the jobs in order: each block is offered until accepted (with
  // `input_jitter`, random idle cycles before each offer); each key job
  // strobes key_load as soon as it is reached (blocks already accepted keep
  // the old key). `output_jitter` withholds m_axis_tready at random.
  AesRun run(const std::vector<AesJob>& jobs, HandshakeJitter* input_jitter = nullptr,
             HandshakeJitter* output_jitter = nullptr) {
    AesRun result;
    std::size_t block_count = 0;
    for (const AesJob& job : jobs) block_count += job.kind == AesJob::Kind::kBlock ? 1 : 0;
    result.blocks.resize(block_count);

    std::size_t next_job = 0, accepted = 0, delivered = 0;
    bool offering = false;
    const std::uint64_t deadline = model_.cycle() + 200 * (jobs.size() + 10);
    while (delivered < block_count) {
      if (model_.cycle() > deadline) {
        throw std::runtime_error(
            "aes_core: stream stalled at edge " + std::to_string(model_.cycle()) + " after " +
            std::to_string(delivered) + " of " + std::to_string(block_count) + " blocks");
      }
      bool key_load = false;
      if (!offering && next_job < jobs.size() &&
          (input_jitter == nullptr || input_jitter->offer())) {
        const AesJob& job = jobs[next_job];
        if (job.kind == AesJob::Kind::kKey) {
          drive_key(job.data);
          key_load = true;
          ++next_job;
        } else {
          store_be(model_->s_axis_tdata, job.data.data(), job.data.size());
          model_->s_axis_tuser = job.decrypt;
          offering = true;
        }
      }
      model_->key_load = key_load;
      model_->s_axis_tvalid = offering;
      model_->m_axis_tready = output_jitter == nullptr || output_jitter->offer();
      model_.settle();

      const std::uint64_t edge = model_.cycle();
      if (key_load) result.key_load_edges.push_back(edge);
      if (model_->m_axis_tvalid && !model_->m_axis_tready) ++result.output_stall_clocks;
      if (offering && !model_->s_axis_tready) ++result.input_refused_clocks;
      if (model_->m_axis_tvalid && model_->m_axis_tready) {
        if (delivered >= accepted) throw std::runtime_error("aes_core: output without input");
        AesTransfer& transfer = result.blocks[delivered++];
        transfer.result = load_be(model_->m_axis_tdata, 16);
        transfer.result_decrypt = model_->m_axis_tuser;
        transfer.output_edge = edge;
      }
      if (offering && model_->s_axis_tready) {
        result.blocks[accepted++].accept_edge = edge;
        offering = false;
        ++next_job;
      }
      model_.tick();
    }
    model_->key_load = 0;
    model_->s_axis_tvalid = 0;
    model_->m_axis_tready = 0;
    model_.settle();
    return result;
  }

  // Drives key_in/key_size and strobes key_load for one edge; returns it.
  std::uint64_t strobe_key_load(const Bytes& key) {
    drive_key(key);
    model_->key_load = 1;
    model_.settle();
    const std::uint64_t edge = model_.cycle();
    model_.tick();
    model_->key_load = 0;
    model_.settle();
    return edge;
  }

  // Ticks until key_ready is high; returns the first edge that sees it.
  std::uint64_t wait_key_ready(std::uint64_t deadline) {
    model_.settle();
    while (!model_->key_ready) {
      if (model_.cycle() > deadline) throw std::runtime_error("aes_core: key_ready never rose");
      model_.tick();
    }
    return model_.cycle();
  }

 private:
  void drive_key(const Bytes& key) {
    if (key.size() != 16 && key.size() != 24 && key.size() != 32)
      throw std::invalid_argument("aes_core: key must be 16, 24 or 32 bytes");
    Bytes left_aligned = key;
    left_aligned.resize(32, 0);
    store_be(model_->key_in, left_aligned.data(), left_aligned.size());
    model_->key_size = static_cast<std::uint8_t>((key.size() - 16) / 8);
  }

  ClockedModel<Model> model_;
};

}  // namespace ipsec_fpga::verif
