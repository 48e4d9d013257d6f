#include "link/cobs.hpp"

namespace ipsec_fpga::host_link {

Bytes cobs_encode(std::span<const std::uint8_t> data) {
  Bytes out;
  out.reserve(cobs_max_encoded_size(data.size()));
  std::size_t code_at = out.size();
  out.push_back(0);  // placeholder for the block's code byte
  std::uint8_t code = 1;
  for (std::uint8_t byte : data) {
    if (byte != 0) {
      out.push_back(byte);
      ++code;
    }
    // A zero ends the block; so does a full block of 254 non-zero bytes,
    // whose code 0xFF means "no zero follows".
    if (byte == 0 || code == 0xFF) {
      out[code_at] = code;
      code_at = out.size();
      out.push_back(0);
      code = 1;
    }
  }
  out[code_at] = code;
  return out;
}

CobsResult cobs_decode(std::span<const std::uint8_t> encoded) {
  Bytes out;
  out.reserve(encoded.size());
  std::size_t at = 0;
  while (at < encoded.size()) {
    const std::uint8_t code = encoded[at];
    if (code == 0) return {std::nullopt, "COBS: 0x00 code byte at offset " + std::to_string(at)};
    const std::size_t end = at + code;
    if (end > encoded.size())
      return {std::nullopt, "COBS: code byte " + std::to_string(code) + " at offset " +
                                std::to_string(at) + " points past the end of the " +
                                std::to_string(encoded.size()) + "-byte frame"};
    for (std::size_t i = at + 1; i < end; ++i) {
      if (encoded[i] == 0)
        return {std::nullopt, "COBS: 0x00 data byte at offset " + std::to_string(i)};
      out.push_back(encoded[i]);
    }
    at = end;
    // The implied zero after a short block, except after the last block.
    if (code != 0xFF && at < encoded.size()) out.push_back(0);
  }
  return {std::move(out), {}};
}

}  // namespace ipsec_fpga::host_link
