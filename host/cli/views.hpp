// Text forms of the running gateway's status and SA table (`ipsec-fpga
// status`, `ipsec-fpga sa`); the --json forms are the control protocol's.
#pragma once

#include <string>
#include <vector>

#include "host/control/gateway_status.hpp"

namespace ipsec_fpga::host {

std::string format_status(const GatewayStatus& status);
std::string format_sa_table(const std::vector<SaRow>& rows);

// "1:02:03", "3d 4:05:06"; "-" for a negative value (none).
std::string format_duration(std::int64_t seconds);

}  // namespace ipsec_fpga::host
