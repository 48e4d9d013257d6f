// The cores of the aes_core contract and what the shared test cases
// (tb_aes_core_*.cpp) expect of each: supported key sizes and exact cycle
// counts (docs/cores/aes.md, docs/cores/aes-compact.md). The same test
// cases are compiled into two testbenches, each with its own list of
// models (AesModels):
//   tb_aes_core (verif/aes/):                 Vaes_core (UNROLL = 0), Vaes_core_unrolled
//   tb_aes_core_compact (verif/aes_compact/): Vaes_core_compact
//                                             (IPSEC_FPGA_AES_COMPACT_TESTBENCH)
#pragma once

#include <boost/mpl/list.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#ifdef IPSEC_FPGA_AES_COMPACT_TESTBENCH
#include "Vaes_core_compact.h"
#include "aes_compact_cycles.hpp"
#else
#include "Vaes_core.h"
#include "Vaes_core_unrolled.h"
#endif

namespace ipsec_fpga::verif {

inline unsigned aes_rounds(std::size_t key_bytes) {
  return key_bytes == 16 ? 10 : key_bytes == 24 ? 12 : 14;
}

inline std::string aes_name(std::size_t key_bytes) {
  return "AES-" + std::to_string(key_bytes * 8);
}

template <class Model>
struct AesModelTraits;

template <class Model>
bool aes_supports(std::size_t key_bytes) {
  for (std::size_t size : AesModelTraits<Model>::key_sizes())
    if (size == key_bytes) return true;
  return false;
}

#ifdef IPSEC_FPGA_AES_COMPACT_TESTBENCH

template <>
struct AesModelTraits<Vaes_core_compact> : AesCompactCycles {
  static constexpr const char* kName = "aes_core_compact";
  static constexpr const char* kWaveform = "aes_core_compact";
  static std::vector<std::size_t> key_sizes() { return {16, 32}; }
  static std::uint64_t direction_change_wait() { return 0; }
  static constexpr bool kTakesInputWhileResultWaits = true;
};

using AesModels = boost::mpl::list<Vaes_core_compact>;

#else

// aes_core in either configuration: from the accepting edge to the
// delivering edge (with m_axis_tready high) and from the key_load edge to the
// first edge that can accept a block.
struct AesCoreCycles {
  static std::vector<std::size_t> key_sizes() { return {16, 24, 32}; }
  static unsigned rounds(std::size_t key_bytes) { return aes_rounds(key_bytes); }
  static std::uint64_t latency(std::size_t key_bytes) { return rounds(key_bytes) + 1; }
  static std::uint64_t key_setup(std::size_t key_bytes) { return 4 * (rounds(key_bytes) + 1) + 3; }
  // A key_load one edge after an accept: the expansion starts once that block
  // has left the rounds (rounds(old) - 1 clocks later than from idle).
  static std::uint64_t key_reload_after_accept(std::size_t old_key_bytes,
                                               std::size_t new_key_bytes) {
    return rounds(old_key_bytes) - 1 + key_setup(new_key_bytes);
  }
  // A block held in its last round by a full output register: its result is
  // in the output register right after the edge that takes the previous one.
  static std::uint64_t result_after_take() { return 0; }
};

template <>
struct AesModelTraits<Vaes_core> : AesCoreCycles {
  static constexpr const char* kName = "aes_core UNROLL=0";
  static constexpr const char* kWaveform = "aes_core_unroll0";
  // One round per clock plus the clock that reads the first round key.
  static std::uint64_t clocks_per_block(std::size_t key_bytes) { return rounds(key_bytes) + 1; }
  // A block offered from idle with the other direction than the previous
  // block waits one clock (its first round key is prefetched).
  static std::uint64_t direction_change_wait() { return 1; }
  // s_axis_tready depends neither on m_axis_tready nor on a full output
  // register: the next block is taken while a result waits (what
  // cbc_cipher's chaining relies on).
  static constexpr bool kTakesInputWhileResultWaits = true;
};

template <>
struct AesModelTraits<Vaes_core_unrolled> : AesCoreCycles {
  static constexpr const char* kName = "aes_core UNROLL=1";
  static constexpr const char* kWaveform = "aes_core_unroll1";
  static std::uint64_t clocks_per_block(std::size_t) { return 1; }
  static std::uint64_t direction_change_wait() { return 0; }
  // The whole pipeline stops while a result waits: s_axis_tready follows
  // m_axis_tready.
  static constexpr bool kTakesInputWhileResultWaits = false;
};

using AesModels = boost::mpl::list<Vaes_core, Vaes_core_unrolled>;

#endif

template <class Model>
std::string aes_waveform(const char* suffix) {
  return std::string(AesModelTraits<Model>::kWaveform) + "_" + suffix;
}

}  // namespace ipsec_fpga::verif
