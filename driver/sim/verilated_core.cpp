#include "sim/verilated_core.hpp"

#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vipsec_fpga_core.h"

namespace ipsec_fpga::driver::sim {

namespace {

class VerilatedCore : public ByteModel {
 public:
  explicit VerilatedCore(const SimOptions& options)
      : clock_hz_(options.clock_hz), context_(std::make_unique<VerilatedContext>()) {
    if (options.fst_path) context_->traceEverOn(true);
    core_ = std::make_unique<Vipsec_fpga_core>(context_.get(), "top");
    if (options.fst_path) {
      trace_ = std::make_unique<VerilatedFstC>();
      core_->trace(trace_.get(), 99);
      trace_->open(options.fst_path->c_str());
    }
    core_->clk = 0;
    core_->rst = 1;
    core_->s_byte_tvalid = 0;
    core_->s_byte_tdata = 0;
    core_->m_byte_tready = 1;  // the host always drains the board
    for (int i = 0; i < 4; ++i) edge();
    core_->rst = 0;
    core_->eval();
  }

  ~VerilatedCore() override {
    if (trace_) trace_->close();
    core_->final();
  }

  Cycle cycle(std::optional<std::uint8_t> in) override {
    core_->s_byte_tvalid = in.has_value();
    core_->s_byte_tdata = in.value_or(0);
    core_->eval();  // settle: readies and the output byte as this edge samples them
    Cycle c;
    c.taken = in.has_value() && core_->s_byte_tready;
    if (core_->m_byte_tvalid) c.out = static_cast<std::uint8_t>(core_->m_byte_tdata);
    edge();
    return c;
  }

  std::uint32_t clock_hz() const override { return clock_hz_; }
  std::string name() const override { return "ipsec_fpga_core (Verilator)"; }

 private:
  void edge() {
    core_->clk = 0;
    core_->eval();
    dump();
    core_->clk = 1;
    core_->eval();
    dump();
  }
  void dump() {
    context_->timeInc(1);
    if (trace_) trace_->dump(context_->time());
  }

  std::uint32_t clock_hz_;
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Vipsec_fpga_core> core_;
  std::unique_ptr<VerilatedFstC> trace_;
};

}  // namespace

std::unique_ptr<ByteModel> make_verilated_core(const SimOptions& options) {
  return std::make_unique<VerilatedCore>(options);
}

}  // namespace ipsec_fpga::driver::sim
