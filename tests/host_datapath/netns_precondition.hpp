// The Boost.Test precondition every network-namespace test case uses: when
// namespaces cannot be made here (not root, no `ip`, no TUN), the case is
// skipped and "SKIPPED: <suite>: <why>" is printed for CTest.
#pragma once

#include <boost/test/unit_test.hpp>
#include <iostream>
#include <string>

#include "netns_fixture.hpp"

namespace ipsec_fpga::host::test {

inline auto netns_available_for(std::string suite) {
  return [suite](boost::unit_test::test_unit_id) {
    const std::string why = netns_unavailable_reason();
    if (why.empty()) return boost::test_tools::assertion_result(true);
    std::cout << "SKIPPED: " << suite << ": " << why << std::endl;
    boost::test_tools::assertion_result r(false);
    r.message() << why;
    return r;
  };
}

}  // namespace ipsec_fpga::host::test
