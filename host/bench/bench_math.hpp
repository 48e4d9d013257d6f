// The arithmetic of `ipsec-fpga bench`: packet size patterns (fixed sizes and
// IMIX), bytes per clock, Mbit/s at a clock, the boards' clocks and the USB
// link limits. Pure functions, unit-tested (tests/host_bench/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ipsec_fpga::host::bench {

// ---------------- packet sizes ----------------
// Sizes are inner IPv4 packet lengths in bytes (header included): what ESP
// protects in tunnel mode, and what the Mbit/s figures count.
inline constexpr std::size_t min_packet_bytes = 40;
inline constexpr std::size_t max_packet_bytes = 1500;

// "Simple IMIX": 7 : 4 : 1 packets of 40 : 576 : 1500 bytes (IP packet
// lengths, no Ethernet framing), the classic mix of the 1990s backbone
// measurements that test equipment still ships as "Simple IMIX".
struct ImixShare {
  std::size_t bytes;
  unsigned weight;
};
const std::vector<ImixShare>& imix_shares();
// The 12 packets of one IMIX period, interleaved as a stream would carry
// them (small ones between the large), the same order ipsec-fpga-esp-bench uses.
const std::vector<std::size_t>& imix_period();
double imix_mean_bytes();  // 4084 / 12 = 340.33

// One column of the sweep: a fixed size or the IMIX mix.
struct SizePattern {
  std::string label;                // "64", ..., "IMIX 7:4:1"
  std::vector<std::size_t> period;  // sizes repeated in this order
  bool imix = false;
  double mean_bytes() const;
};

const std::vector<std::string>& default_size_names();  // 64,...,1500,imix
// "64" -> that size (40..1500), "imix" -> the mix. Throws std::invalid_argument
// naming the bad item.
SizePattern parse_size(const std::string& name);

// ---------------- rates ----------------
// Bytes per clock cycle of `bytes` processed in `cycles`.
double bytes_per_clock(double bytes, double cycles);
// Mbit/s (10^6 bit/s) of a bytes-per-clock figure at `clock_hz`.
double mbit_per_second(double bytes_per_clock, double clock_hz);
// Packets per second at `clock_hz` when each packet takes `cycles_per_packet`.
double packets_per_second(double cycles_per_packet, double clock_hz);
// Mbit/s of `packets_per_second` packets of `mean_bytes` each.
double packets_to_mbit(double packets_per_second, double mean_bytes);

// ---------------- boards ----------------
// A board's clock: a measured Fmax once the board's engine build is placed
// (docs/figures/boards.md), a target until then (measured = false).
struct BoardClock {
  std::string name;   // short, for table headers: "iCEBreaker"
  std::string part;   // "iCE40UP5K-SG48"
  double clock_hz;    // target clock
  bool measured;      // false: a target, not a measured Fmax
  std::string basis;  // where the figure comes from
  // Which suites the board's configuration carries (issue 7): names of the
  // ciphers and integrities; empty means every suite.
  std::vector<std::string> ciphers;
  std::vector<std::string> integrities;
  bool carries(const std::string& cipher, const std::string& integrity) const;
};
const std::vector<BoardClock>& board_clocks();

}  // namespace ipsec_fpga::host::bench
