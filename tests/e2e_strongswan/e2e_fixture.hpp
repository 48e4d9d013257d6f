// Shared pieces of the strongSwan end-to-end tests: the lab with its work
// folder kept (and named) when a test fails, timing of the steps, and the
// tshark check of a tunnel's capture.
#pragma once

#include <boost/test/results_collector.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "host/lab/esp_capture.hpp"
#include "host/lab/strongswan_peer.hpp"
#include "host/lab/traffic.hpp"
#include "host/lab/tunnel_lab.hpp"

namespace e2e {

namespace lab = ipsec_fpga::host::lab;
using Clock = std::chrono::steady_clock;

inline bool current_test_passed() {
  using namespace boost::unit_test;
  return results_collector.results(framework::current_test_case().p_id).passed();
}

// Prints "[  12.3 s] what" to stdout (the CTest log).
class Steps {
 public:
  void operator()(const std::string& what) const {
    const double s = std::chrono::duration<double>(Clock::now() - start_).count();
    char buf[32];
    std::snprintf(buf, sizeof buf, "[%6.1f s] ", s);
    std::cout << buf << what << std::endl;
  }
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  Clock::time_point start_ = Clock::now();
};

// The lab of one test case; E2E_KEEP=1 keeps every work folder, a failure keeps its own.
struct LabFixture {
  lab::TunnelLab lab{"e2e"};
  Steps step;
  LabFixture() {
    if (const char* k = std::getenv("E2E_KEEP"); k != nullptr && std::string(k) == "1") lab.keep();
    step("lab: namespaces " + lab.gateway().name() + ", " + lab.peer().name() + "; files in " +
         lab.dir().string());
  }
  ~LabFixture() {
    if (!current_test_passed()) lab.keep();
    step(std::string("done") + (lab.kept() ? "; files kept in " + lab.dir().string() : ""));
  }
};

}  // namespace e2e
