// The FT2232H's end of a board's UART, bit by bit: a ByteModel (what
// SimTransport runs) over a board's pins (BoardPins). The host's bytes go
// out as 8N1 frames on the board's RX pin, each bit cell exactly
// clock_hz / baud clocks long (boundaries at ceil(n * clock_hz / baud)
// clocks from the start of a run of back-to-back frames, so any ratio is
// exact on average; 12 MHz / 3 Mbaud: 4 clocks per bit, 40 per byte).
// A byte offered when the previous frame's stop bit ends follows it with no
// idle time, as the FT2232H sends a buffer. The board's TX pin is decoded
// the same way: a falling edge on the idle line starts a frame, each bit is
// sampled in the middle of its cell, a low stop bit is a framing error (the
// byte is dropped and counted; the line must be high again before the next
// start bit). Faults can be put on the wire (one bit cell inverted) in
// either direction, and every frame can be logged with its cycle.
//
// Like SimTransport's model, a UartWire is not thread-safe on its own: call
// its accessors when no other thread is inside SimTransport::receive.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/board_pins.hpp"
#include "sim/byte_model.hpp"

namespace ipsec_fpga::driver::sim {

// One 8N1 frame seen on the wire.
struct WireFrame {
  bool to_board = false;       // host -> board (RX pin); false: board -> host (TX pin)
  std::uint8_t byte = 0;       // to_board: the byte the host sent; else the byte decoded
  std::uint64_t start = 0;     // cycle of the start bit's first clock
  std::uint64_t end = 0;       // to_board: first cycle after the stop bit; else the stop sample
  bool damaged = false;        // a bit cell of this frame was inverted on purpose
  bool framing_error = false;  // board -> host: the stop bit read 0 (byte dropped)
};

struct WireStatistics {
  std::uint64_t frames_to_board = 0;
  std::uint64_t frames_to_host = 0;       // bytes delivered to the host
  std::uint64_t host_framing_errors = 0;  // board -> host frames dropped for a low stop bit
  std::uint64_t host_false_starts = 0;    // start bits that read 1 in their middle
  std::uint64_t misaligned_tx_edges = 0;  // TX edges inside a frame off a bit-cell boundary
  std::uint64_t damaged_cells = 0;        // cells inverted by damage_to_board/_to_host
};

class UartWire : public ByteModel {
 public:
  // Uses the board's own clock and baud rate (its RTL's divisor).
  explicit UartWire(std::unique_ptr<BoardPins> pins);

  Cycle cycle(std::optional<std::uint8_t> in) override;
  std::uint32_t clock_hz() const override;
  std::string name() const override;

  // Clocks per bit as a fraction, and the boundary of bit cell n of a run
  // (ceil(n * clock_hz / baud)).
  std::uint32_t baud() const { return baud_; }
  std::uint64_t cell_boundary(std::uint64_t n) const;
  std::uint64_t cycles() const { return now_; }

  // Inverts bit cell `bit` (0 start, 1..8 data LSB first, 9 stop) of a frame
  // on the wire: the `frames_ahead`-th frame to start on RX from now
  // (0: the next one), or on TX (bits 1..9 only: the start edge is what
  // finds a frame).
  void damage_to_board(unsigned frames_ahead, unsigned bit);
  void damage_to_host(unsigned frames_ahead, unsigned bit);

  // Logging of every frame (off by default: a long run makes many).
  void record_frames(bool on) { recording_ = on; }
  const std::vector<WireFrame>& frames() const { return frames_; }
  void clear_frames() { frames_.clear(); }

  const WireStatistics& statistics() const { return statistics_; }
  bool rx_level() const { return rx_level_; }  // what the host drives on RX now
  bool tx_idle() const { return decoder_ == Decoder::idle; }
  bool rx_idle() const { return !sending_; }

  BoardPins& pins() { return *pins_; }
  const BoardPins& pins() const { return *pins_; }

 private:
  struct Damage {
    std::uint64_t frame;  // absolute frame number in its direction
    unsigned bit;
  };
  enum class Decoder { idle, receiving, wait_high };

  bool drive_rx(std::optional<std::uint8_t> in, bool& taken);
  std::optional<std::uint8_t> decode_tx(bool tx);

  std::unique_ptr<BoardPins> pins_;
  std::uint32_t clock_hz_;
  std::uint32_t baud_;
  std::uint64_t now_ = 0;

  // Host -> board.
  bool sending_ = false;
  bool rx_level_ = true;
  std::uint64_t run_start_ = 0;        // cycle the current run of frames began
  std::uint64_t frame_first_bit_ = 0;  // bit index in the run of this frame's start bit
  std::uint64_t last_frame_end_ = 0;   // cycle the last frame's stop bit ended
  bool have_last_frame_ = false;
  unsigned cell_ = 0;  // cell of the current frame (0..9)
  std::uint64_t cell_end_ = 0;
  bool levels_[10] = {};
  std::uint64_t rx_frames_started_ = 0;
  std::vector<Damage> rx_damage_;
  std::size_t rx_log_index_ = 0;

  // Board -> host.
  Decoder decoder_ = Decoder::idle;  // BoardPins hands over a quiet line
  bool tx_prev_ = true;
  std::uint64_t t0_ = 0;
  unsigned sample_ = 0;  // next bit to sample (0..9)
  std::uint8_t shift_ = 0;
  std::uint64_t tx_frames_started_ = 0;
  std::optional<unsigned> tx_flip_bit_;  // the bit cell of the current frame to invert
  std::vector<Damage> tx_damage_;

  bool recording_ = false;
  std::vector<WireFrame> frames_;
  WireStatistics statistics_;
};

}  // namespace ipsec_fpga::driver::sim
