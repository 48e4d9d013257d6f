// Drives a Verilated link_frame_tx one clock at a time and plays its
// neighbours: the caller presenting frame requests (req_valid held until
// req_ready) with its tail memory (a synchronous RAM: data the cycle after
// tail_rd_en, garbage in every other cycle, overwritten as soon as req_ready
// says the frame was read, the fixed bytes as soon as fixed_read says they
// were; optionally a shared memory that refuses some reads and says so with
// tail_rd_miss the cycle after), and the byte sink (m_byte_tready from a
// policy: HandshakeJitter, long UART-like stalls, or always ready). It records the
// wire bytes and, per request, the cycles it was presented, read and sent,
// and lists every breach of the contract it sees.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "bytes.hpp"
#include "clocked_model.hpp"

namespace ipsec_fpga::verif {

struct TxRequest {
  std::uint8_t type = 0;
  std::uint8_t tag = 0;
  Bytes fixed;  // at most LinkFrameTxDriver::kFixedBytesMax bytes
  Bytes tail;
};

// Cycles (the driver's count, 0 = first cycle after reset) of one request.
struct TxRecord {
  std::uint64_t presented = 0;   // req_valid first high
  std::uint64_t read = 0;        // req_ready high
  std::uint64_t first_byte = 0;  // its first wire byte taken
  std::uint64_t delimiter = 0;   // its delimiter taken
  std::uint64_t frame_sent = 0;  // frame_sent high
};

template <class Model>
class LinkFrameTxDriver {
 public:
  static constexpr unsigned kFixedBytesMax = 32;

  LinkFrameTxDriver(const std::string& waveform_name, std::uint64_t seed)
      : sim_(waveform_name), rng_(seed) {
    drive_idle_request();
    sim_->m_byte_tready = 0;
    sim_->tail_rd_data = 0;
    sim_->tail_rd_miss = 0;
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }

  // Called once per cycle: whether the sink takes a byte / whether a waiting
  // request may be presented this cycle (idle gaps between requests).
  std::function<bool()> ready_policy = [] { return true; };
  std::function<bool()> present_policy = [] { return true; };
  // Called for every tail read: whether the (shared) memory refuses it.
  std::function<bool()> miss_policy = [] { return false; };

  void submit(TxRequest request) { waiting_.push_back(std::move(request)); }

  // One clock: drive the inputs, observe the outputs, tick.
  void step() {
    const std::uint64_t now = sim_.cycle();
    if (!current_ && !waiting_.empty() && present_policy()) present(now);
    if (!current_) drive_idle_request();
    sim_->tail_rd_data = read_pending_ ? read_data_ : static_cast<std::uint32_t>(rng_());
    sim_->tail_rd_miss = read_missed_ ? 1 : 0;
    sim_->m_byte_tready = ready_policy() ? 1 : 0;
    sim_.settle();

    if (sim_->frame_sent) {
      if (!delimiter_last_cycle_)
        violation(now, "frame_sent without a frame delimiter taken the cycle before");
      else if (frames_sent_ < records_.size())
        records_[frames_sent_].frame_sent = now;
      ++frames_sent_;
    }
    delimiter_last_cycle_ = false;
    if (sim_->m_byte_tvalid && sim_->m_byte_tready) take_byte(now, sim_->m_byte_tdata);

    const bool read_requested = sim_->tail_rd_en;
    const unsigned read_word = sim_->tail_rd_word;
    if (read_requested) {
      if (!current_)
        violation(now, "tail_rd_en with no request outstanding");
      else if (read_word >= tail_words_.size())
        violation(now, "tail_rd_word " + std::to_string(read_word) + " beyond the tail's " +
                           std::to_string(tail_words_.size()) + " words");
    }
    const bool fixed_done = sim_->fixed_read;
    if (fixed_done && !current_) violation(now, "fixed_read with no request outstanding");
    const bool read_done = sim_->req_ready;
    if (read_done && !current_) violation(now, "req_ready with no request outstanding");

    sim_.tick();

    read_missed_ = read_requested && miss_policy();
    read_pending_ = !read_missed_ && read_requested && current_ && read_word < tail_words_.size();
    if (read_missed_) ++reads_missed_;
    if (read_pending_) read_data_ = tail_words_[read_word];
    // The fixed bytes may change once fixed_read said they were read.
    if (fixed_done && current_) {
      Bytes noise(kFixedBytesMax);
      for (auto& byte : noise) byte = static_cast<std::uint8_t>(rng_());
      store_be(sim_->req_fixed, noise.data(), noise.size());
    }
    if (read_done && current_) {
      records_[presented_ - 1].read = now;
      current_ = false;
      for (auto& word : tail_words_) word = static_cast<std::uint32_t>(rng_());  // memory reused
    }
  }

  // Steps until `frames` frames were sent (frame_sent) or `max_cycles` passed.
  bool run_until_sent(std::size_t frames, std::uint64_t max_cycles) {
    for (std::uint64_t i = 0; i < max_cycles && frames_sent_ < frames; ++i) step();
    return frames_sent_ >= frames;
  }
  void run(std::uint64_t cycles) {
    for (std::uint64_t i = 0; i < cycles; ++i) step();
  }

  const Bytes& wire() const { return wire_; }
  Bytes& wire() { return wire_; }
  std::size_t frames_sent() const { return frames_sent_; }
  std::uint64_t reads_missed() const { return reads_missed_; }
  std::size_t presented() const { return presented_; }
  const std::vector<TxRecord>& records() const { return records_; }
  const std::vector<std::string>& violations() const { return violations_; }
  bool idle() const { return !current_ && waiting_.empty(); }

 private:
  void drive_idle_request() {
    // Garbage: link_frame_tx must not look at the fields while req_valid is low.
    sim_->req_valid = 0;
    sim_->req_type = static_cast<std::uint8_t>(rng_());
    sim_->req_tag = static_cast<std::uint8_t>(rng_());
    Bytes noise(kFixedBytesMax);
    for (auto& byte : noise) byte = static_cast<std::uint8_t>(rng_());
    store_be(sim_->req_fixed, noise.data(), noise.size());
    sim_->req_fixed_bytes = static_cast<std::uint8_t>(rng_() & 63);
    sim_->req_tail_bytes = static_cast<std::uint16_t>(rng_());
  }

  void present(std::uint64_t now) {
    const TxRequest request = std::move(waiting_.front());
    waiting_.pop_front();
    current_ = true;
    ++presented_;
    records_.push_back({});
    records_.back().presented = now;
    sim_->req_valid = 1;
    sim_->req_type = request.type;
    sim_->req_tag = request.tag;
    Bytes fixed(kFixedBytesMax, 0);
    for (std::size_t i = 0; i < request.fixed.size(); ++i) fixed[i] = request.fixed[i];
    store_be(sim_->req_fixed, fixed.data(), fixed.size());
    sim_->req_fixed_bytes = static_cast<std::uint8_t>(request.fixed.size());
    sim_->req_tail_bytes = static_cast<std::uint16_t>(request.tail.size());
    // Byte 0 in [31:24]; the last word's unused bytes are garbage.
    tail_words_.assign((request.tail.size() + 3) / 4, 0);
    for (std::size_t w = 0; w < tail_words_.size(); ++w) {
      std::uint32_t word = 0;
      for (std::size_t b = 0; b < 4; ++b) {
        const std::size_t at = 4 * w + b;
        const std::uint8_t byte =
            at < request.tail.size() ? request.tail[at] : static_cast<std::uint8_t>(rng_());
        word = (word << 8) | byte;
      }
      tail_words_[w] = word;
    }
  }

  void take_byte(std::uint64_t now, std::uint8_t byte) {
    wire_.push_back(byte);
    if (byte != 0) {
      if (!in_frame_) {
        in_frame_ = true;
        if (delimiters_ - 1 < records_.size()) records_[delimiters_ - 1].first_byte = now;
      }
      return;
    }
    in_frame_ = false;
    if (delimiters_++ == 0) return;  // the 0x00 sent after reset
    delimiter_last_cycle_ = true;
    if (delimiters_ - 2 < records_.size())
      records_[delimiters_ - 2].delimiter = now;
    else
      violation(now, "delimiter of a frame never requested");
  }

  void violation(std::uint64_t now, const std::string& what) {
    if (violations_.size() < 20)
      violations_.push_back("cycle " + std::to_string(now) + ": " + what);
  }

  ClockedModel<Model> sim_;
  std::mt19937_64 rng_;
  std::deque<TxRequest> waiting_;
  bool current_ = false;
  std::vector<std::uint32_t> tail_words_;
  bool read_pending_ = false;
  bool read_missed_ = false;
  std::uint64_t reads_missed_ = 0;
  std::uint32_t read_data_ = 0;
  Bytes wire_;
  bool in_frame_ = false;
  std::size_t delimiters_ = 0;
  bool delimiter_last_cycle_ = false;
  std::size_t frames_sent_ = 0;
  std::size_t presented_ = 0;
  std::vector<TxRecord> records_;
  std::vector<std::string> violations_;
};

}  // namespace ipsec_fpga::verif
