#include "host/bench/bench_options.hpp"

#include <boost/program_options.hpp>
#include <sstream>

namespace ipsec_fpga::host::bench {

namespace po = boost::program_options;

namespace {

std::vector<std::string> split_list(const std::string& text, const std::string& option) {
  std::vector<std::string> items;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    if (first == std::string::npos)
      throw BenchOptionError("--" + option + ": empty item in '" + text + "'");
    items.push_back(item.substr(first, last - first + 1));
  }
  if (items.empty()) throw BenchOptionError("--" + option + ": empty list");
  return items;
}

po::options_description describe(BenchOptions& o, std::string& suites, std::string& sizes,
                                 std::string& direction) {
  po::options_description options("ipsec-fpga bench options");
  options.add_options()("help,h", "show this help")(
      "quick", po::bool_switch(&o.quick),
      "a short run: AES-128-CBC + HMAC-SHA1-96 and AES-128-GCM, sizes 64 and 1500 "
      "(unless --suites/--sizes say otherwise)")(
      "suites", po::value(&suites),
      "comma-separated suites, e.g. aes128-cbc+hmac-sha1-96,aes128-gcm16 (default: every "
      "suite the engine offers; `--suites list` lists them)")(
      "sizes", po::value(&sizes),
      "comma-separated inner IP packet sizes in bytes (40..1500) and/or imix "
      "(default: 64,128,256,512,1024,1280,1500,imix)")(
      "direction", po::value(&direction)->default_value("both"), "out, in or both")(
      "csv", po::value(&o.csv_path), "write every row to this CSV file")(
      "png", po::value(&o.png_path),
      "draw throughput against packet size, hardware vs software, to this PNG (gnuplot)")(
      "markdown", po::value(&o.markdown_path),
      "write the figures page (docs/figures/throughput.md) to this file")(
      "software-seconds", po::value(&o.software_seconds),
      "OpenSSL time per row, seconds (default 0.2; --quick 0.02)")(
      "e2e-packets", po::value(&o.e2e_packets),
      "packets per end-to-end row through the driver on sim: (default 64; --quick 8)")(
      "no-software", "skip the OpenSSL baseline")("no-e2e",
                                                  "skip the end-to-end runs through the driver")(
      "no-progress", "no progress bar (it is drawn on stderr only when stderr is a terminal)");
  return options;
}

}  // namespace

BenchOptions parse_bench_options(const std::vector<std::string>& args) {
  BenchOptions o;
  std::string suites, sizes, direction;
  const po::options_description options = describe(o, suites, sizes, direction);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw BenchOptionError(e.what());
  }
  o.help = vm.count("help") != 0;
  o.software = vm.count("no-software") == 0;
  o.end_to_end = vm.count("no-e2e") == 0;
  o.progress = vm.count("no-progress") == 0;
  if (!suites.empty()) o.suites = split_list(suites, "suites");
  if (!sizes.empty()) o.sizes = split_list(sizes, "sizes");
  if (direction == "out" || direction == "outbound") {
    o.inbound = false;
  } else if (direction == "in" || direction == "inbound") {
    o.outbound = false;
  } else if (direction != "both") {
    throw BenchOptionError("--direction: '" + direction + "' is not out, in or both");
  }
  if (vm.count("software-seconds") && !(o.software_seconds > 0 && o.software_seconds <= 60))
    throw BenchOptionError("--software-seconds: must be more than 0 and at most 60");
  if (vm.count("e2e-packets") && (o.e2e_packets < 1 || o.e2e_packets > 100000))
    throw BenchOptionError("--e2e-packets: must be 1..100000");
  return o;
}

std::string bench_help() {
  BenchOptions o;
  std::string a, b, c;
  std::ostringstream out;
  out << "usage: ipsec-fpga bench [options]\n\n"
         "Throughput of the ESP engine for every suite, both directions and each packet\n"
         "size: cycles per packet on the cycle-accurate model, bytes per clock, Mbit/s at\n"
         "each board's clock, the USB link limits, end-to-end packets/s through the\n"
         "driver on the simulated board, and this CPU's OpenSSL on the same packets.\n"
         "See docs/benchmarking.md.\n\n"
      << describe(o, a, b, c);
  return out.str();
}

}  // namespace ipsec_fpga::host::bench
