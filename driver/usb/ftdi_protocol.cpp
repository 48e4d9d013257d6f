#include "usb/ftdi_protocol.hpp"

namespace ipsec_fpga::driver::usb::ftdi {

std::optional<Chip> identify_chip(std::uint16_t pid, std::uint16_t bcd_device) {
  switch (bcd_device) {
    case 0x0500:
      return Chip{"FT2232C/D", 2, false, false};
    case 0x0700:
      return Chip{"FT2232H", 2, true, true};
    case 0x0800:
      return Chip{"FT4232H", 4, true, false};
    case 0x0900:
      return Chip{"FT232H", 1, true, true};
    default:
      break;
  }
  switch (pid) {
    case 0x6010:
      return Chip{"FT2232H", 2, true, true};
    case 0x6011:
      return Chip{"FT4232H", 4, true, false};
    case 0x6014:
      return Chip{"FT232H", 1, true, true};
    default:
      return std::nullopt;
  }
}

}  // namespace ipsec_fpga::driver::usb::ftdi
