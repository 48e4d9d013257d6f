#include "sim/verilated_icebreaker.hpp"

#include <verilated.h>
#include <verilated_fst_c.h>

#include <stdexcept>

#include "Vicebreaker_top.h"

namespace ipsec_fpga::driver::sim {

namespace {

// ipsec_fpga_uart_top's RESET_BITS (8): the reset lasts 2^8 clocks after
// configuration; a few more for the button synchroniser.
constexpr int reset_cycles = (1 << 8) + 8;

class VerilatedIcebreaker : public BoardPins {
 public:
  explicit VerilatedIcebreaker(const SimOptions& options)
      : context_(std::make_unique<VerilatedContext>()) {
    if (options.fst_path) context_->traceEverOn(true);
    top_ = std::make_unique<Vicebreaker_top>(context_.get(), "icebreaker");
    if (options.fst_path) {
      trace_ = std::make_unique<VerilatedFstC>();
      top_->trace(trace_.get(), 99);
      trace_->open(options.fst_path->c_str());
    }
    top_->CLK = 0;
    top_->BTN_N = 1;
    top_->RX = 1;  // the FTDI's TXD idles high
    top_->eval();
    // Configuration and power-on reset, then the credit frame the board
    // sends after reset goes out: the host opens the port later, on a quiet
    // line, as with a real board that was configured before.
    for (int i = 0; i < reset_cycles; ++i) edge();
    attach_ = reset_cycles;
    constexpr int quiet_cycles = 20 * icebreaker_clock_hz / icebreaker_baud;  // 2 frame times
    int quiet = 0;
    for (int i = 0; quiet < quiet_cycles; ++i) {
      if (i == 1'000'000)
        throw std::runtime_error("sim:icebreaker: TX not idle 1,000,000 clocks after reset");
      quiet = top_->TX ? quiet + 1 : 0;
      edge();
      ++attach_;
    }
  }

  ~VerilatedIcebreaker() override {
    if (trace_) trace_->close();
    top_->final();
  }

  bool cycle(bool rx) override {
    // TX is a flip-flop output (link_uart_tx): settled since the last edge,
    // whatever RX does (RX only feeds the receiver's synchroniser flops).
    const bool tx = top_->TX != 0;
    top_->RX = rx;
    edge();
    return tx;
  }

  BoardLeds leds() const override { return {top_->LEDR_N == 0, top_->LEDG_N == 0}; }
  void set_button(bool pressed) override { top_->BTN_N = pressed ? 0 : 1; }
  std::uint32_t clock_hz() const override { return icebreaker_clock_hz; }
  std::uint32_t baud() const override { return icebreaker_baud; }
  std::string name() const override { return "icebreaker_top (Verilator)"; }
  std::uint64_t clocks_before_attach() const override { return attach_; }

 private:
  void edge() {
    top_->CLK = 0;
    top_->eval();
    dump();
    top_->CLK = 1;
    top_->eval();
    dump();
  }
  void dump() {
    context_->timeInc(1);
    if (trace_) trace_->dump(context_->time());
  }

  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Vicebreaker_top> top_;
  std::unique_ptr<VerilatedFstC> trace_;
  std::uint64_t attach_ = 0;
};

}  // namespace

std::unique_ptr<BoardPins> make_verilated_icebreaker(const SimOptions& options) {
  return std::make_unique<VerilatedIcebreaker>(options);
}

}  // namespace ipsec_fpga::driver::sim
