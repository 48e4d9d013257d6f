// Traffic for the benchmarks that drive a Board (ipsec-fpga-link-bench and
// `ipsec-fpga bench`'s end-to-end rows): test packets, an SA pair with
// random keys, and the pipelined submit/collect loop.
// Library target: ipsec_fpga_bench_traffic.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "board/board.hpp"

namespace ipsec_fpga::driver {

// An IPv4/UDP packet of `size` bytes (header checksum set), 192.0.2.10 ->
// 192.0.2.20, its payload bytes counting from `serial`.
std::vector<std::uint8_t> bench_inner_packet(std::size_t size, unsigned serial);

// `bytes` random bytes (RAND_bytes) as a secret; the plain copy is cleansed.
SecretBytes random_secret(std::size_t bytes);

// An outbound/inbound pair (tunnel 203.0.113.1 -> 198.51.100.1, UDP
// encapsulation, random keys); the inbound SPI comes from the board, the
// outbound SA uses it. Returns {outbound, inbound}.
std::pair<SaHandle, SaHandle> install_bench_sa_pair(Board& board, Cipher cipher,
                                                    Integrity integrity);

// Submits the packets pipelined (as many in flight as the board's credits
// allow) in `direction` (inbound ones as ipv4_udp) and collects every result
// in order. Throws std::runtime_error naming `what` when a result is not ok
// or none comes within `timeout`.
std::vector<std::vector<std::uint8_t>> run_pipelined(
    Board& board, Direction direction, const SaHandle& sa,
    const std::vector<std::vector<std::uint8_t>>& packets, const std::string& what,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

}  // namespace ipsec_fpga::driver
