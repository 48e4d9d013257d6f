#include "host/bench/e2e_bench.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <chrono>
#include <stdexcept>

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

drv::SecretBytes random_key(std::size_t bytes) {
  std::vector<std::uint8_t> key(bytes);
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  drv::SecretBytes secret{std::span<const std::uint8_t>(key)};
  OPENSSL_cleanse(key.data(), key.size());
  return secret;
}

// An IPv4/UDP packet of `size` bytes, header checksum set, 192.0.2.0/24.
std::vector<std::uint8_t> inner_packet(std::size_t size, unsigned serial) {
  std::vector<std::uint8_t> p(size, 0);
  p[0] = 0x45;
  p[2] = static_cast<std::uint8_t>(size >> 8);
  p[3] = static_cast<std::uint8_t>(size);
  p[8] = 64;
  p[9] = 17;
  const std::uint8_t addresses[8] = {192, 0, 2, 10, 192, 0, 2, 20};
  std::copy(addresses, addresses + 8, p.begin() + 12);
  std::uint32_t sum = 0;
  for (int i = 0; i < 20; i += 2) sum += static_cast<std::uint32_t>(p[i] << 8 | p[i + 1]);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  p[10] = static_cast<std::uint8_t>(~sum >> 8);
  p[11] = static_cast<std::uint8_t>(~sum);
  for (std::size_t i = 20; i < size; ++i) p[i] = static_cast<std::uint8_t>(serial + i);
  return p;
}

}  // namespace

struct EndToEndBench::Impl {
  Impl() {
    auto transport = drv::sim::open_sim_transport("");
    sim = transport.get();
    board = std::make_unique<drv::Board>(std::move(transport));
  }

  // Sends pipelined up to the credits; returns the outputs.
  std::vector<std::vector<std::uint8_t>> run(const std::string& what, drv::Direction direction,
                                             const drv::SaHandle& sa,
                                             const std::vector<std::vector<std::uint8_t>>& packets,
                                             EndToEndFigures& figures) {
    const std::uint64_t cycles0 = sim->cycles();
    const auto t0 = Clock::now();
    std::vector<std::vector<std::uint8_t>> outputs;
    const auto take = [&] {
      auto r = board->next_result(std::chrono::milliseconds(5000));
      if (!r) throw std::runtime_error(what + ": no result from the simulated board");
      if (r->status != drv::PacketStatus::ok)
        throw std::runtime_error(what + ": packet status " + std::string(to_string(r->status)) +
                                 " " + r->message);
      outputs.push_back(std::move(r->bytes));
    };
    for (const auto& packet : packets) {
      while (board->packets_outstanding() >= board->capabilities().packet_credits) take();
      if (direction == drv::Direction::outbound)
        board->submit_outbound(sa, packet);
      else
        board->submit_inbound(drv::Encapsulation::ipv4_udp, packet);
    }
    while (outputs.size() < packets.size()) take();
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
  drv::SaParameters in;
  in.direction = drv::Direction::inbound;
  in.encapsulation = drv::Encapsulation::ipv4_udp;
  in.cipher = to_driver_cipher(suite.cipher);
  in.integrity = to_driver_integrity(suite.integrity);
  in.cipher_key = random_key(drv::cipher_key_bytes(in.cipher));
  if (in.integrity != drv::Integrity::none)
    in.integrity_key = random_key(drv::integrity_key_bytes(in.integrity));
  if (drv::is_gcm(in.cipher)) in.gcm_salt = random_key(4);
  in.tunnel_source = {203, 0, 113, 1};
  in.tunnel_destination = {198, 51, 100, 1};
  const drv::SaHandle in_handle = board.install_sa(in);
  drv::SaParameters out = std::move(in);
  out.direction = drv::Direction::outbound;
  out.spi = in_handle.spi;
  out.replay_window = 0;
  const drv::SaHandle out_handle = board.install_sa(std::move(out));

  std::vector<std::vector<std::uint8_t>> packets;
  for (std::size_t i = 0; i < count; ++i)
    packets.push_back(
        inner_packet(sizes.period[i % sizes.period.size()], static_cast<unsigned>(i)));
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
