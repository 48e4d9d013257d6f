// The main of the end-to-end tests: exit 77 (CTest SKIP_RETURN_CODE) when
// the lab cannot run here (not root, no charon, ...), else Boost.Test.
#pragma once

#include <boost/test/unit_test.hpp>
#include <iostream>
#include <string>

#include "host/lab/esp_capture.hpp"
#include "host/lab/netns.hpp"
#include "host/lab/strongswan_peer.hpp"

int main(int argc, char* argv[]) {
  std::string reason = ipsec_fpga::host::lab::lab_unavailable_reason();
  if (reason.empty()) reason = ipsec_fpga::host::lab::StrongswanPeer::unavailable_reason();
  if (reason.empty()) reason = ipsec_fpga::host::lab::capture_unavailable_reason();
  if (reason.empty()) reason = e2e_extra_unavailable_reason();
  if (!reason.empty()) {
    std::cout << "SKIPPED: " << reason << "\n";
    return 77;
  }
  return boost::unit_test::unit_test_main(&init_unit_test, argc, argv);
}
