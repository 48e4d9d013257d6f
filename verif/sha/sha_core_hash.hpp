// Whole messages and HMAC on a SHA core, the way the ESP engine will use it:
// the HMAC inner and outer states (key XOR ipad / opad, one block each) are
// computed once with the core, read out, and loaded back for every message.
#pragma once

#include <cstdint>

#include "bytes.hpp"
#include "handshake_jitter.hpp"
#include "sha_message.hpp"

namespace ipsec_fpga::verif::sha {

// Digest of `message` from the FIPS IV (the full chaining value).
template <class Driver>
Bytes hash_with_core(Driver& core, const Bytes& message, HandshakeJitter* jitter = nullptr) {
  core.init();
  for (const Block& block : pad_message(message)) core.process_block(block, jitter);
  return bytes_from_state(core.state());
}

template <class Driver>
struct HmacStates {
  typename Driver::State inner;  // compression of (key XOR ipad) from the IV
  typename Driver::State outer;  // compression of (key XOR opad) from the IV
};

// RFC 2104: keys longer than a block are hashed first (with the core, too).
template <class Driver>
HmacStates<Driver> hmac_precompute(Driver& core, Bytes key) {
  if (key.size() > 64) key = hash_with_core(core, key);
  key.resize(64, 0x00);
  auto state_after_pad = [&](std::uint8_t pad) {
    Bytes block = key;
    for (std::uint8_t& byte : block) byte ^= pad;
    core.init();
    core.process_block(block_from_bytes(block.data()));
    return core.state();
  };
  const auto inner = state_after_pad(0x36);
  const auto outer = state_after_pad(0x5c);
  return {inner, outer};
}

// HMAC of `message` from precomputed states: load inner, hash, load outer,
// hash the inner digest. The 64-byte key block counts in both lengths.
template <class Driver>
Bytes hmac_with_states(Driver& core, const HmacStates<Driver>& states, const Bytes& message,
                       HandshakeJitter* jitter = nullptr) {
  core.load_state(states.inner);
  for (const Block& block : pad_message(message, 64)) core.process_block(block, jitter);
  const Bytes inner_digest = bytes_from_state(core.state());
  core.load_state(states.outer);
  for (const Block& block : pad_message(inner_digest, 64)) core.process_block(block, jitter);
  return bytes_from_state(core.state());
}

}  // namespace ipsec_fpga::verif::sha
