#include "sim/sim_transport.hpp"

#include <algorithm>
#include <stdexcept>

namespace ipsec_fpga::driver::sim {

SimTransport::SimTransport(std::unique_ptr<ByteModel> model) : model_(std::move(model)) {
  if (!model_) throw std::invalid_argument("SimTransport: no model");
  if (model_->clock_hz() == 0) throw std::invalid_argument("SimTransport: model clock is 0 Hz");
}

void SimTransport::send(std::span<const std::uint8_t> bytes) {
  std::lock_guard<std::mutex> lock(input_mutex_);
  input_.insert(input_.end(), bytes.begin(), bytes.end());
}

std::optional<std::uint8_t> SimTransport::step() {
  std::optional<std::uint8_t> offer;
  {
    std::lock_guard<std::mutex> lock(input_mutex_);
    if (!input_.empty()) offer = input_.front();
  }
  const ByteModel::Cycle c = model_->cycle(offer);
  ++cycles_;
  if (offer && c.taken) {
    std::lock_guard<std::mutex> lock(input_mutex_);
    input_.pop_front();
    ++bytes_in_;
  }
  if (c.out) ++bytes_out_;
  return c.out;
}

std::vector<std::uint8_t> SimTransport::receive(std::chrono::milliseconds timeout) {
  std::lock_guard<std::mutex> model_lock(model_mutex_);
  const auto ms = static_cast<std::uint64_t>(std::max<std::int64_t>(0, timeout.count()));
  const std::uint64_t budget = std::max<std::uint64_t>(1, ms * model_->clock_hz() / 1000);
  std::vector<std::uint8_t> out;
  for (std::uint64_t i = 0; i < budget; ++i) {
    const auto byte = step();
    if (!byte) continue;
    out.push_back(*byte);
    if (*byte == 0) break;  // a whole frame: let the driver act on it
  }
  return out;
}

std::vector<std::uint8_t> SimTransport::run_cycles(std::uint64_t count) {
  std::lock_guard<std::mutex> model_lock(model_mutex_);
  std::vector<std::uint8_t> out;
  for (std::uint64_t i = 0; i < count; ++i)
    if (const auto byte = step()) out.push_back(*byte);
  return out;
}

std::size_t SimTransport::pending_input() const {
  std::lock_guard<std::mutex> lock(input_mutex_);
  return input_.size();
}

std::string SimTransport::description() const { return "sim: " + model_->name(); }

std::uint64_t SimTransport::cycles() const { return cycles_; }
std::uint64_t SimTransport::bytes_in() const { return bytes_in_; }
std::uint64_t SimTransport::bytes_out() const { return bytes_out_; }

std::chrono::nanoseconds SimTransport::elapsed() const {
  const std::uint64_t hz = model_->clock_hz();
  const std::uint64_t c = cycles_;
  // Split so that the product cannot overflow: rem < hz < 2^32.
  const std::uint64_t ns = c / hz * 1'000'000'000u + c % hz * 1'000'000'000u / hz;
  return std::chrono::nanoseconds(static_cast<std::int64_t>(ns));
}

}  // namespace ipsec_fpga::driver::sim
