// Drives a Verilated link_frame_rx and plays the dispatcher for it: wire
// bytes fed at a random rate, descriptors taken with random desc_ready, each
// stored tail read from the ring word by word and then freed (or the frees
// held back, to fill the ring). Records every descriptor with its tail, every
// error report and the exact cycles.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "bytes.hpp"
#include "clocked_model.hpp"
#include "handshake_jitter.hpp"
#include "link/host_link_layout.hpp"

namespace ipsec_fpga::verif {

struct RxDescriptor {
  std::uint8_t type = 0;
  std::uint8_t tag = 0;
  std::uint16_t length = 0;
  std::uint64_t fixed = 0;
  std::uint16_t tail_bytes = 0;
  unsigned tail_word = 0;
  bool no_credit = false;
  Bytes tail;                     // read back from the ring (empty when no_credit)
  std::uint64_t valid_cycle = 0;  // edge after which desc_valid first showed it
};

struct RxErrorReport {
  std::uint8_t reason;
  std::uint16_t count;
  std::uint16_t dropped;
};

struct RxCounters {
  std::uint32_t frames, crc, cobs, length, oversize, unknown_type, overrun;
  bool operator==(const RxCounters&) const = default;
};

template <class Model>
class LinkFrameRxDriver {
 public:
  // Edges from the one taking a frame's delimiter to the one raising
  // desc_valid (empty descriptor FIFO) or err_valid / the counters.
  static constexpr std::uint64_t kDescriptorLatency = 20;
  static constexpr std::uint64_t kVerdictLatency = 2;

  LinkFrameRxDriver(const std::string& waveform_name, std::mt19937_64& rng,
                    unsigned ring_addr_bits = 10)
      : sim_(waveform_name), rng_(rng), ring_words_(1u << ring_addr_bits) {
    set_jitter(0, 0, 0, 0);
    sim_->s_byte_tvalid = 0;
    sim_->desc_ready = 0;
    sim_->ring_rd_en = 0;
    sim_->ring_free_valid = 0;
    sim_->clear_counters = 0;
    sim_->err_ready = 0;
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }

  // Busy percentages (0..100) of the byte stream, desc_ready, err_ready and ring reads.
  void set_jitter(unsigned bytes, unsigned descriptors, unsigned errors, unsigned reads) {
    byte_jitter_.emplace(rng_, bytes);
    desc_jitter_.emplace(rng_, descriptors);
    err_jitter_.emplace(rng_, errors);
    read_jitter_.emplace(rng_, reads);
  }
  void hold_descriptors(bool hold) { hold_descriptors_ = hold; }
  void hold_errors(bool hold) { hold_errors_ = hold; }
  // Held frees wait in order until release_frees().
  void hold_frees(bool hold) { hold_frees_ = hold; }
  void release_frees() {
    hold_frees_ = false;
    run_until([&] { return held_frees_.empty(); }, 100000);
  }
  void clear_counters(unsigned mask) { clear_request_ = mask; }

  void send(const Bytes& wire) { pending_.insert(pending_.end(), wire.begin(), wire.end()); }
  bool bytes_pending() const { return !pending_.empty(); }

  // One clock.
  void step() {
    Model& m = *sim_;
    const bool offer = !pending_.empty() && byte_jitter_->offer();
    m.s_byte_tvalid = offer;
    m.s_byte_tdata = offer ? pending_.front() : 0;

    // Take descriptors as they come (at random); read their tails in order.
    const bool take = m.desc_valid && !hold_descriptors_ && desc_jitter_->offer();
    m.desc_ready = take;
    if (take) taken_.push_back(snapshot());

    if (!taken_.empty() && words_read_ == tail_words(taken_.front())) finish_front();
    bool read = false;
    if (!taken_.empty() && words_read_ < tail_words(taken_.front()) && read_jitter_->offer()) {
      read = true;
      m.ring_rd_en = 1;
      m.ring_rd_word =
          static_cast<SData>((taken_.front().tail_word + words_read_) & (ring_words_ - 1));
    } else {
      m.ring_rd_en = 0;
    }

    // Free finished descriptors' words, in order (unless held back).
    m.ring_free_valid = 0;
    if (!hold_frees_ && !held_frees_.empty()) {
      m.ring_free_valid = 1;
      m.ring_free_words = static_cast<SData>(held_frees_.front().words);
      m.ring_free_packet = held_frees_.front().packet;
      held_frees_.pop_front();
    }

    const bool take_error = m.err_valid && !hold_errors_ && err_jitter_->offer();
    m.err_ready = take_error;
    if (take_error) errors_.push_back({m.err_reason, m.err_count, m.err_dropped});

    m.clear_counters = static_cast<CData>(clear_request_);
    clear_request_ = 0;

    if (offer && !m.s_byte_tready) throw std::logic_error("link_frame_rx stalled the byte stream");
    sim_.tick();

    if (offer) {
      if (pending_.front() == 0) delimiter_cycles_.push_back(sim_.cycle());
      pending_.pop_front();
    }
    if (read) {
      RxDescriptor& d = taken_.front();
      for (int shift = 24; shift >= 0; shift -= 8)
        d.tail.push_back(static_cast<std::uint8_t>(m.ring_rd_data >> shift));
      if (++words_read_ == tail_words(d)) finish_front();
    }
    if (m.desc_valid && !desc_valid_before_) valid_cycles_.push_back(sim_.cycle());
    desc_valid_before_ = m.desc_valid;
  }

  template <class Done>
  void run_until(Done done, std::uint64_t max_cycles) {
    for (std::uint64_t i = 0; i < max_cycles; ++i) {
      if (done()) return;
      step();
    }
    throw std::runtime_error("link_frame_rx: no progress in " + std::to_string(max_cycles) +
                             " cycles");
  }

  // Feeds every queued byte, then runs until the receiver and the dispatcher
  // model are idle (descriptors taken and read, frees issued, error taken).
  void drain(std::uint64_t max_cycles = 2000000) {
    run_until([&] { return pending_.empty(); }, max_cycles);
    unsigned quiet = 0;
    run_until(
        [&] {
          const Model& m = *sim_;
          const bool busy = (m.desc_valid && !hold_descriptors_) || !taken_.empty() ||
                            (!hold_frees_ && !held_frees_.empty()) ||
                            (m.err_valid && !hold_errors_);
          quiet = busy ? 0 : quiet + 1;
          return quiet > kDescriptorLatency + 4;
        },
        max_cycles);
  }

  void run(std::uint64_t cycles) {
    for (std::uint64_t i = 0; i < cycles; ++i) step();
  }

  RxCounters counters() {
    const Model& m = *sim_;
    return {m.rx_frames,          m.rx_crc_errors,          m.rx_cobs_errors,   m.rx_length_errors,
            m.rx_oversize_errors, m.rx_unknown_type_errors, m.rx_overrun_errors};
  }

  std::vector<RxDescriptor>& descriptors() { return descriptors_; }
  std::vector<RxErrorReport>& errors() { return errors_; }
  const std::vector<std::uint64_t>& delimiter_cycles() const { return delimiter_cycles_; }
  const std::vector<std::uint64_t>& valid_cycles() const { return valid_cycles_; }
  std::size_t held_frees() const { return held_frees_.size(); }

 private:
  struct Free {
    unsigned words;
    bool packet;
  };

  static std::uint8_t packet_submit_type() {
    return static_cast<std::uint8_t>(host_link::layout::FrameType::packet_submit);
  }
  static unsigned tail_words(const RxDescriptor& d) {
    return d.no_credit ? 0u : (d.tail_bytes + 3u) / 4u;
  }

  // The oldest taken descriptor has its tail: keep it, free its words.
  void finish_front() {
    RxDescriptor& d = taken_.front();
    d.tail.resize(d.no_credit ? 0 : d.tail_bytes);
    held_frees_.push_back({tail_words(d), !d.no_credit && d.type == packet_submit_type()});
    descriptors_.push_back(std::move(d));
    taken_.pop_front();
    words_read_ = 0;
  }

  RxDescriptor snapshot() {
    const Model& m = *sim_;
    RxDescriptor d;
    d.type = m.desc_type;
    d.tag = m.desc_tag;
    d.length = m.desc_length;
    d.fixed = m.desc_fixed;
    d.tail_bytes = m.desc_tail_bytes;
    d.tail_word = m.desc_tail_word;
    d.no_credit = m.desc_no_credit;
    d.valid_cycle = valid_cycles_.empty() ? 0 : valid_cycles_.back();
    return d;
  }

  ClockedModel<Model> sim_;
  std::mt19937_64& rng_;
  unsigned ring_words_;
  std::optional<HandshakeJitter> byte_jitter_, desc_jitter_, err_jitter_, read_jitter_;
  bool hold_descriptors_ = false;
  bool hold_errors_ = false;
  bool hold_frees_ = false;
  unsigned clear_request_ = 0;
  std::deque<std::uint8_t> pending_;
  std::deque<RxDescriptor> taken_;  // taken, tail not read yet
  unsigned words_read_ = 0;
  std::deque<Free> held_frees_;
  std::vector<RxDescriptor> descriptors_;
  std::vector<RxErrorReport> errors_;
  std::vector<std::uint64_t> delimiter_cycles_;
  std::vector<std::uint64_t> valid_cycles_;
  bool desc_valid_before_ = false;
};

}  // namespace ipsec_fpga::verif
