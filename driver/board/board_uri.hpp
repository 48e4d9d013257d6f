// Board URIs: "<scheme>:<rest>", the scheme naming the transport.
//   sim:                     the Verilated board core (options: sim/sim_options.hpp)
//   sim:fst=/tmp/wave.fst    ... with an FST waveform
//   usb:0403:6010            an FTDI bridge by VID:PID (options: usb/usb_uri.hpp)
//   usb:serial=XYZ           ... by serial number
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "transport/transport.hpp"

namespace ipsec_fpga::driver {

struct BoardUri {
  std::string scheme;  // lower case: "sim", "usb"
  std::string rest;    // everything after the first ':', handed to the transport
};

// Throws UriError for a URI without a scheme or with an unknown one.
BoardUri parse_board_uri(std::string_view uri);

// Opens the transport a URI names. Throws UriError (bad URI, bad options,
// transport not in this build) or TransportError (device not there).
std::unique_ptr<Transport> open_transport(std::string_view uri);

}  // namespace ipsec_fpga::driver
