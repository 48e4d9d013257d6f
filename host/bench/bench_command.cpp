#include "host/bench/bench_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "host/bench/bench_math.hpp"
#include "host/bench/bench_options.hpp"
#include "host/bench/bench_report.hpp"
#include "host/bench/bench_suites.hpp"
#include "host/bench/e2e_bench.hpp"
#include "host/bench/engine_bench.hpp"
#include "host/bench/software_bench.hpp"
#include "link_limits.hpp"

namespace ipsec_fpga::host {

namespace {

using namespace bench;

// A progress bar on stderr, drawn only when stderr is a terminal.
class Progress {
 public:
  Progress(std::size_t total, bool wanted) : total_(total), enabled_(wanted && ::isatty(2)) {}
  ~Progress() { clear(); }
  void step(const std::string& what) {
    ++done_;
    if (!enabled_) return;
    constexpr std::size_t width = 30;
    const std::size_t filled = total_ == 0 ? width : std::min(width, width * done_ / total_);
    std::string label = what.substr(0, 48);
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] "
              << done_ << "/" << total_ << " " << label << std::string(48 - label.size(), ' ')
              << std::flush;
  }
  void clear() {
    if (enabled_ && done_ != 0) std::cerr << "\r" << std::string(100, ' ') << "\r" << std::flush;
    enabled_ = false;
  }

 private:
  std::size_t total_, done_ = 0;
  bool enabled_;
};

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line))
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(colon + 1);
        name.erase(0, name.find_first_not_of(' '));
        return name;
      }
    }
  return "this CPU";
}

std::string command_line(const std::vector<std::string>& args) {
  std::string text = "ipsec-fpga bench";
  for (const std::string& a : args) text += " " + a;
  return text;
}

// The end-to-end sizes: the few of {64, 512, 1500, IMIX} the run measures
// (or its first and last size if none of them).
std::vector<std::size_t> e2e_size_indexes(const std::vector<SizePattern>& sizes) {
  std::vector<std::size_t> picked;
  for (std::size_t i = 0; i < sizes.size(); ++i)
    if (sizes[i].imix || sizes[i].label == "64" || sizes[i].label == "512" ||
        sizes[i].label == "1500")
      picked.push_back(i);
  if (picked.empty()) {
    picked.push_back(0);
    if (sizes.size() > 1) picked.push_back(sizes.size() - 1);
  }
  return picked;
}

int run(const BenchOptions& options, const std::vector<std::string>& args) {
  std::vector<SuiteSpec> suites;
  for (const std::string& name : options.suites) suites.push_back(parse_suite(name));
  if (suites.empty()) suites = options.quick ? quick_suite_specs() : engine_suite_specs();
  std::vector<SizePattern> sizes;
  const std::vector<std::string> size_names =
      !options.sizes.empty()
          ? options.sizes
          : (options.quick ? std::vector<std::string>{"64", "1500"} : default_size_names());
  for (const std::string& name : size_names) sizes.push_back(parse_size(name));

  BenchReport report;
  report.quick = options.quick;
  report.cpu = cpu_model();
  report.openssl = openssl_version();
  report.software_seconds =
      options.software_seconds > 0 ? options.software_seconds : (options.quick ? 0.02 : 0.2);
  report.e2e_packets = options.e2e_packets > 0 ? options.e2e_packets : (options.quick ? 8 : 64);
  const std::vector<std::size_t> e2e_sizes = e2e_size_indexes(sizes);
  const std::size_t steps = suites.size() * sizes.size() * (options.software ? 2 : 1) +
                            (options.end_to_end ? suites.size() * e2e_sizes.size() : 0);
  Progress progress(steps, options.progress);

  const auto& boards = board_clocks();
  const auto& links = driver::usb_links();
  for (const SuiteSpec& suite : suites) {
    EngineBench engine(suite);
    for (const SizePattern& size : sizes) {
      const EngineMeasurement m = engine.measure(size);
      progress.step("engine " + suite.name() + " " + size.label);
      std::optional<SoftwareFigures> software;
      if (options.software) {
        software = measure_software(suite, m.packets, report.software_seconds, options.outbound,
                                    options.inbound);
        progress.step("OpenSSL " + suite.name() + " " + size.label);
      }
      for (const bool outbound : {true, false}) {
        if (outbound ? !options.outbound : !options.inbound) continue;
        const DirectionCycles& d = outbound ? m.outbound : m.inbound;
        BenchRow row;
        row.suite = suite.name();
        row.direction = outbound ? "out" : "in";
        row.size = size.label;
        row.mean_bytes = m.mean_bytes;
        row.cycles_per_packet = d.cycles_per_packet;
        row.bytes_per_clock = bytes_per_clock(m.mean_bytes, d.cycles_per_packet);
        row.limit_cycles = d.limit_cycles;
        row.latency = d.latency;
        for (const BoardClock& b : boards)
          row.board_mbps.push_back(
              b.carries(suite.cipher, suite.integrity)
                  ? std::optional<double>(mbit_per_second(row.bytes_per_clock, b.clock_hz))
                  : std::nullopt);
        row.wire_in = d.wire_in;
        row.wire_out = d.wire_out;
        for (const driver::UsbLink& l : links)
          row.link_mbps.push_back(
              packets_to_mbit(driver::packets_per_second(l, d.wire_in, d.wire_out), m.mean_bytes));
        if (software) {
          row.software_pps = outbound ? software->outbound_packets_per_second
                                      : software->inbound_packets_per_second;
          row.software_mbps = packets_to_mbit(*row.software_pps, m.mean_bytes);
        }
        report.rows.push_back(std::move(row));
      }
    }
    report.model_cycles += engine.simulated_cycles();
    report.model_seconds += engine.model_seconds();
    report.model_cpu_seconds += engine.model_cpu_seconds();
  }

  if (options.end_to_end) {
    EndToEndBench e2e;
    report.sim_board = e2e.board_summary();
    report.sim_board_clock_hz = e2e.board_clock_hz();
    double cycles = 0, seconds = 0;
    for (const SuiteSpec& suite : suites)
      for (const std::size_t index : e2e_sizes) {
        const auto [out, in] = e2e.measure(suite, sizes[index], report.e2e_packets);
        progress.step("end to end " + suite.name() + " " + sizes[index].label);
        for (BenchRow& row : report.rows)
          if (row.suite == suite.name() && row.size == sizes[index].label) {
            const EndToEndFigures& f = row.direction == "out" ? out : in;
            row.e2e_pps = f.packets_per_second;
            row.e2e_board_cycles = f.board_cycles_per_packet;
          }
        for (const EndToEndFigures* f : {&out, &in}) {
          const double s = static_cast<double>(report.e2e_packets) / f->packets_per_second;
          seconds += s;
          cycles += f->sim_cycles_per_second * s;
        }
      }
    report.e2e_sim_cycles_per_second = seconds > 0 ? cycles / seconds : 0;
  }
  progress.clear();

  print_table(std::cout, report);
  std::cout << "\n" << model_speed(report) << "\n";
  if (options.end_to_end) {
    std::ostringstream e2e;
    e2e.precision(3);
    e2e << "Simulated board (end to end): " << report.e2e_sim_cycles_per_second / 1e6
        << " M board cycles per wall second; " << report.sim_board;
    std::cout << e2e.str() << "\n";
  }
  if (!options.csv_path.empty()) {
    std::ofstream csv(options.csv_path);
    write_csv(csv, report);
    if (!csv) throw std::runtime_error("cannot write " + options.csv_path);
  }
  if (!options.png_path.empty()) draw_png(report, options.png_path);
  if (!options.markdown_path.empty()) {
    std::ofstream md(options.markdown_path);
    std::string png_name;
    if (!options.png_path.empty()) png_name = std::filesystem::path(options.png_path).filename();
    write_markdown(md, report, command_line(args), png_name);
    if (!md) throw std::runtime_error("cannot write " + options.markdown_path);
  }
  return 0;
}

}  // namespace

int bench_command(const std::vector<std::string>& args) {
  bench::BenchOptions options;
  try {
    options = bench::parse_bench_options(args);
  } catch (const bench::BenchOptionError& e) {
    std::cerr << "ipsec-fpga bench: " << e.what()
              << "\n(ipsec-fpga bench --help for the options)\n";
    return 2;
  }
  if (options.help) {
    std::cout << bench::bench_help();
    return 0;
  }
  if (options.suites.size() == 1 && options.suites.front() == "list") {
    for (const bench::SuiteSpec& s : bench::engine_suite_specs()) std::cout << s.name() << "\n";
    return 0;
  }
  try {
    // Names first, so a typo fails before minutes of simulation.
    for (const std::string& name : options.suites) bench::parse_suite(name);
    for (const std::string& name : options.sizes) bench::parse_size(name);
  } catch (const std::invalid_argument& e) {
    std::cerr << "ipsec-fpga bench: " << e.what() << "\n";
    return 2;
  }
  try {
    return run(options, args);
  } catch (const std::exception& e) {
    std::cerr << "\nipsec-fpga bench: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace ipsec_fpga::host
