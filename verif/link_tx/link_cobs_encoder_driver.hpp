// Drives a Verilated link_cobs_encoder alone: bodies in (s_tvalid from a
// policy, so idle cycles can be inserted), encoded bytes out (m_tready from a
// policy). Records the wire bytes and, per body, the cycle its first byte was
// taken and the cycle its delimiter was taken.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "bytes.hpp"
#include "clocked_model.hpp"

namespace ipsec_fpga::verif {

template <class Model>
class LinkCobsEncoderDriver {
 public:
  struct Timing {
    std::uint64_t first_taken = 0;  // cycle the body's first byte was taken
    std::uint64_t delimiter = 0;    // cycle its delimiter was taken
  };

  explicit LinkCobsEncoderDriver(const std::string& waveform_name) : sim_(waveform_name) {
    sim_->s_tvalid = 0;
    sim_->s_tlast = 0;
    sim_->s_tdata = 0;
    sim_->m_tready = 0;
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }
  std::function<bool()> valid_policy = [] { return true; };
  std::function<bool()> ready_policy = [] { return true; };

  // A body of at least one byte.
  void submit(Bytes body) { bodies_.push_back(std::move(body)); }

  void step() {
    const std::uint64_t now = sim_.cycle();
    const bool offer = !bodies_.empty() && valid_policy();
    sim_->s_tvalid = offer;
    sim_->s_tdata = offer ? bodies_.front()[offset_] : 0xA5;
    sim_->s_tlast = offer && offset_ + 1 == bodies_.front().size();
    sim_->m_tready = ready_policy() ? 1 : 0;
    sim_.settle();
    if (sim_->frame_sent) ++frames_sent_;
    if (sim_->m_tvalid && sim_->m_tready) {
      wire_.push_back(sim_->m_tdata);
      if (sim_->m_tdata == 0 && delimiters_++ > 0 && delimiters_ - 2 < timings_.size())
        timings_[delimiters_ - 2].delimiter = now;
    }
    if (offer && sim_->s_tready) {
      if (offset_ == 0) timings_.push_back({now, 0});
      if (++offset_ == bodies_.front().size()) {
        bodies_.pop_front();
        offset_ = 0;
      }
    }
    sim_.tick();
  }

  // Steps until `count` body delimiters went out or `max_cycles` passed.
  bool run_until_delimiters(std::size_t count, std::uint64_t max_cycles) {
    for (std::uint64_t i = 0; i < max_cycles && delimiters_ < count + 1; ++i) step();
    return delimiters_ >= count + 1;
  }

  const Bytes& wire() const { return wire_; }
  std::size_t frames_sent() const { return frames_sent_; }
  const std::vector<Timing>& timings() const { return timings_; }

 private:
  ClockedModel<Model> sim_;
  std::deque<Bytes> bodies_;
  std::size_t offset_ = 0;
  Bytes wire_;
  std::size_t delimiters_ = 0;  // the first is the 0x00 sent after reset
  std::size_t frames_sent_ = 0;
  std::vector<Timing> timings_;
};

}  // namespace ipsec_fpga::verif
