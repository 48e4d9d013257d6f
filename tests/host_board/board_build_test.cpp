// `ipsec-fpga board build` of the link-test configuration: the real flow
// (yosys, nextpnr-ice40, icepack) into a temporary folder, then the same
// design at a clock it cannot reach, which must fail naming the clock.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "board_test_support.hpp"
#include "tests/host_config/temp_files.hpp"

using namespace ipsec_fpga::host;
using test::contains;
using test::run_board;

BOOST_AUTO_TEST_SUITE(board_build)

BOOST_AUTO_TEST_CASE(linktest_builds_and_a_missed_clock_fails) {
  test::TempDir out("ipf_board");
  auto r = run_board({"build", "icebreaker", "--config", "linktest", "--out-dir", out.str()});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(contains(r.out, "icebreaker linktest: "), r.out);
  BOOST_TEST(contains(r.out, "/5280 LC"), r.out);
  BOOST_TEST(contains(r.out, "(clock 12 MHz)"), r.out);
  const auto bin = out.path() / "icebreaker" / "linktest" / "icebreaker-linktest.bin";
  BOOST_REQUIRE(std::filesystem::exists(bin));
  // An UP5K bitstream (icepack, no comment) is 104,090 bytes.
  BOOST_TEST(std::filesystem::file_size(bin) == 104090u);
  auto list = run_board({"list", "--out-dir", out.str()});
  BOOST_TEST(contains(list.out, "last build: ok, "), list.out);

  // The UP5K does not run this at 200 MHz: the build fails and says so, and
  // leaves no bitstream to load.
  r = run_board(
      {"build", "icebreaker", "--config", "linktest", "--clock", "200", "--out-dir", out.str()});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "icebreaker linktest: FAILED: timing not met: clock CLK reaches "),
             r.err);
  BOOST_TEST(contains(r.err, " MHz, 200 MHz needed"), r.err);
  BOOST_TEST(!std::filesystem::exists(bin));
  list = run_board({"list", "--out-dir", out.str()});
  BOOST_TEST(contains(list.out, "last build: FAILED (timing_failed)"), list.out);
}

BOOST_AUTO_TEST_SUITE_END()
