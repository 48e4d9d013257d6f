// FIPS 180-4 message padding (5.1.1) and the byte/word conversions between
// messages, 16-word blocks and chaining states. The cores only compress, so
// the caller (here the testbench, later the ESP engine) pads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bytes.hpp"

namespace ipsec_fpga::verif::sha {

using Block = std::array<std::uint32_t, 16>;

inline Bytes ascii(std::string_view text) { return Bytes(text.begin(), text.end()); }

inline Block block_from_bytes(const std::uint8_t* bytes) {
  Block block{};
  for (std::size_t i = 0; i < block.size(); ++i)
    block[i] = static_cast<std::uint32_t>(load_be_u64(bytes + 4 * i, 4));
  return block;
}

inline Bytes bytes_from_block(const Block& block) {
  Bytes bytes;
  for (std::uint32_t word : block) {
    const Bytes word_bytes = store_be_u64(word, 4);
    bytes.insert(bytes.end(), word_bytes.begin(), word_bytes.end());
  }
  return bytes;
}

// Pads `message` into blocks. `prefix_bytes` counts bytes already hashed
// before it (64 for the HMAC inner/outer hash after the key block), so the
// length field covers the whole hashed input.
inline std::vector<Block> pad_message(const Bytes& message, std::uint64_t prefix_bytes = 0) {
  Bytes padded = message;
  padded.push_back(0x80);
  while (padded.size() % 64 != 56) padded.push_back(0x00);
  const Bytes length = store_be_u64((prefix_bytes + message.size()) * 8, 8);
  padded.insert(padded.end(), length.begin(), length.end());
  std::vector<Block> blocks;
  for (std::size_t offset = 0; offset < padded.size(); offset += 64)
    blocks.push_back(block_from_bytes(padded.data() + offset));
  return blocks;
}

template <std::size_t Words>
Bytes bytes_from_state(const std::array<std::uint32_t, Words>& state) {
  Bytes bytes;
  for (std::uint32_t word : state) {
    const Bytes word_bytes = store_be_u64(word, 4);
    bytes.insert(bytes.end(), word_bytes.begin(), word_bytes.end());
  }
  return bytes;
}

template <std::size_t Words>
std::string state_hex(const std::array<std::uint32_t, Words>& state) {
  return to_hex(bytes_from_state(state));
}

}  // namespace ipsec_fpga::verif::sha
