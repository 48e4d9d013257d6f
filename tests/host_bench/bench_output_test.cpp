// The outputs on a made-up report: CSV well-formed, Markdown and chart script.
#include <boost/test/unit_test.hpp>
#include <sstream>

#include "csv_reader.hpp"
#include "host/bench/bench_math.hpp"
#include "host/bench/bench_report.hpp"

using namespace ipsec_fpga::host::bench;

namespace {

BenchReport sample_report() {
  BenchReport report;
  report.cpu = "Test CPU, with a comma";
  report.openssl = "OpenSSL 3.0.test";
  report.model_cycles = 1000000;
  report.model_seconds = 2;
  report.software_seconds = 0.2;
  for (const char* suite : {"aes128-cbc+hmac-sha1-96", "aes128-gcm16"})
    for (const char* size : {"64", "IMIX 7:4:1"})
      for (const char* direction : {"out", "in"}) {
        BenchRow r;
        r.suite = suite;
        r.direction = direction;
        r.size = size;
        r.mean_bytes = std::string(size) == "64" ? 64 : imix_mean_bytes();
        r.cycles_per_packet = 324;
        r.bytes_per_clock = bytes_per_clock(r.mean_bytes, r.cycles_per_packet);
        const bool gcm = std::string(suite) == "aes128-gcm16";
        for (const BoardClock& b : board_clocks())
          r.board_mbps.push_back(
              b.carries(gcm ? "aes128-gcm16" : "aes128-cbc", gcm ? "none" : "hmac-sha1-96")
                  ? std::optional<double>(mbit_per_second(r.bytes_per_clock, b.clock_hz))
                  : std::nullopt);
        r.wire_in = 80;
        r.wire_out = 180;
        r.link_mbps = {1.0, 2.0, 3.0, 4.0};
        r.software_mbps = 900;
        r.software_pps = 1e6;
        if (std::string(size) == "64") {
          r.e2e_pps = 1000;
          r.e2e_board_cycles = 330;
        }
        report.rows.push_back(r);
      }
  return report;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bench_output)

BOOST_AUTO_TEST_CASE(csv_fields_are_quoted_when_needed) {
  BOOST_TEST(csv_field("plain") == "plain");
  BOOST_TEST(csv_field("a,b") == "\"a,b\"");
  BOOST_TEST(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(csv_field("two\nlines") == "\"two\nlines\"");
}

BOOST_AUTO_TEST_CASE(csv_is_well_formed) {
  const BenchReport report = sample_report();
  std::stringstream csv;
  write_csv(csv, report);
  const auto rows = test::read_csv(csv);
  BOOST_TEST_REQUIRE(rows.size() == report.rows.size() + 1);
  const auto& header = rows.front();
  for (const auto& row : rows) BOOST_TEST(row.size() == header.size());
  BOOST_TEST(header[0] == "suite");
  BOOST_TEST(header[4] == "cycles_per_packet");
  BOOST_TEST(header[8] == "mbps_icebreaker_20_mhz_target");
  BOOST_TEST(header.back() == "e2e_sim_board_cycles_per_packet");
  BOOST_TEST(rows[1][2] == "64");
  BOOST_TEST(rows[3][2] == "IMIX 7:4:1");
  BOOST_TEST(rows[1][4] == "324.000");
  // The GCM rows have no iCEBreaker figure: an empty field, not a zero.
  BOOST_TEST(rows[5][0] == "aes128-gcm16");
  BOOST_TEST(rows[5][8] == "");
}

BOOST_AUTO_TEST_CASE(table_markdown_and_chart_script) {
  const BenchReport report = sample_report();
  std::ostringstream table, md, data;
  print_table(table, report);
  BOOST_TEST(table.str().find("aes128-gcm16") != std::string::npos);
  BOOST_TEST(table.str().find("target clocks") != std::string::npos);
  write_markdown(md, report, "ipsec-fpga bench --test", "throughput.png");
  BOOST_TEST(md.str().find("`ipsec-fpga bench --test`") != std::string::npos);
  BOOST_TEST(md.str().find("![") != std::string::npos);
  BOOST_TEST(md.str().find("no: target") != std::string::npos);
  BOOST_TEST(md.str().find("## End to end through the driver") != std::string::npos);
  write_plot_data(data, report);
  // Two blocks (suites), two sizes each.
  BOOST_TEST(data.str().find("# aes128-gcm16\n0\t64\t") != std::string::npos);
  BOOST_TEST(data.str().find("1\tIMIX\t") != std::string::npos);
  const std::string script = plot_script(report, "/tmp/d.tsv", "/tmp/o.png");
  BOOST_TEST(script.find("set output '/tmp/o.png'") != std::string::npos);
  BOOST_TEST(script.find("index 1 using 1:3:xtic(2)") != std::string::npos);
  BOOST_TEST(script.find("multiplot layout 1,2") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
