// The bench's arithmetic: IMIX, sizes, bytes per clock, Mbit/s, boards, links.
#define BOOST_TEST_MODULE host_bench
#include "host/bench/bench_math.hpp"

#include <boost/test/unit_test.hpp>
#include <numeric>

#include "host/bench/bench_options.hpp"
#include "host/bench/bench_suites.hpp"
#include "link_limits.hpp"

using namespace ipsec_fpga::host::bench;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(bench_math)

BOOST_AUTO_TEST_CASE(imix_is_the_simple_imix_7_4_1) {
  const auto& shares = imix_shares();
  BOOST_TEST_REQUIRE(shares.size() == 3u);
  BOOST_TEST(shares[0].bytes == 40u);
  BOOST_TEST(shares[0].weight == 7u);
  BOOST_TEST(shares[1].bytes == 576u);
  BOOST_TEST(shares[1].weight == 4u);
  BOOST_TEST(shares[2].bytes == 1500u);
  BOOST_TEST(shares[2].weight == 1u);
  // One period holds each size as often as its weight.
  const auto& period = imix_period();
  BOOST_TEST(period.size() == 12u);
  for (const ImixShare& s : shares)
    BOOST_TEST(std::count(period.begin(), period.end(), s.bytes) == static_cast<long>(s.weight));
  // (7 * 40 + 4 * 576 + 1500) / 12 = 4084 / 12
  BOOST_TEST(imix_mean_bytes() == 4084.0 / 12.0, tt::tolerance(1e-12));
  BOOST_TEST(parse_size("imix").mean_bytes() == 4084.0 / 12.0, tt::tolerance(1e-12));
  BOOST_TEST(parse_size("IMIX").imix);
  BOOST_TEST(parse_size("imix").label == "IMIX 7:4:1");
}

BOOST_AUTO_TEST_CASE(sizes_parse_and_refuse) {
  BOOST_TEST(parse_size("64").period == std::vector<std::size_t>{64});
  BOOST_TEST(parse_size("1500").label == "1500");
  BOOST_TEST(parse_size("40").mean_bytes() == 40.0);
  BOOST_TEST(default_size_names() == (std::vector<std::string>{"64", "128", "256", "512", "1024",
                                                               "1280", "1500", "imix"}),
             tt::per_element());
  for (const char* bad : {"39", "1501", "abc", "64x", "-64", "", "+64"}) {
    BOOST_TEST_CONTEXT(bad) {
      BOOST_CHECK_EXCEPTION(parse_size(bad), std::invalid_argument, [&](const auto& e) {
        return std::string(e.what()).find(std::string("'") + bad) != std::string::npos ||
               std::string(e.what()).find(bad) != std::string::npos;
      });
    }
  }
}

BOOST_AUTO_TEST_CASE(bytes_per_clock_and_mbit) {
  // aes128-cbc + hmac-sha1-96 outbound, 1400 bytes: 2025 cycles (docs/esp-engine.md: 0.691 B/clk)
  BOOST_TEST(bytes_per_clock(1400, 2025) == 1400.0 / 2025.0, tt::tolerance(1e-12));
  BOOST_TEST(bytes_per_clock(1400, 2025) == 0.691, tt::tolerance(0.001));
  // 1 byte per clock at 100 MHz is 800 Mbit/s.
  BOOST_TEST(mbit_per_second(1.0, 100e6) == 800.0, tt::tolerance(1e-12));
  BOOST_TEST(mbit_per_second(0.5, 20e6) == 80.0, tt::tolerance(1e-12));
  BOOST_TEST(packets_per_second(2000, 20e6) == 10000.0, tt::tolerance(1e-12));
  BOOST_TEST(packets_to_mbit(10000, 1500) == 120.0, tt::tolerance(1e-12));
  // The same figure both ways: packets/s x bytes = bytes/clock x clock.
  const double cycles = 2187, bytes = 1500, hz = 48e6;
  BOOST_TEST(packets_to_mbit(packets_per_second(cycles, hz), bytes) ==
                 mbit_per_second(bytes_per_clock(bytes, cycles), hz),
             tt::tolerance(1e-12));
  BOOST_CHECK_THROW(bytes_per_clock(64, 0), std::invalid_argument);
  BOOST_CHECK_THROW(packets_per_second(0, 1e6), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(boards_are_targets_and_say_what_they_carry) {
  const auto& boards = board_clocks();
  BOOST_TEST_REQUIRE(boards.size() == 4u);
  BOOST_TEST(boards[0].name == "iCEBreaker");
  BOOST_TEST(boards[0].clock_hz == 20e6);
  for (const BoardClock& b : boards) BOOST_TEST(!b.measured);  // until issue 7 measures Fmax
  BOOST_TEST(boards[0].carries("aes128-cbc", "hmac-sha1-96"));
  BOOST_TEST(boards[0].carries("aes256-cbc", "hmac-sha1-96"));
  BOOST_TEST(!boards[0].carries("aes128-cbc", "hmac-sha256-128"));
  BOOST_TEST(!boards[0].carries("aes128-gcm16", "none"));
  BOOST_TEST(boards[1].carries("3des-cbc", "hmac-sha256-128"));
  BOOST_TEST(!boards[1].carries("aes128-cbc", "hmac-md5-96"));
  BOOST_TEST(boards[3].carries("aes256-gcm16", "none"));
}

BOOST_AUTO_TEST_CASE(link_limits) {
  // Full duplex UART, 300,000 bytes/s each way, FTDI status bytes on IN.
  const ipsec_fpga::driver::UsbLink uart{"uart", 300000, true, true, ""};
  BOOST_TEST(ipsec_fpga::driver::wire_bytes_per_packet(uart, 100, 510) == 512.0,
             tt::tolerance(1e-12));
  BOOST_TEST(ipsec_fpga::driver::wire_bytes_per_packet(uart, 600, 510) == 600.0,
             tt::tolerance(1e-12));
  BOOST_TEST(ipsec_fpga::driver::packets_per_second(uart, 600, 100) == 500.0, tt::tolerance(1e-12));
  // Half duplex: both directions share it.
  const ipsec_fpga::driver::UsbLink fifo{"fifo", 40e6, false, false, ""};
  BOOST_TEST(ipsec_fpga::driver::packets_per_second(fifo, 1000, 1000) == 20000.0,
             tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(suites_and_options) {
  const auto suites = engine_suite_specs();
  BOOST_TEST(suites.size() == 20u);
  BOOST_TEST(parse_suite("AES128-CBC + HMAC-SHA1-96").name() == "aes128-cbc+hmac-sha1-96");
  BOOST_TEST(parse_suite("aes256-gcm16").integrity == "none");
  BOOST_CHECK_EXCEPTION(
      parse_suite("aes128-gcm16+hmac-sha1-96"), std::invalid_argument, [](const auto& e) {
        return std::string(e.what()).find("aes128-gcm16+hmac-sha1-96") != std::string::npos;
      });
  const BenchOptions o = parse_bench_options(
      {"--quick", "--suites", "aes128-gcm16, 3des-cbc+hmac-md5-96", "--sizes=64,imix",
       "--direction", "in", "--csv", "x.csv", "--png", "x.png"});
  BOOST_TEST(o.quick);
  BOOST_TEST(o.suites == (std::vector<std::string>{"aes128-gcm16", "3des-cbc+hmac-md5-96"}),
             tt::per_element());
  BOOST_TEST(o.sizes == (std::vector<std::string>{"64", "imix"}), tt::per_element());
  BOOST_TEST(!o.outbound);
  BOOST_TEST(o.inbound);
  BOOST_TEST(o.csv_path == "x.csv");
  BOOST_TEST(o.png_path == "x.png");
  BOOST_TEST(parse_bench_options({"--help"}).help);
  BOOST_CHECK_THROW(parse_bench_options({"--direction", "sideways"}), BenchOptionError);
  BOOST_CHECK_THROW(parse_bench_options({"--frobnicate"}), BenchOptionError);
  BOOST_CHECK_THROW(parse_bench_options({"--sizes", "64,,128"}), BenchOptionError);
  BOOST_CHECK_THROW(parse_bench_options({"--software-seconds", "0"}), BenchOptionError);
  BOOST_TEST(bench_help().find("--png") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
