#include "bench_traffic.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <span>
#include <stdexcept>

namespace ipsec_fpga::driver {

std::vector<std::uint8_t> bench_inner_packet(std::size_t size, unsigned serial) {
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

SecretBytes random_secret(std::size_t bytes) {
  std::vector<std::uint8_t> key(bytes);
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  SecretBytes secret{std::span<const std::uint8_t>(key)};
  OPENSSL_cleanse(key.data(), key.size());
  return secret;
}

std::pair<SaHandle, SaHandle> install_bench_sa_pair(Board& board, Cipher cipher,
                                                    Integrity integrity) {
  SaParameters in;
  in.direction = Direction::inbound;
  in.encapsulation = Encapsulation::ipv4_udp;
  in.cipher = cipher;
  in.integrity = integrity;
  in.cipher_key = random_secret(cipher_key_bytes(cipher));
  if (integrity != Integrity::none)
    in.integrity_key = random_secret(integrity_key_bytes(integrity));
  if (is_gcm(cipher)) in.gcm_salt = random_secret(4);
  in.tunnel_source = {203, 0, 113, 1};
  in.tunnel_destination = {198, 51, 100, 1};
  const SaHandle in_handle = board.install_sa(in);
  SaParameters out = std::move(in);
  out.direction = Direction::outbound;
  out.spi = in_handle.spi;
  out.replay_window = 0;
  return {board.install_sa(std::move(out)), in_handle};
}

std::vector<std::vector<std::uint8_t>> run_pipelined(
    Board& board, Direction direction, const SaHandle& sa,
    const std::vector<std::vector<std::uint8_t>>& packets, const std::string& what,
    std::chrono::milliseconds timeout) {
  std::vector<std::vector<std::uint8_t>> outputs;
  outputs.reserve(packets.size());
  const auto take = [&] {
    auto r = board.next_result(timeout);
    if (!r) throw std::runtime_error(what + ": no result from the board");
    if (r->status != PacketStatus::ok)
      throw std::runtime_error(what + ": packet status " + std::string(to_string(r->status)) + " " +
                               r->message);
    outputs.push_back(std::move(r->bytes));
  };
  for (const auto& packet : packets) {
    while (board.packets_outstanding() >= board.capabilities().packet_credits) take();
    if (direction == Direction::outbound)
      board.submit_outbound(sa, packet);
    else
      board.submit_inbound(Encapsulation::ipv4_udp, packet);
  }
  while (outputs.size() < packets.size()) take();
  return outputs;
}

}  // namespace ipsec_fpga::driver
