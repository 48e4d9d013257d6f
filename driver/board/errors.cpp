#include "board/errors.hpp"

namespace ipsec_fpga::driver {

ProtocolVersionError::ProtocolVersionError(std::uint32_t board, std::uint32_t driver)
    : DriverError("board speaks host link protocol version " + std::to_string(board) +
                  ", this driver speaks version " + std::to_string(driver)),
      board_version(board),
      driver_version(driver) {}

}  // namespace ipsec_fpga::driver
