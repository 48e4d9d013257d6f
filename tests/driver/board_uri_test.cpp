// Board URIs and the sim: options.
#define BOOST_TEST_MODULE driver_board_uri
#include "board/board_uri.hpp"

#include <boost/test/unit_test.hpp>

#include "board/board.hpp"
#include "sim/open_sim_transport.hpp"
#include "sim/sim_options.hpp"

using namespace ipsec_fpga::driver;

namespace {
// Runs `f`, expects E, checks its message contains `part`.
template <class E, class F>
void expect_error(F f, const std::string& part) {
  try {
    f();
    BOOST_ERROR("no exception; expected one mentioning '" << part << "'");
  } catch (const E& e) {
    BOOST_TEST(std::string(e.what()).find(part) != std::string::npos,
               "message '" << e.what() << "' lacks '" << part << "'");
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(schemes_and_rest) {
  BoardUri uri = parse_board_uri("sim:");
  BOOST_TEST(uri.scheme == "sim");
  BOOST_TEST(uri.rest == "");
  uri = parse_board_uri("USB:0403:6010");
  BOOST_TEST(uri.scheme == "usb");
  BOOST_TEST(uri.rest == "0403:6010");
  uri = parse_board_uri("usb:serial=XYZ");
  BOOST_TEST(uri.rest == "serial=XYZ");
  uri = parse_board_uri("sim:fst=/tmp/a:b.fst");
  BOOST_TEST(uri.rest == "fst=/tmp/a:b.fst");
}

BOOST_AUTO_TEST_CASE(bad_uris_name_the_problem) {
  expect_error<UriError>([] { parse_board_uri(""); }, "empty board URI");
  expect_error<UriError>([] { parse_board_uri("sim"); }, "has no scheme");
  expect_error<UriError>([] { parse_board_uri(":x"); }, "has no scheme");
  expect_error<UriError>([] { parse_board_uri("tcp:host:1"); }, "unknown scheme 'tcp'");
  expect_error<UriError>([] { open_board("sim:speed=3"); }, "unknown option 'speed'");
  expect_error<UriError>([] { open_board("sim:fst"); }, "not key=value");
}

BOOST_AUTO_TEST_CASE(sim_options) {
  sim::SimOptions o = sim::parse_sim_options("");
  BOOST_TEST(!o.fst_path);
  BOOST_TEST(o.clock_hz == 12'000'000u);
  o = sim::parse_sim_options("fst=/tmp/wave.fst,clock_hz=24000000");
  BOOST_TEST(*o.fst_path == "/tmp/wave.fst");
  BOOST_TEST(o.clock_hz == 24'000'000u);
  expect_error<std::invalid_argument>([] { sim::parse_sim_options("clock_hz=0"); }, "clock_hz='0'");
  expect_error<std::invalid_argument>([] { sim::parse_sim_options("clock_hz=12MHz"); },
                                      "not a positive decimal");
  expect_error<std::invalid_argument>([] { sim::parse_sim_options("fst="); }, "needs a file path");
}

BOOST_AUTO_TEST_CASE(sim_without_core_model_says_so) {
  if (sim::core_model_available()) return;  // then the driver tests open it for real
  expect_error<UriError>([] { open_board("sim:"); }, "no Verilated board core");
}

BOOST_AUTO_TEST_CASE(usb_uri_errors_come_back_as_uri_errors) {
  // Malformed before any device is looked for (or: no USB transport in this build).
  expect_error<UriError>([] { open_board("usb:colour=blue"); }, "usb:colour=blue");
}
