// Drives a Verilated link_uart: the host's transmitter on uart_rx (a
// UartLine, or uart_tx itself in loopback), bytes offered on s_axis with
// random idle cycles, m_axis_tready with random back-pressure. Records every
// byte m_axis shows, every byte taken, the error pulses, every byte the
// transmitter took and the uart_tx level after every edge.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "bytes.hpp"
#include "clocked_model.hpp"
#include "handshake_jitter.hpp"
#include "uart_line.hpp"
#include "uart_timing.hpp"

namespace ipsec_fpga::verif {

// A byte and the edge after which it showed (m_axis) or was taken (s_axis).
struct UartByteAt {
  std::uint64_t edge;
  std::uint8_t byte;
  bool operator==(const UartByteAt&) const = default;
};

template <class Model>
class LinkUartDriver {
 public:
  LinkUartDriver(const std::string& waveform_name, std::mt19937_64& rng, const UartTiming& timing)
      : sim_(waveform_name), rng_(rng), timing_(timing) {
    set_rx_ready_busy(0);
    set_tx_valid_busy(0);
    sim_->uart_rx = 1;
    sim_->m_axis_tready = 0;
    sim_->s_axis_tvalid = 0;
    sim_->s_axis_tdata = 0;
    sim_.reset();
  }

  ClockedModel<Model>& sim() { return sim_; }
  const UartTiming& timing() const { return timing_; }
  // The host's transmitter, in edges since reset (edge e samples time e).
  UartLine& line() { return line_; }
  std::uint64_t now() const { return sim_.cycle(); }

  void set_rx_ready_busy(unsigned percent) { rx_ready_jitter_.emplace(rng_, percent); }
  void set_tx_valid_busy(unsigned percent) { tx_valid_jitter_.emplace(rng_, percent); }
  void hold_rx_ready(bool hold) { hold_rx_ready_ = hold; }
  // uart_tx drives uart_rx (the line is ignored).
  void set_loopback(bool on) { loopback_ = on; }
  void queue_tx(const Bytes& bytes) {
    tx_queue_.insert(tx_queue_.end(), bytes.begin(), bytes.end());
  }
  // Every queued byte was taken by the transmitter.
  bool tx_all_taken() const { return tx_queue_.empty() && !tx_valid_; }

  void step() {
    const std::uint64_t edge = sim_.cycle();
    sim_->uart_rx = loopback_ ? sim_->uart_tx : line_.level_at(static_cast<double>(edge));
    sim_->m_axis_tready = !hold_rx_ready_ && rx_ready_jitter_->offer();
    if (!tx_valid_ && !tx_queue_.empty() && tx_valid_jitter_->offer()) {
      tx_valid_ = true;
      sim_->s_axis_tdata = tx_queue_.front();
      tx_queue_.pop_front();
    }
    sim_->s_axis_tvalid = tx_valid_;
    sim_.settle();

    const bool rx_shown = sim_->m_axis_tvalid;
    const bool rx_take = rx_shown && sim_->m_axis_tready;
    if (rx_take) rx_taken_.push_back(sim_->m_axis_tdata);
    if (tx_valid_ && sim_->s_axis_tready) {
      tx_accepts_.push_back({edge, static_cast<std::uint8_t>(sim_->s_axis_tdata)});
      tx_valid_ = false;
    }

    sim_.tick();

    tx_levels_.push_back(sim_->uart_tx);
    if (sim_->framing_error) framing_error_edges_.push_back(edge);
    if (sim_->overrun) overrun_edges_.push_back(edge);
    if (sim_->m_axis_tvalid && (!rx_shown || rx_take || sim_->overrun))
      rx_shown_.push_back({edge, static_cast<std::uint8_t>(sim_->m_axis_tdata)});
  }

  void run(std::uint64_t cycles) {
    for (std::uint64_t i = 0; i < cycles; ++i) step();
  }

  // Until the line has played out and every queued byte went out, then
  // long enough for the last frame both ways (a frame plus rx latency).
  void run_until_quiet() {
    while (!line_.idle() || !tx_queue_.empty() || tx_valid_) step();
    run(static_cast<std::uint64_t>(12 * timing_.period()) + timing_.rx_latency() + 16);
  }

  const std::vector<UartByteAt>& rx_shown() const { return rx_shown_; }
  const Bytes& rx_taken() const { return rx_taken_; }
  const std::vector<std::uint64_t>& framing_error_edges() const { return framing_error_edges_; }
  const std::vector<std::uint64_t>& overrun_edges() const { return overrun_edges_; }
  const std::vector<UartByteAt>& tx_accepts() const { return tx_accepts_; }
  // uart_tx after edge e is tx_levels()[e] (edges since reset).
  const std::vector<std::uint8_t>& tx_levels() const { return tx_levels_; }
  std::uint64_t framing_errors() { return sim_->framing_errors; }

  // For the benchmark: one byte into uart_rx at the exact bit period, from
  // an idle receiver. Returns the byte m_axis showed and the edges from the
  // first one sampling its start bit to the one that showed it.
  std::pair<std::uint8_t, std::uint64_t> receive_byte(std::uint8_t byte) {
    const std::size_t before = rx_shown_.size();
    const std::uint64_t start = now() + 1;
    line_.frame(static_cast<double>(start), timing_.period(), byte);
    while (rx_shown_.size() == before) step();
    return {rx_shown_.back().byte, rx_shown_.back().edge - start};
  }

  // For the benchmark: one byte out of an idle transmitter. Returns the
  // edges from the one taking it to the one that could take the next.
  std::uint64_t transmit_byte(std::uint8_t byte) {
    queue_tx({byte});
    while (tx_valid_ || !tx_queue_.empty()) step();
    const std::uint64_t taken = tx_accepts_.back().edge;
    sim_->s_axis_tvalid = 0;
    for (;;) {
      sim_.settle();
      if (sim_->s_axis_tready) return now() - taken;
      step();
    }
  }

 private:
  ClockedModel<Model> sim_;
  std::mt19937_64& rng_;
  UartTiming timing_;
  UartLine line_;
  std::optional<HandshakeJitter> rx_ready_jitter_, tx_valid_jitter_;
  bool hold_rx_ready_ = false;
  bool loopback_ = false;
  std::deque<std::uint8_t> tx_queue_;
  bool tx_valid_ = false;

  std::vector<UartByteAt> rx_shown_;
  Bytes rx_taken_;
  std::vector<std::uint64_t> framing_error_edges_, overrun_edges_;
  std::vector<UartByteAt> tx_accepts_;
  std::vector<std::uint8_t> tx_levels_;
};

}  // namespace ipsec_fpga::verif
