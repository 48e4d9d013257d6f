// Drives a Verilated replay_window and plays the SA table's engine port for
// it: one SA entry in a C++ array, requests accepted (or refused at random
// through a HandshakeJitter), read data answered 2 cycles later as sa_table
// does. Commands return the status, the numbers and the exact cycles.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <string>

#include "clocked_model.hpp"
#include "handshake_jitter.hpp"
#include "sa_layout.hpp"

namespace ipsec_fpga::verif {

enum class ReplayStatus : unsigned { ok = 0, replay = 1, too_old = 2 };

struct ReplayResult {
  ReplayStatus status;
  std::uint64_t sequence;  // the full number (check: ESN inferred)
  std::uint64_t highest;   // H after the command
  std::uint64_t cycles;    // edges from the one taking the command to the result
  unsigned writes;         // words written
  unsigned refusals;       // cycles the memory refused a request
};

template <class Model>
class ReplayWindowDriver {
 public:
  // With a memory that never refuses (sa_table's engine port, read data 2
  // cycles after the request).
  static constexpr std::uint64_t kCheckCycles = 7;
  static constexpr std::uint64_t kUpdateCycles = 6;  // see update_cycles()
  static constexpr unsigned kReadLatency = 2;

  // An update reads a fifth word, the one holding H+1, only when it is not
  // the word holding the number; it then writes 5 words (the window moves),
  // 2 (a bit inside it) or none (refused, one cycle to say so).
  static bool reads_second_word(unsigned window, std::uint64_t highest, std::uint64_t sequence) {
    return (highest + 1) % window / 32 != sequence % window / 32;
  }
  static std::uint64_t update_cycles(unsigned window, std::uint64_t highest, std::uint64_t sequence,
                                     unsigned writes) {
    return kUpdateCycles + reads_second_word(window, highest, sequence) + (writes ? writes : 1);
  }

  ReplayWindowDriver(const std::string& waveform_name, unsigned window)
      : sim_(waveform_name), window_(window) {
    sim_->cmd_valid = 0;
    sim_->mem_req_ready = 1;
    sim_->mem_rsp_valid = 0;
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }
  std::array<std::uint32_t, sa_layout::entry_words>& entry() { return entry_; }

  // Refuse memory requests at random (nullptr: never).
  void set_memory_jitter(HandshakeJitter* jitter) { memory_jitter_ = jitter; }

  // The state the host writes for an SA whose highest number is `highest`:
  // everything up to it counts as received (as the reference model does),
  // or, for a new SA, every bitmap word is marked stale and holds `garbage`
  // (it must be ignored).
  void install(std::uint64_t highest, std::uint32_t garbage) {
    entry_.fill(0);
    entry_[sa_layout::sequence.word] = static_cast<std::uint32_t>(highest >> 32);
    entry_[sa_layout::sequence.word + 1] = static_cast<std::uint32_t>(highest);
    const unsigned words = window_ / 32;
    for (unsigned k = 0; k < words; ++k)
      entry_[sa_layout::replay_bitmap.word + k] = highest != 0 ? 0xffffffffu : garbage ^ k;
    entry_[sa_layout::replay_stale.word] =
        highest != 0 ? 0 : (words == 32 ? 0xffffffffu : (1u << words) - 1);
  }

  std::uint64_t highest() const {
    return static_cast<std::uint64_t>(entry_[sa_layout::sequence.word]) << 32 |
           entry_[sa_layout::sequence.word + 1];
  }

  // Whether `sequence` is marked received in the entry (it must lie in the
  // window): the ring bit, read as zero when its word is stale.
  bool marked(std::uint64_t sequence) const {
    const unsigned position = static_cast<unsigned>(sequence % window_);
    if (entry_[sa_layout::replay_stale.word] >> (position / 32) & 1u) return false;
    return entry_[sa_layout::replay_bitmap.word + position / 32] >> (position % 32) & 1u;
  }

  ReplayResult check(std::uint32_t sequence_low, bool esn) { return run(false, esn, sequence_low); }
  ReplayResult update(std::uint64_t sequence) { return run(true, false, sequence); }

 private:
  ReplayResult run(bool update, bool esn, std::uint64_t sequence) {
    sim_->cmd_valid = 1;
    sim_->cmd_update = update;
    sim_->cmd_esn = esn;
    sim_->cmd_sequence = sequence;
    sim_.settle();
    if (!sim_->cmd_ready) throw std::logic_error("replay_window: not ready for a command");
    cycle_once();
    sim_->cmd_valid = 0;
    ReplayResult result{};
    for (std::uint64_t edges = 1; edges < 10000; ++edges) {
      const Step step = cycle_once();
      result.writes += step.wrote;
      result.refusals += step.refused;
      if (sim_->res_valid) {
        result.status = static_cast<ReplayStatus>(sim_->res_status);
        result.sequence = sim_->res_sequence;
        result.highest = sim_->res_highest;
        result.cycles = edges;
        if (!responses_.empty()) throw std::logic_error("replay_window: reads left unanswered");
        return result;
      }
    }
    throw std::runtime_error("replay_window: no result (hung)");
  }

  struct Step {
    bool wrote = false;
    bool refused = false;
  };

  // One clock; the memory side acts on the requests at the edge.
  Step cycle_once() {
    Step step;
    const bool answer = !responses_.empty() && responses_.front().due == sim_.cycle();
    sim_->mem_rsp_valid = answer;
    sim_->mem_rsp_rdata = answer ? responses_.front().data : 0xdeadbeefu;
    sim_->mem_req_ready = memory_jitter_ == nullptr || memory_jitter_->offer();
    sim_.settle();
    const bool request = sim_->mem_req_valid;
    const bool accepted = request && sim_->mem_req_ready;
    step.refused = request && !accepted;
    const bool write = sim_->mem_req_write;
    const unsigned word = sim_->mem_req_word;
    const std::uint32_t wdata = sim_->mem_req_wdata;
    sim_.tick();
    if (answer) responses_.pop_front();
    if (accepted) {
      if (word >= sa_layout::entry_words)
        throw std::logic_error("replay_window: word out of range");
      if (write) {
        if (!sa_layout::is_engine_word(word))
          throw std::logic_error("replay_window: write to a non-engine word " +
                                 std::to_string(word));
        entry_[word] = wdata;
        step.wrote = true;
      } else {
        // This edge took the read; the data is sampled kReadLatency edges
        // later, i.e. in the clock whose cycle() (before its edge) is due.
        responses_.push_back({sim_.cycle() + kReadLatency - 1, entry_[word]});
      }
    }
    return step;
  }

  struct Response {
    std::uint64_t due;  // cycle() before the edge that samples it
    std::uint32_t data;
  };

  ClockedModel<Model> sim_;
  unsigned window_;
  std::array<std::uint32_t, sa_layout::entry_words> entry_{};
  std::deque<Response> responses_;
  HandshakeJitter* memory_jitter_ = nullptr;
};

}  // namespace ipsec_fpga::verif
