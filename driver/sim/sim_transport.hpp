// Transport over a simulated board (a ByteModel): send() queues bytes,
// receive() runs the clock, one input byte per cycle at most, until the
// board has sent a whole frame (a 0x00 delimiter) or the cycle budget the
// timeout buys at the model's clock runs out. The clock runs only inside
// receive(), so a single-threaded run is deterministic; the board time
// (cycles) is offered to the driver as its TransportClock.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>

#include "sim/byte_model.hpp"
#include "transport/transport.hpp"
#include "transport/transport_clock.hpp"

namespace ipsec_fpga::driver::sim {

class SimTransport : public Transport, public TransportClock {
 public:
  explicit SimTransport(std::unique_ptr<ByteModel> model);

  void send(std::span<const std::uint8_t> bytes) override;
  std::vector<std::uint8_t> receive(std::chrono::milliseconds timeout) override;
  std::string description() const override;
  std::chrono::nanoseconds elapsed() const override;

  // Clock cycles run so far (for benchmarks), and bytes each way.
  std::uint64_t cycles() const;
  std::uint64_t bytes_in() const;
  std::uint64_t bytes_out() const;
  // Runs exactly `count` cycles, collecting what the board sends.
  std::vector<std::uint8_t> run_cycles(std::uint64_t count);
  // Bytes sent and not yet taken by the board.
  std::size_t pending_input() const;
  // The model (e.g. a UartWire, for its pins and faults). Use it only when
  // no other thread is inside receive() or run_cycles().
  ByteModel& model() { return *model_; }

 private:
  // One clock cycle; returns the byte the board sent, if any. Holds model_mutex_.
  std::optional<std::uint8_t> step();

  std::unique_ptr<ByteModel> model_;
  mutable std::mutex input_mutex_;  // send() may come from another thread
  std::deque<std::uint8_t> input_;
  std::mutex model_mutex_;  // one receive() at a time runs the clock
  std::atomic<std::uint64_t> cycles_{0};
  std::atomic<std::uint64_t> bytes_in_{0};
  std::atomic<std::uint64_t> bytes_out_{0};
};

}  // namespace ipsec_fpga::driver::sim
