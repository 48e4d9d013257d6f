#include "link/crc32.hpp"

#include <boost/crc.hpp>

namespace ipsec_fpga::host_link {

std::uint32_t crc32(std::span<const std::uint8_t> data) {
  boost::crc_32_type crc;
  crc.process_bytes(data.data(), data.size());
  return crc.checksum();
}

}  // namespace ipsec_fpga::host_link
