// `ipsec-fpga board`: argument errors, list, the board descriptions, and
// program with no bitstream or no board attached (iceprog and
// openFPGALoader really run: neither finds an FTDI device here).
#define BOOST_TEST_MODULE host_board
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "board_test_support.hpp"
#include "host/board/board_description.hpp"
#include "tests/host_config/temp_files.hpp"

using namespace ipsec_fpga::host;
using test::contains;
using test::run_board;

BOOST_AUTO_TEST_SUITE(board_args)

BOOST_AUTO_TEST_CASE(help_and_usage_errors) {
  auto r = run_board({"--help"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.out, "Usage: ipsec-fpga board list"));

  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{}, "list, build or program?"},
      {{"flash", "icebreaker"}, "unknown subcommand 'flash'"},
      {{"list", "icebreaker"}, "list takes no board name"},
      {{"build"}, "build takes one board name"},
      {{"program", "a", "b"}, "program takes one board name"},
      {{"build", "icebraker"},
       "unknown board 'icebraker' (boards: arty-a7, hx8k-breakout, icebreaker, ulx3s)"},
      {{"program", "ulx3s", "--tool", "iceprog"}, "iceprog loads iCE40 boards only"},
      {{"build", "icebreaker", "--config", "full"},
       "icebreaker has no configuration 'full' (engine, linktest)"},
      {{"build", "icebreaker", "--clock", "fast"}, "--clock takes MHz"},
      {{"program", "icebreaker", "--clock", "20"}, "--clock is for build"},
      {{"build", "icebreaker", "--tool", "iceprog"}, "--tool and --bin are for program"},
      {{"build", "icebreaker", "--config"}, "--config needs a value"},
      {{"list", "--verbose"}, "unknown option '--verbose'"},
  };
  for (const auto& c : cases) {
    auto e = run_board(c.args);
    BOOST_TEST_CONTEXT(c.message) {
      BOOST_TEST(e.status == 2);
      BOOST_TEST(contains(e.err, c.message), e.err);
      BOOST_TEST(e.out.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(program_unknown_tool) {
  test::TempDir dir("ipf_board");
  const auto bin = dir.write("x.bin", "not a bitstream");
  auto r = run_board({"program", "icebreaker", "--bin", bin, "--tool", "jtagprog"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "unknown --tool 'jtagprog' (iceprog or openFPGALoader)"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(board_list)

BOOST_AUTO_TEST_CASE(list_shows_every_board_and_configuration) {
  test::TempDir out("ipf_board");
  auto r = run_board({"list", "--out-dir", out.str()});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(contains(r.out, "icebreaker: iCEBreaker, iCE40UP5K-SG48, 12 MHz\n"), r.out);
  BOOST_TEST(contains(r.out, "hx8k-breakout: HX8K breakout, iCE40HX8K-CT256, 12 MHz\n"), r.out);
  BOOST_TEST(contains(r.out, "  engine    does not fit yet  AES-CBC-128/256 + HMAC-SHA1-96"),
             r.out);
  BOOST_TEST(contains(r.out, "  linktest  fits              UART echo"), r.out);
  BOOST_TEST(contains(r.out, "last build: none"), r.out);
  BOOST_TEST(contains(r.out,
                      "ulx3s: ULX3S, LFE5U-85F-6BG381C, 25 MHz (ecp5: built by "
                      "boards/ulx3s/build.sh where its tools are installed"),
             r.out);
}

BOOST_AUTO_TEST_CASE(other_families_are_not_built_here) {
  test::TempDir out("ipf_board");
  auto r = run_board({"build", "arty-a7", "--out-dir", out.str()});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err,
                      "arty-a7 (family xilinx): this command builds iCE40 boards only; "
                      "run boards/arty-a7/build.tcl"),
             r.err);
  r = run_board({"program", "ulx3s", "--out-dir", out.str()});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "ulx3s-engine.bit: build it with boards/ulx3s/build.sh first"), r.err);
}

BOOST_AUTO_TEST_CASE(list_reads_the_last_build_results) {
  // result.json as cmake/board_bitstream.cmake writes it, for one passed and
  // one failed build.
  test::TempDir out("ipf_board");
  std::filesystem::create_directories(out.path() / "icebreaker" / "linktest");
  std::filesystem::create_directories(out.path() / "icebreaker" / "engine");
  out.write("icebreaker/linktest/result.json", R"json({
  "board": "icebreaker", "configuration": "linktest", "top": "icebreaker_linktest_top",
  "part": "iCE40UP5K-SG48", "clock_mhz": 12, "fits_expected": "yes",
  "status": "ok", "message": "m",
  "lc": 293, "lc_available": 5280, "ff": 158,
  "ebr": 1, "ebr_available": 30, "spram": 0,
  "fmax_mhz": "26.98", "seed": 1
})json");
  out.write("icebreaker/engine/result.json", R"json({
  "board": "icebreaker", "configuration": "engine", "top": "icebreaker_top",
  "part": "iCE40UP5K-SG48", "clock_mhz": 12, "fits_expected": "no",
  "status": "does_not_fit", "message": "does not fit the iCE40UP5K-SG48: ICESTORM_LC 15000 of 5280 (284%)",
  "lc": 15000, "lc_available": 5280, "ff": 7727,
  "ebr": 40, "ebr_available": 30, "spram": 2,
  "fmax_mhz": "0", "seed": 1
})json");
  auto r = run_board({"list", "--out-dir", out.str()});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(contains(r.out,
                      "last build: ok, 293/5280 LC (6%), 158 FF, 1/30 EBR, 0 SPRAM, Fmax "
                      "26.98 MHz (clock 12 MHz)"),
             r.out);
  BOOST_TEST(contains(r.out,
                      "last build: FAILED (does_not_fit): does not fit the iCE40UP5K-SG48: "
                      "ICESTORM_LC 15000 of 5280 (284%)"),
             r.out);
}

BOOST_AUTO_TEST_CASE(malformed_description_names_file_and_line) {
  test::TempDir dir("ipf_board");
  BOOST_CHECK_EXCEPTION(
      board::parse_board_description("x", dir.path(), "title = X\nthis is not a pair\n"),
      board::BoardError, [](const board::BoardError& e) {
        return contains(e.what(), "board.conf:2: not `key = value`");
      });
  BOOST_CHECK_EXCEPTION(
      board::parse_board_description("x", dir.path(),
                                     "title = X\npart = P\nfamily = ice40\nclock_mhz = 12\n"
                                     "configurations = a\na.top = t\na.fits = maybe\n"),
      board::BoardError,
      [](const board::BoardError& e) { return contains(e.what(), "a.fits must be yes or no"); });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(board_program)

BOOST_AUTO_TEST_CASE(no_bitstream_built) {
  test::TempDir out("ipf_board");
  auto r = run_board({"program", "icebreaker", "--config", "linktest", "--out-dir", out.str()});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "run `ipsec-fpga board build icebreaker --config linktest` first"),
             r.err);
  r = run_board({"program", "icebreaker", "--out-dir", out.str()});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "the engine configuration does not fit the iCE40UP5K-SG48 yet"),
             r.err);
}

// The loaders really run; with no board attached they find no FTDI device.
BOOST_AUTO_TEST_CASE(no_board_attached_iceprog) {
  test::TempDir dir("ipf_board");
  const auto bin = dir.write("x.bin", std::string(64, '\xff'));
  auto r = run_board({"program", "icebreaker", "--bin", bin});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.out, "with iceprog"), r.out);
  BOOST_TEST(contains(r.err,
                      "ipsec-fpga board program: no iCEBreaker attached: iceprog found no "
                      "FTDI device"),
             r.err);
  // The tool's own words follow.
  BOOST_TEST(contains(r.err, "  iceprog: Can't find iCE FTDI USB device"), r.err);
}

BOOST_AUTO_TEST_CASE(no_board_attached_openfpgaloader) {
  test::TempDir dir("ipf_board");
  const auto bin = dir.write("x.bin", std::string(64, '\xff'));
  auto r = run_board({"program", "hx8k-breakout", "--bin", bin, "--tool", "openFPGALoader"});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.err, "no HX8K breakout attached: openFPGALoader found no FTDI device"),
             r.err);
  BOOST_TEST(contains(r.err, "  openFPGALoader: unable to open ftdi device"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()
