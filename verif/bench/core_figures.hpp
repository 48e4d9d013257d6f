// What the benchmark measures for one core configuration.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ipsec_fpga::bench {

struct CoreFigures {
  std::string core;        // e.g. "AES-128"
  std::string operation;   // e.g. "encrypt"
  std::string synth_name;  // the ipsec_fpga_synth() name whose Fmax applies; empty: none
  unsigned block_bytes = 0;
  std::uint64_t blocks = 0;
  std::uint64_t cycles = 0;                // simulated cycles for `blocks` back-to-back blocks
  double simulated_cycles_per_second = 0;  // Verilator's own speed on this machine
  bool self_test_passed = false;           // a known-answer vector computed right first

  double cycles_per_block() const { return blocks ? double(cycles) / double(blocks) : 0; }
  double bytes_per_cycle() const {
    return cycles ? double(blocks * block_bytes) / double(cycles) : 0;
  }
};

// One function per core family, each in its own file (bench_<core>.cpp).
std::vector<CoreFigures> bench_aes();
std::vector<CoreFigures> bench_tdes();
std::vector<CoreFigures> bench_sha();
std::vector<CoreFigures> bench_md5();

}  // namespace ipsec_fpga::bench
