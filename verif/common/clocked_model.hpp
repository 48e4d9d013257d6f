// Runs a Verilated model one clock at a time, counts cycles exactly and,
// when IPSEC_FPGA_FST names a directory, writes an FST waveform there.
#pragma once

#include <verilated.h>
#include <verilated_fst_c.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace ipsec_fpga::verif {

// The model must have inputs `clk` and `rst` (synchronous, active high).
template <class Model>
class ClockedModel {
 public:
  explicit ClockedModel(const std::string& waveform_name)
      : context_(std::make_unique<VerilatedContext>()) {
    const char* fst_dir = std::getenv("IPSEC_FPGA_FST");
    if (fst_dir != nullptr && *fst_dir != '\0') context_->traceEverOn(true);
    model_ = std::make_unique<Model>(context_.get(), "top");
    if (fst_dir != nullptr && *fst_dir != '\0') {
      std::filesystem::create_directories(fst_dir);
      waveform_path_ = std::string(fst_dir) + "/" + waveform_name + ".fst";
      trace_ = std::make_unique<VerilatedFstC>();
      model_->trace(trace_.get(), 99);
      trace_->open(waveform_path_.c_str());
    }
    model_->clk = 0;
    model_->rst = 1;
    model_->eval();
  }

  ~ClockedModel() {
    if (trace_) trace_->close();
    model_->final();
  }

  ClockedModel(const ClockedModel&) = delete;
  ClockedModel& operator=(const ClockedModel&) = delete;

  Model& operator*() { return *model_; }
  Model* operator->() { return model_.get(); }

  // Holds reset for `cycles` clocks, then releases it. Resets the cycle count.
  void reset(unsigned cycles = 2) {
    model_->rst = 1;
    for (unsigned i = 0; i < cycles; ++i) tick();
    model_->rst = 0;
    model_->eval();
    cycle_ = 0;
  }

  // Settles combinational logic after the testbench changed inputs, so that
  // outputs such as `ready` can be read before the clock edge.
  void settle() { model_->eval(); }

  // One full clock: inputs set by the caller are sampled on the rising edge.
  void tick() {
    model_->clk = 0;
    model_->eval();
    dump();
    model_->clk = 1;
    model_->eval();
    dump();
    ++cycle_;
  }

  std::uint64_t cycle() const { return cycle_; }
  const std::string& waveform_path() const { return waveform_path_; }

 private:
  void dump() {
    context_->timeInc(1);
    if (trace_) trace_->dump(context_->time());
  }

  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<VerilatedFstC> trace_;
  std::string waveform_path_;
  std::uint64_t cycle_ = 0;
};

}  // namespace ipsec_fpga::verif
