// The two cores that share the aes_core contract, built into one testbench so
// that every test case runs on both (BOOST_AUTO_TEST_CASE_TEMPLATE): the
// iterative aes_core (UNROLL = 0, from verif/models/) and aes_core_compact.
// The traits say what differs: supported key sizes and exact cycle counts.
#pragma once

#include <boost/mpl/list.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "Vaes_core.h"
#include "Vaes_core_compact.h"
#include "aes_core_compact_driver.hpp"

namespace ipsec_fpga::verif {

template <class Model>
struct AesContractTraits;

template <>
struct AesContractTraits<Vaes_core> {
  static constexpr const char* kName = "aes_core";
  static constexpr const char* kWaveform = "aes_core_contract";
  static std::vector<std::size_t> key_sizes() { return {16, 24, 32}; }
  static unsigned rounds(std::size_t key_bytes) {
    return key_bytes == 16 ? 10 : key_bytes == 24 ? 12 : 14;
  }
  static std::uint64_t latency(std::size_t key_bytes) { return rounds(key_bytes) + 1; }
  static std::uint64_t clocks_per_block(std::size_t key_bytes) { return rounds(key_bytes) + 1; }
  static std::uint64_t key_setup(std::size_t key_bytes) { return 4 * (rounds(key_bytes) + 1) + 3; }
  static std::uint64_t key_reload_after_accept(std::size_t old_key_bytes,
                                               std::size_t new_key_bytes) {
    return rounds(old_key_bytes) - 1 + key_setup(new_key_bytes);
  }
  // A block offered from idle with the other direction than the previous
  // block waits one clock (its first round key is prefetched).
  static std::uint64_t direction_change_wait() { return 1; }
  // A block held in its last round by a full output register: its result is
  // in the output register right after the edge that takes the previous one.
  static std::uint64_t result_after_take() { return 0; }
};

template <>
struct AesContractTraits<Vaes_core_compact> : AesCompactCycles {
  static constexpr const char* kName = "aes_core_compact";
  static constexpr const char* kWaveform = "aes_core_compact";
  static std::vector<std::size_t> key_sizes() { return {16, 32}; }
  static std::uint64_t direction_change_wait() { return 0; }
};

using AesContractModels = boost::mpl::list<Vaes_core, Vaes_core_compact>;

inline std::string aes_bits_name(std::size_t key_bytes) {
  return "AES-" + std::to_string(key_bytes * 8);
}

}  // namespace ipsec_fpga::verif
