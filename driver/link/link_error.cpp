#include "link/link_error.hpp"

namespace ipsec_fpga::host_link {

std::string_view to_string(LinkErrorKind kind) {
  switch (kind) {
    case LinkErrorKind::crc:
      return "CRC mismatch";
    case LinkErrorKind::cobs:
      return "COBS error";
    case LinkErrorKind::length:
      return "length mismatch";
    case LinkErrorKind::oversize:
      return "oversize frame";
    case LinkErrorKind::unknown_type:
      return "unknown frame type";
  }
  return "unknown link error";
}

}  // namespace ipsec_fpga::host_link
