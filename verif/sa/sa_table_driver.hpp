// Drives a Verilated sa_table: both ports one clock at a time (for random
// traffic) and blocking host/engine operations with their exact cycle
// counts. Used by the testbench and by the benchmark.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "clocked_model.hpp"
#include "sa_layout.hpp"

namespace ipsec_fpga::verif {

enum class SaHostOp : unsigned { read = 0, write = 1, erase = 2 };

struct SaHostRequest {
  bool valid = false;
  SaHostOp op = SaHostOp::read;
  unsigned entry = 0;
  unsigned word = 0;
  std::uint32_t wdata = 0;
};

struct SaEngineRequest {
  bool valid = false;
  bool write = false;
  unsigned entry = 0;
  unsigned word = 0;
  std::uint32_t wdata = 0;
};

// What one clock did: requests taken at its rising edge, and the outputs
// right after it (a response seen here is sampled by the consumer at the
// next edge).
struct SaTableCycle {
  bool host_accepted = false;
  bool engine_accepted = false;
  bool host_response = false;
  bool engine_response = false;
  std::uint32_t rdata = 0;
  bool busy = false;
};

template <class Model>
class SaTableDriver {
 public:
  // A read accepted at edge t has its data out after edge t+1: the
  // consumer samples it at edge t+2.
  static constexpr std::uint64_t kReadLatency = 2;
  // Edges an erase holds the memory with no engine traffic (one per word).
  static constexpr std::uint64_t kEraseCycles = sa_layout::entry_words;
  static constexpr unsigned kHostWaitLimit = 4;

  SaTableDriver(const std::string& waveform_name, unsigned entries)
      : sim_(waveform_name), entries_(entries) {
    step({}, {});
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }
  unsigned entries() const { return entries_; }

  // Cycles the reset clear takes: one per word of the table.
  std::uint64_t clear_cycles() const {
    return static_cast<std::uint64_t>(entries_) * sa_layout::entry_words;
  }

  // Runs until busy falls; returns the edges it took.
  std::uint64_t wait_idle(std::uint64_t limit = 1u << 24) {
    std::uint64_t edges = 0;
    while (sim_->busy) {
      step({}, {});
      if (++edges > limit) throw std::runtime_error("sa_table: busy never fell");
    }
    return edges;
  }

  // One clock with these requests on the ports.
  SaTableCycle step(const SaHostRequest& host, const SaEngineRequest& engine) {
    sim_->host_req_valid = host.valid;
    sim_->host_req_op = static_cast<CData>(host.op);
    sim_->host_req_entry = static_cast<CData>(host.entry);
    sim_->host_req_word = static_cast<CData>(host.word);
    sim_->host_req_wdata = host.wdata;
    sim_->eng_req_valid = engine.valid;
    sim_->eng_req_write = engine.write;
    sim_->eng_req_entry = static_cast<CData>(engine.entry);
    sim_->eng_req_word = static_cast<CData>(engine.word);
    sim_->eng_req_wdata = engine.wdata;
    sim_.settle();
    SaTableCycle cycle;
    cycle.host_accepted = host.valid && sim_->host_req_ready;
    cycle.engine_accepted = engine.valid && sim_->eng_req_ready;
    sim_.tick();
    cycle.host_response = sim_->host_rsp_valid;
    cycle.engine_response = sim_->eng_rsp_valid;
    cycle.rdata = sim_->host_rsp_valid ? sim_->host_rsp_rdata : sim_->eng_rsp_rdata;
    cycle.busy = sim_->busy;
    return cycle;
  }

  // Blocking operations on an otherwise idle table. Each returns the edges
  // from the first offer to the response (read) or to acceptance (write).
  struct Read {
    std::uint32_t data;
    std::uint64_t cycles;
  };

  Read host_read(unsigned entry, unsigned word) {
    return read(SaHostRequest{true, SaHostOp::read, entry, word, 0}, {});
  }
  Read engine_read(unsigned entry, unsigned word) {
    return read({}, SaEngineRequest{true, false, entry, word, 0});
  }
  std::uint64_t host_write(unsigned entry, unsigned word, std::uint32_t data) {
    return until_accepted(SaHostRequest{true, SaHostOp::write, entry, word, data}, {});
  }
  std::uint64_t engine_write(unsigned entry, unsigned word, std::uint32_t data) {
    return until_accepted({}, SaEngineRequest{true, true, entry, word, data});
  }
  // Returns the edges from acceptance until the table is no longer busy.
  std::uint64_t erase(unsigned entry) {
    until_accepted(SaHostRequest{true, SaHostOp::erase, entry, 0, 0}, {});
    return 1 + wait_idle();
  }

 private:
  std::uint64_t until_accepted(const SaHostRequest& host, const SaEngineRequest& engine) {
    for (std::uint64_t edges = 1; edges < 1000000; ++edges) {
      const SaTableCycle cycle = step(host, engine);
      if (cycle.host_accepted || cycle.engine_accepted) return edges;
    }
    throw std::runtime_error("sa_table: request never accepted");
  }

  Read read(const SaHostRequest& host, const SaEngineRequest& engine) {
    std::uint64_t edges = until_accepted(host, engine);
    for (int i = 0; i < 16; ++i) {
      const SaTableCycle cycle = step({}, {});
      ++edges;
      if (cycle.host_response || cycle.engine_response) return {cycle.rdata, edges};
    }
    throw std::runtime_error("sa_table: no read response");
  }

  ClockedModel<Model> sim_;
  unsigned entries_;
};

}  // namespace ipsec_fpga::verif
