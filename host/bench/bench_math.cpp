#include "host/bench/bench_math.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace ipsec_fpga::host::bench {

const std::vector<ImixShare>& imix_shares() {
  static const std::vector<ImixShare> shares = {{40, 7}, {576, 4}, {1500, 1}};
  return shares;
}

const std::vector<std::size_t>& imix_period() {
  static const std::vector<std::size_t> period = {40,   576, 40,  40, 576, 40,
                                                  1500, 40,  576, 40, 40,  576};
  return period;
}

double imix_mean_bytes() {
  double bytes = 0, packets = 0;
  for (const ImixShare& s : imix_shares()) {
    bytes += static_cast<double>(s.bytes * s.weight);
    packets += s.weight;
  }
  return bytes / packets;
}

double SizePattern::mean_bytes() const {
  if (period.empty()) return 0;
  return static_cast<double>(std::accumulate(period.begin(), period.end(), std::size_t{0})) /
         static_cast<double>(period.size());
}

const std::vector<std::string>& default_size_names() {
  static const std::vector<std::string> names = {"64",   "128",  "256",  "512",
                                                 "1024", "1280", "1500", "imix"};
  return names;
}

SizePattern parse_size(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "imix") return {"IMIX 7:4:1", imix_period(), true};
  std::size_t used = 0;
  unsigned long value = 0;
  try {
    value = std::stoul(name, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != name.size() || name.front() == '-' || name.front() == '+')
    throw std::invalid_argument("packet size '" + name + "' is neither a number of bytes nor imix");
  if (value < min_packet_bytes || value > max_packet_bytes)
    throw std::invalid_argument("packet size " + name + " is outside " +
                                std::to_string(min_packet_bytes) + ".." +
                                std::to_string(max_packet_bytes) + " bytes");
  return {std::to_string(value), {static_cast<std::size_t>(value)}, false};
}

double bytes_per_clock(double bytes, double cycles) {
  if (!(cycles > 0)) throw std::invalid_argument("bytes_per_clock: cycles must be positive");
  return bytes / cycles;
}

double mbit_per_second(double bytes_per_clock, double clock_hz) {
  return bytes_per_clock * 8.0 * clock_hz / 1e6;
}

double packets_per_second(double cycles_per_packet, double clock_hz) {
  if (!(cycles_per_packet > 0))
    throw std::invalid_argument("packets_per_second: cycles per packet must be positive");
  return clock_hz / cycles_per_packet;
}

double packets_to_mbit(double packets_per_second, double mean_bytes) {
  return packets_per_second * mean_bytes * 8.0 / 1e6;
}

bool BoardClock::carries(const std::string& cipher, const std::string& integrity) const {
  const auto has = [](const std::vector<std::string>& list, const std::string& item) {
    return list.empty() || std::find(list.begin(), list.end(), item) != list.end();
  };
  return has(ciphers, cipher) && has(integrities, integrity);
}

const std::vector<BoardClock>& board_clocks() {
  // None is a measured Fmax yet: no engine configuration has been placed
  // (docs/figures/boards.md: the iCE40 engine builds do not fit, the ECP5 and
  // Xilinx ones are synthesized but not placed here). When one is, its
  // nextpnr Fmax goes here with measured = true.
  static const std::vector<BoardClock> boards = {
      {"iCEBreaker",
       "iCE40UP5K-SG48",
       20e6,
       false,
       "a target: issue 7's >= 20 MHz for the engine build, which does not fit yet "
       "(docs/figures/boards.md); icebreaker_top runs at the board's 12 MHz oscillator",
       {"null", "aes128-cbc", "aes256-cbc"},
       {"hmac-sha1-96"}},
      {"HX8K",
       "iCE40HX8K-CT256",
       40e6,
       false,
       "a target: the hmac_engine synthesis check's HX8K clock (verif/hmac, FREQ_HX8K 40); the "
       "engine build does not fit yet and hx8k_breakout_top runs at the 12 MHz oscillator",
       {"null", "des-cbc", "3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc"},
       {"hmac-sha1-96", "hmac-sha256-128"}},
      {"ULX3S",
       "LFE5U-85F",
       50e6,
       false,
       "a target: twice the board's 25 MHz oscillator by PLL; ulx3s_top (boards/ulx3s) runs at "
       "25 MHz directly until it has one, and is not placed here (no nextpnr-ecp5 in Debian 12)",
       {},
       {}},
      {"Arty A7",
       "XC7A100T-1",
       100e6,
       false,
       "a target: arty_a7_top runs at the board's 100 MHz oscillator (boards/arty-a7; not "
       "implemented here, no Vivado)",
       {},
       {}},
  };
  return boards;
}

}  // namespace ipsec_fpga::host::bench
