// The byte buffers the link moves around.
#pragma once

#include <cstdint>
#include <vector>

namespace ipsec_fpga::host_link {

using Bytes = std::vector<std::uint8_t>;

}  // namespace ipsec_fpga::host_link
