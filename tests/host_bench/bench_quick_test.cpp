// `ipsec-fpga bench --quick` through the real engine model, OpenSSL and the
// simulated board. Cycle counts are exact and asserted (the same figures
// ipsec-fpga-esp-bench publishes in docs/figures/esp-engine-bench.md); wall
// clock figures are only required to be there and positive.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "csv_reader.hpp"
#include "host/bench/bench_command.hpp"

namespace fs = std::filesystem;
namespace tt = boost::test_tools;

namespace {

struct TempDir {
  TempDir() {
    char name[] = "/tmp/test_host_bench-XXXXXX";
    BOOST_TEST_REQUIRE(::mkdtemp(name) != nullptr);
    path = name;
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

// Runs the command with stdout captured.
int run_bench(const std::vector<std::string>& args, std::string& output) {
  std::ostringstream captured;
  std::streambuf* old = std::cout.rdbuf(captured.rdbuf());
  int status = 0;
  try {
    status = ipsec_fpga::host::bench_command(args);
  } catch (...) {
    std::cout.rdbuf(old);
    throw;
  }
  std::cout.rdbuf(old);
  output = captured.str();
  return status;
}

bool gnuplot_on_path() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    if (::access((fs::path(dir) / "gnuplot").c_str(), X_OK) == 0) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bench_quick)

BOOST_AUTO_TEST_CASE(quick_run_exact_cycles_csv_and_png) {
  TempDir dir;
  const fs::path csv = dir.path / "bench.csv", png = dir.path / "bench.png",
                 md = dir.path / "bench.md";
  const bool gnuplot = gnuplot_on_path();
  std::vector<std::string> args = {
      "--quick", "--no-progress", "--software-seconds", "0.01",       "--e2e-packets",
      "4",       "--csv",         csv.string(),         "--markdown", md.string()};
  if (gnuplot) {
    args.push_back("--png");
    args.push_back(png.string());
  }
  std::string output;
  BOOST_TEST_REQUIRE(run_bench(args, output) == 0);
  BOOST_TEST(output.find("aes128-cbc+hmac-sha1-96") != std::string::npos);
  BOOST_TEST(output.find("M simulated cycles per wall second") != std::string::npos);

  std::ifstream in(csv);
  const auto rows = ipsec_fpga::host::bench::test::read_csv(in);
  BOOST_TEST_REQUIRE(rows.size() == 1u + 2 * 2 * 2);  // 2 suites x 2 sizes x 2 directions
  const auto& header = rows.front();
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  for (const auto& row : rows) BOOST_TEST(row.size() == header.size());
  const auto at = [&](const std::vector<std::string>& row, const std::string& name) {
    BOOST_TEST_REQUIRE(column.count(name) == 1u, name);
    return row[column[name]];
  };

  // suite, direction, size -> cycles/packet, slowest unit's limit
  // (docs/figures/esp-engine-bench.md, ipsec-fpga-esp-bench).
  const std::map<std::string, std::pair<double, double>> expected = {
      {"aes128-cbc+hmac-sha1-96 out 64", {324, 248}},
      {"aes128-cbc+hmac-sha1-96 in 64", {325, 248}},
      {"aes128-cbc+hmac-sha1-96 out 1500", {2187, 2111}},
      {"aes128-cbc+hmac-sha1-96 in 1500", {2188, 2111}},
      {"aes128-gcm16 out 64", {118, 66}},
      {"aes128-gcm16 in 64", {145, 66}},
      {"aes128-gcm16 out 1500", {1100, 1045}},
      {"aes128-gcm16 in 1500", {1127, 1045}},
  };
  std::size_t seen = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const std::string key = at(row, "suite") + " " + at(row, "direction") + " " + at(row, "size");
    BOOST_TEST_CONTEXT(key) {
      BOOST_TEST_REQUIRE(expected.count(key) == 1u);
      ++seen;
      const double bytes = std::stod(at(row, "size"));
      const double cycles = std::stod(at(row, "cycles_per_packet"));
      BOOST_TEST(cycles == expected.at(key).first);
      BOOST_TEST(std::stod(at(row, "slowest_unit_cycles")) == expected.at(key).second);
      BOOST_TEST(std::stod(at(row, "mean_packet_bytes")) == bytes);
      BOOST_TEST(std::stod(at(row, "bytes_per_clock")) == bytes / cycles, tt::tolerance(1e-4));
      // Mbit/s at the Arty's 100 MHz target: bytes/clock x 800.
      BOOST_TEST(std::stod(at(row, "mbps_arty_a7_100_mhz_target")) == bytes / cycles * 800,
                 tt::tolerance(1e-4));
      // The iCEBreaker build carries AES-CBC + HMAC-SHA1 only.
      if (at(row, "suite") == "aes128-gcm16")
        BOOST_TEST(at(row, "mbps_icebreaker_20_mhz_target").empty());
      else
        BOOST_TEST(std::stod(at(row, "mbps_icebreaker_20_mhz_target")) == bytes / cycles * 160,
                   tt::tolerance(1e-4));
      // Exact wire bytes: at least the packets both ways plus framing.
      BOOST_TEST(std::stod(at(row, "wire_bytes_in")) > bytes);
      BOOST_TEST(std::stod(at(row, "wire_bytes_out")) > bytes);
      BOOST_TEST(std::stod(at(row, "link_mbps_uart_3m")) > 0);
      BOOST_TEST(std::stod(at(row, "link_mbps_uart_3m")) < 3.0);  // 3 Mbaud, 8N1
      // Wall-clock figures: present and positive, never asserted further.
      BOOST_TEST(std::stod(at(row, "openssl_mbps")) > 0);
      BOOST_TEST(std::stod(at(row, "e2e_sim_packets_per_second")) > 0);
      BOOST_TEST(std::stod(at(row, "e2e_sim_board_cycles_per_packet")) > cycles / 2);
    }
  }
  BOOST_TEST(seen == expected.size());

  std::ifstream page(md);
  std::stringstream text;
  text << page.rdbuf();
  BOOST_TEST(text.str().find("# Throughput") == 0u);
  if (gnuplot) {
    std::ifstream image(png, std::ios::binary);
    char signature[8] = {};
    image.read(signature, 8);
    BOOST_TEST(std::string(signature, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    BOOST_TEST(fs::file_size(png) > 10000u);
  } else {
    BOOST_TEST_MESSAGE("gnuplot not on PATH: the PNG is not checked");
  }
}

BOOST_AUTO_TEST_CASE(bad_options_fail_clearly_before_simulating) {
  std::string output;
  BOOST_TEST(run_bench({"--suites", "rot13"}, output) == 2);
  BOOST_TEST(run_bench({"--sizes", "9000"}, output) == 2);
  BOOST_TEST(run_bench({"--help"}, output) == 0);
  BOOST_TEST(output.find("usage: ipsec-fpga bench") == 0u);
  BOOST_TEST(run_bench({"--suites", "list"}, output) == 0);
  BOOST_TEST(output.find("aes256-gcm16\n") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
