// The frame check: CRC-32 of IEEE 802.3 (the one zlib's crc32 computes).
#pragma once

#include <cstdint>
#include <span>

namespace ipsec_fpga::host_link {

std::uint32_t crc32(std::span<const std::uint8_t> data);

}  // namespace ipsec_fpga::host_link
