// The two configurations of aes_core built into the testbench, and what the
// testbench expects of each (cycle counts are documented in docs/cores/aes.md).
#pragma once

#include <boost/mpl/list.hpp>
#include <cstdint>
#include <string>

#include "Vaes_core.h"
#include "Vaes_core_unrolled.h"

namespace ipsec_fpga::verif {

inline unsigned aes_rounds(std::size_t key_bytes) {
  return key_bytes == 16 ? 10 : key_bytes == 24 ? 12 : 14;
}

template <class Model>
struct AesModelTraits;

template <>
struct AesModelTraits<Vaes_core> {
  static constexpr const char* kName = "aes_core UNROLL=0";
  static constexpr const char* kWaveform = "aes_core_unroll0";
  // One round per clock plus the clock that reads the first round key.
  static std::uint64_t clocks_per_block(std::size_t key_bytes) { return aes_rounds(key_bytes) + 1; }
};

template <>
struct AesModelTraits<Vaes_core_unrolled> {
  static constexpr const char* kName = "aes_core UNROLL=1";
  static constexpr const char* kWaveform = "aes_core_unroll1";
  static std::uint64_t clocks_per_block(std::size_t) { return 1; }
};

// Both configurations: from the accepting edge to the delivering edge (with
// m_axis_tready high) and from the key_load edge to the first edge that can
// accept a block.
inline std::uint64_t aes_latency(std::size_t key_bytes) { return aes_rounds(key_bytes) + 1; }
inline std::uint64_t aes_key_setup_clocks(std::size_t key_bytes) {
  return 4 * (aes_rounds(key_bytes) + 1) + 3;
}

using AesModels = boost::mpl::list<Vaes_core, Vaes_core_unrolled>;

inline std::string aes_name(std::size_t key_bytes) {
  return "AES-" + std::to_string(key_bytes * 8);
}

}  // namespace ipsec_fpga::verif
