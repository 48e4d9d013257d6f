#include "host/bench/e2e_bench.hpp"

#include <chrono>
#include <stdexcept>

#include "bench_traffic.hpp"
#include "board/board.hpp"
#include "sim/open_sim_transport.hpp"

namespace ipsec_fpga::host::bench {

namespace drv = ipsec_fpga::driver;
using Clock = std::chrono::steady_clock;

namespace {

drv::Cipher to_driver_cipher(const std::string& name) {
  if (name == "null") return drv::Cipher::null;
  if (name == "des-cbc") return drv::Cipher::des_cbc;
  if (name == "3des-cbc") return drv::Cipher::tdes_cbc;
  if (name == "aes128-cbc") return drv::Cipher::aes128_cbc;
  if (name == "aes192-cbc") return drv::Cipher::aes192_cbc;
  if (name == "aes256-cbc") return drv::Cipher::aes256_cbc;
  if (name == "aes128-gcm16") return drv::Cipher::aes128_gcm;
  if (name == "aes256-gcm16") return drv::Cipher::aes256_gcm;
  throw std::invalid_argument("end-to-end: unknown cipher " + name);
}

drv::Integrity to_driver_integrity(const std::string& name) {
  if (name == "none") return drv::Integrity::none;
  if (name == "hmac-md5-96") return drv::Integrity::hmac_md5_96;
  if (name == "hmac-sha1-96") return drv::Integrity::hmac_sha1_96;
  if (name == "hmac-sha256-128") return drv::Integrity::hmac_sha256_128;
  throw std::invalid_argument("end-to-end: unknown integrity " + name);
}

}  // namespace

struct EndToEndBench::Impl {
  Impl() {
    auto transport = drv::sim::open_sim_transport("");
    sim = transport.get();
    board = std::make_unique<drv::Board>(std::move(transport));
  }

  // Sends pipelined up to the credits (run_pipelined) and measures; returns
  // the outputs.
  std::vector<std::vector<std::uint8_t>> run(const std::string& what, drv::Direction direction,
                                             const drv::SaHandle& sa,
                                             const std::vector<std::vector<std::uint8_t>>& packets,
                                             EndToEndFigures& figures) {
    const std::uint64_t cycles0 = sim->cycles();
    const auto t0 = Clock::now();
    auto outputs = drv::run_pipelined(*board, direction, sa, packets, what);
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cycles = static_cast<double>(sim->cycles() - cycles0);
    const double n = static_cast<double>(packets.size());
    figures = {n / seconds, cycles / n, cycles / seconds};
    return outputs;
  }

  drv::sim::SimTransport* sim = nullptr;
  std::unique_ptr<drv::Board> board;
};

EndToEndBench::EndToEndBench() : impl_(std::make_unique<Impl>()) {}
EndToEndBench::~EndToEndBench() = default;

std::string EndToEndBench::board_summary() const { return impl_->board->capabilities().summary(); }
double EndToEndBench::board_clock_hz() const { return impl_->board->capabilities().clock_hz; }

std::pair<EndToEndFigures, EndToEndFigures> EndToEndBench::measure(const SuiteSpec& suite,
                                                                   const SizePattern& sizes,
                                                                   std::size_t count) {
  drv::Board& board = *impl_->board;
  const auto [out_handle, in_handle] = drv::install_bench_sa_pair(
      board, to_driver_cipher(suite.cipher), to_driver_integrity(suite.integrity));

  std::vector<std::vector<std::uint8_t>> packets;
  for (std::size_t i = 0; i < count; ++i)
    packets.push_back(
        drv::bench_inner_packet(sizes.period[i % sizes.period.size()], static_cast<unsigned>(i)));
  std::pair<EndToEndFigures, EndToEndFigures> figures;
  const std::string what = "end-to-end " + suite.name() + " " + sizes.label;
  try {
    const auto esp = impl_->run(what + " outbound", drv::Direction::outbound, out_handle, packets,
                                figures.first);
    const auto inners =
        impl_->run(what + " inbound", drv::Direction::inbound, in_handle, esp, figures.second);
    if (inners != packets)
      throw std::runtime_error(what + ": inner packets differ after the round trip");
  } catch (...) {
    board.remove_sa(out_handle);
    board.remove_sa(in_handle);
    throw;
  }
  board.remove_sa(out_handle);
  board.remove_sa(in_handle);
  return figures;
}

}  // namespace ipsec_fpga::host::bench
