// Byte strings, hex text and the mapping between bytes and Verilated ports.
#pragma once

#include <verilated.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace ipsec_fpga::verif {

using Bytes = std::vector<std::uint8_t>;

// Parses hex text; spaces are ignored. Throws std::invalid_argument on a bad
// digit or an odd number of digits.
Bytes from_hex(std::string_view hex);
std::string to_hex(const Bytes& bytes);
Bytes random_bytes(std::mt19937_64& rng, std::size_t count);

// Big-endian load/store between bytes and a Verilator port: byte 0 of the
// string is the most significant byte of the port, as in FIPS-197's figures.
template <std::size_t Words>
void store_be(VlWide<Words>& port, const std::uint8_t* bytes, std::size_t count) {
  for (std::size_t w = 0; w < Words; ++w) port[w] = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t bit = (count - 1 - i) * 8;
    port[bit / 32] |= static_cast<std::uint32_t>(bytes[i]) << (bit % 32);
  }
}

template <std::size_t Words>
Bytes load_be(const VlWide<Words>& port, std::size_t count) {
  Bytes bytes(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t bit = (count - 1 - i) * 8;
    bytes[i] = static_cast<std::uint8_t>(port[bit / 32] >> (bit % 32));
  }
  return bytes;
}

inline std::uint64_t load_be_u64(const std::uint8_t* bytes, std::size_t count) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < count; ++i) value = (value << 8) | bytes[i];
  return value;
}

inline Bytes store_be_u64(std::uint64_t value, std::size_t count) {
  Bytes bytes(count);
  for (std::size_t i = 0; i < count; ++i)
    bytes[count - 1 - i] = static_cast<std::uint8_t>(value >> (8 * i));
  return bytes;
}

}  // namespace ipsec_fpga::verif
