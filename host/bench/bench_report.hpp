// The figures of one `ipsec-fpga bench` run and their outputs: the terminal
// table, CSV, the Markdown figures page and the gnuplot chart.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ipsec_fpga::host::bench {

struct BenchRow {
  std::string suite;      // "aes128-cbc+hmac-sha1-96"
  std::string direction;  // "out" or "in"
  std::string size;       // "64", ..., "IMIX 7:4:1"
  double mean_bytes = 0;  // inner IPv4 bytes per packet
  // The cycle-accurate engine model (exact).
  double cycles_per_packet = 0;
  double bytes_per_clock = 0;
  double limit_cycles = 0;                        // slowest unit's documented timing
  std::uint64_t latency = 0;                      // first packet, command to status
  std::vector<std::optional<double>> board_mbps;  // per board_clocks(); none: not on that board
  // The host link: wire bytes per packet each way and what each USB link
  // carries (Mbit/s of inner packets), per link_limits' usb_links().
  double wire_in = 0, wire_out = 0;
  std::vector<double> link_mbps;
  // OpenSSL on this CPU, one thread, same packets (wall clock).
  std::optional<double> software_mbps, software_pps;
  // Through driver::Board on sim: (wall clock; board cycles are the sim's).
  std::optional<double> e2e_pps, e2e_board_cycles;
};

struct BenchReport {
  std::vector<BenchRow> rows;
  std::string cpu;        // /proc/cpuinfo model name
  std::string openssl;    // OpenSSL_version()
  std::string sim_board;  // the sim: board's capabilities, if end to end ran
  double sim_board_clock_hz = 0;
  std::uint64_t model_cycles = 0;  // engine model: cycles simulated
  double model_seconds = 0;        // and the wall time it took
  double model_cpu_seconds = 0;    // and the CPU time
  double e2e_sim_cycles_per_second = 0;
  double software_seconds = 0;  // per OpenSSL figure
  std::size_t e2e_packets = 0;
  bool quick = false;
};

// "Engine model speed: ... M simulated cycles per wall second ..." (one line).
std::string model_speed(const BenchReport& report);
// Short column names of the USB links (in link_limits' usb_links() order).
std::vector<std::string> link_short_names();

void print_table(std::ostream& out, const BenchReport& report);
void write_csv(std::ostream& out, const BenchReport& report);
// `command`: the command line that produced it; `png_name`: the chart's file
// name next to the page (empty: none).
void write_markdown(std::ostream& out, const BenchReport& report, const std::string& command,
                    const std::string& png_name);
// The gnuplot script drawing `data_path` (written by write_plot_data) to `png_path`.
void write_plot_data(std::ostream& out, const BenchReport& report);
std::string plot_script(const BenchReport& report, const std::string& data_path,
                        const std::string& png_path);
// Runs gnuplot (found on PATH) on the report; throws std::runtime_error if it
// is missing or fails.
void draw_png(const BenchReport& report, const std::string& png_path);
// CSV field quoting (RFC 4180) when needed.
std::string csv_field(const std::string& text);

}  // namespace ipsec_fpga::host::bench
