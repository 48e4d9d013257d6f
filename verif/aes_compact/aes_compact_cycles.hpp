// aes_core_compact's exact cycle counts (docs/cores/aes-compact.md), for the
// shared aes_core test cases (verif/aes/aes_models.hpp) and the benchmarks.
// The compact core has exactly aes_core's ports and handshake: drive it with
// aes_core's driver, AesCoreDriver<Vaes_core_compact>
// (verif/aes/aes_core_driver.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace ipsec_fpga::verif {

// aes_core_compact supports AES-128 and AES-256 (16- and 32-byte keys).
struct AesCompactCycles {
  static unsigned rounds(std::size_t key_bytes) { return key_bytes == 16 ? 10 : 14; }
  // Round 0 takes 4 clocks, rounds 1..Nr 5 clocks each; the result is taken
  // on the edge after the last round: accept edge to delivery edge.
  static std::uint64_t latency(std::size_t key_bytes) { return 5 * rounds(key_bytes) + 5; }
  // The next block is accepted on the edge that delivers the previous one.
  static std::uint64_t clocks_per_block(std::size_t key_bytes) { return latency(key_bytes); }
  // key_load edge to the first edge that can accept a block, from idle:
  // one clock to start, 4 (Nr + 1) words, one wait clock before each of the
  // 10 (AES-128) / 13 (AES-256) words that need SubWord, one to settle.
  static std::uint64_t key_setup(std::size_t key_bytes) {
    return 4 * (rounds(key_bytes) + 1) + (key_bytes == 16 ? 10 : 13) + 2;
  }
  // A block whose last round would start while the previous result still
  // waits repeats that round's clock 0; once the result is taken it needs the
  // round's 4 remaining clocks: its result is valid this many edges after
  // the edge that took the previous one.
  static std::uint64_t result_after_take() { return 4; }
  // A key_load on the edge after an accept (the block still in round 0):
  // the schedule starts once that block has left its last round, so the first
  // accept under the new key comes this many edges after the key_load edge.
  static std::uint64_t key_reload_after_accept(std::size_t old_key_bytes,
                                               std::size_t new_key_bytes) {
    return 5 * rounds(old_key_bytes) + 3 + key_setup(new_key_bytes);
  }
};

}  // namespace ipsec_fpga::verif
