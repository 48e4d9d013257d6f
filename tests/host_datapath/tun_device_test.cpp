#define BOOST_TEST_MODULE host_datapath_tun_device
#include "host/datapath/tun_device.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

using namespace ipsec_fpga::host;

namespace {
std::string error_of(const std::string& name) {
  try {
    TunDevice tun(name);
  } catch (const TunError& e) {
    return e.what();
  }
  return {};
}
}  // namespace

BOOST_AUTO_TEST_CASE(name_too_long) {
  BOOST_TEST(error_of("a_name_of_16_chr") ==
             "TUN device 'a_name_of_16_chr': name must have 1..15 characters");
  BOOST_TEST(error_of("") == "TUN device '': name must have 1..15 characters");
}

// Without root the kernel refuses TUNSETIFF (or the open): the message names
// the device and the errno text. As root this case has nothing to show.
BOOST_AUTO_TEST_CASE(permission_denied_names_device_and_errno) {
  if (::geteuid() == 0 || !std::filesystem::exists("/dev/net/tun")) {
    BOOST_TEST_MESSAGE("running as root (or no /dev/net/tun): no permission error to see");
    return;
  }
  const std::string e = error_of("dptest0");
  BOOST_TEST(e.rfind("TUN device 'dptest0': ", 0) == 0u, e);
  BOOST_TEST((e.find("Operation not permitted") != std::string::npos ||
              e.find("Permission denied") != std::string::npos),
             e);
}
