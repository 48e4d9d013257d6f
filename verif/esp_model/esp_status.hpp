// The outcome of one packet through the ESP reference, in either direction.
// The same list as the RTL engine's status codes (issue 3), so the two can be
// compared packet by packet.
#pragma once

#include <string_view>

namespace ipsec_fpga::verif::esp {

enum class EspStatus {
  ok,
  no_sa,           // no SA with this SPI ("!! Cannot find Phase 2 SA")
  replay,          // already received, or left of the window ("!! Discard REPLAY packet")
  auth_failed,     // ICV mismatch ("!! Inbound packet authentication failed")
  decrypt_failed,  // bad padding or pad length ("!! Inbound packet decryption failed")
  malformed,       // too short, misaligned, wrong outer header, unusable inner header
  sa_expired,      // hard lifetime reached or sequence number exhausted
  sa_disabled,     // the SA is switched off
};

std::string_view to_string(EspStatus status);

}  // namespace ipsec_fpga::verif::esp
