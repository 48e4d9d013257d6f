#include "sim/uart_wire.hpp"

#include <algorithm>
#include <stdexcept>

namespace ipsec_fpga::driver::sim {

namespace {
constexpr unsigned frame_bits = 10;  // start, 8 data, stop
}

UartWire::UartWire(std::unique_ptr<BoardPins> pins) : pins_(std::move(pins)) {
  if (!pins_) throw std::invalid_argument("UartWire: no board");
  clock_hz_ = pins_->clock_hz();
  baud_ = pins_->baud();
  if (clock_hz_ == 0 || baud_ == 0)
    throw std::invalid_argument("UartWire: board clock and baud rate must not be 0");
  if (clock_hz_ < baud_)
    throw std::invalid_argument("UartWire: fewer than 1 clock per bit (" +
                                std::to_string(clock_hz_) + " Hz, " + std::to_string(baud_) +
                                " baud)");
}

std::uint32_t UartWire::clock_hz() const { return clock_hz_; }

std::string UartWire::name() const {
  std::string ratio = std::to_string(clock_hz_ / baud_);
  if (clock_hz_ % baud_ != 0) ratio = std::to_string(double(clock_hz_) / baud_);
  return pins_->name() + ", UART " + std::to_string(baud_) + " baud 8N1 (" + ratio +
         " clocks per bit)";
}

std::uint64_t UartWire::cell_boundary(std::uint64_t n) const {
  return (n * clock_hz_ + baud_ - 1) / baud_;
}

void UartWire::damage_to_board(unsigned frames_ahead, unsigned bit) {
  if (bit >= frame_bits)
    throw std::invalid_argument("UartWire::damage_to_board: bit cell " + std::to_string(bit) +
                                " (0 start, 1..8 data, 9 stop)");
  rx_damage_.push_back({rx_frames_started_ + frames_ahead, bit});
}

void UartWire::damage_to_host(unsigned frames_ahead, unsigned bit) {
  if (bit == 0 || bit >= frame_bits)
    throw std::invalid_argument("UartWire::damage_to_host: bit cell " + std::to_string(bit) +
                                " (1..8 data, 9 stop; the start bit cannot be damaged here)");
  // A frame being received now counts as started: "ahead" is from the next one.
  tx_damage_.push_back({tx_frames_started_ + frames_ahead, bit});
}

bool UartWire::drive_rx(std::optional<std::uint8_t> in, bool& taken) {
  if (sending_) {
    while (now_ >= cell_end_) {
      if (++cell_ == frame_bits) {
        sending_ = false;
        last_frame_end_ = cell_end_;
        have_last_frame_ = true;
        break;
      }
      cell_end_ = run_start_ + cell_boundary(frame_first_bit_ + cell_ + 1);
    }
  }
  if (!sending_ && in) {
    if (have_last_frame_ && last_frame_end_ == now_) {
      frame_first_bit_ += frame_bits;  // back to back: the run goes on
      // Rebase whenever the run's start falls on a clock edge (every frame
      // for an integer ratio), so the numbers stay small.
      if (frame_first_bit_ * clock_hz_ % baud_ == 0) {
        run_start_ += cell_boundary(frame_first_bit_);
        frame_first_bit_ = 0;
      }
    } else {
      run_start_ = now_;
      frame_first_bit_ = 0;
    }
    levels_[0] = false;
    for (unsigned b = 0; b < 8; ++b) levels_[b + 1] = ((*in >> b) & 1u) != 0;
    levels_[9] = true;
    bool damaged = false;
    const std::uint64_t index = rx_frames_started_++;
    for (auto it = rx_damage_.begin(); it != rx_damage_.end();) {
      if (it->frame == index) {
        levels_[it->bit] = !levels_[it->bit];
        damaged = true;
        ++statistics_.damaged_cells;
        it = rx_damage_.erase(it);
      } else {
        ++it;
      }
    }
    cell_ = 0;
    cell_end_ = run_start_ + cell_boundary(frame_first_bit_ + 1);
    sending_ = true;
    taken = true;
    ++statistics_.frames_to_board;
    if (recording_)
      frames_.push_back(WireFrame{true, *in, now_,
                                  run_start_ + cell_boundary(frame_first_bit_ + frame_bits),
                                  damaged, false});
  }
  rx_level_ = sending_ ? levels_[cell_] : true;
  return rx_level_;
}

std::optional<std::uint8_t> UartWire::decode_tx(bool tx) {
  bool line = tx;
  if (decoder_ == Decoder::receiving && tx_flip_bit_) {
    const std::uint64_t d = now_ - t0_;
    if (d >= cell_boundary(*tx_flip_bit_) && d < cell_boundary(*tx_flip_bit_ + 1)) line = !line;
  }
  std::optional<std::uint8_t> out;
  switch (decoder_) {
    case Decoder::idle:
      if (!line) {
        t0_ = now_;
        decoder_ = Decoder::receiving;
        sample_ = 0;
        shift_ = 0;
        tx_flip_bit_.reset();
        const std::uint64_t index = tx_frames_started_++;
        for (auto it = tx_damage_.begin(); it != tx_damage_.end(); ++it) {
          if (it->frame == index) {
            tx_flip_bit_ = it->bit;
            ++statistics_.damaged_cells;
            tx_damage_.erase(it);
            break;
          }
        }
      }
      break;
    case Decoder::receiving: {
      const std::uint64_t d = now_ - t0_;
      if (line != tx_prev_) {
        // On a boundary: within a clock of j bit times after the start edge
        // (exactly on it for an integer ratio; a run of frames at a
        // non-integer one is placed from the run's start, not this frame's).
        const std::uint64_t j = (d * baud_ + clock_hz_ / 2) / clock_hz_;
        if (d < j * clock_hz_ / baud_ || d > cell_boundary(j)) ++statistics_.misaligned_tx_edges;
      }
      // The middle of cell k: floor((2k + 1) * clock_hz / (2 * baud)).
      const std::uint64_t middle = (2ull * sample_ + 1) * clock_hz_ / (2ull * baud_);
      if (d == middle) {
        const unsigned k = sample_++;
        if (k == 0) {
          if (line) {  // a glitch, not a start bit
            ++statistics_.host_false_starts;
            decoder_ = Decoder::idle;
          }
        } else if (k <= 8) {
          if (line) shift_ = static_cast<std::uint8_t>(shift_ | (1u << (k - 1)));
        } else {
          const bool damaged = tx_flip_bit_.has_value();
          tx_flip_bit_.reset();
          if (line) {
            out = shift_;
            ++statistics_.frames_to_host;
            decoder_ = Decoder::idle;
          } else {
            ++statistics_.host_framing_errors;
            decoder_ = Decoder::wait_high;
          }
          if (recording_) frames_.push_back(WireFrame{false, shift_, t0_, now_, damaged, !line});
        }
      }
      break;
    }
    case Decoder::wait_high:
      if (line) decoder_ = Decoder::idle;
      break;
  }
  tx_prev_ = line;
  return out;
}

ByteModel::Cycle UartWire::cycle(std::optional<std::uint8_t> in) {
  Cycle c;
  const bool rx = drive_rx(in, c.taken);
  const bool tx = pins_->cycle(rx);
  c.out = decode_tx(tx);
  ++now_;
  return c;
}

}  // namespace ipsec_fpga::driver::sim
