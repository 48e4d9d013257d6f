#include "host/demo/demo_command.hpp"

#include <boost/program_options.hpp>
#include <cstdint>
#include <iostream>
#include <string>

namespace ipsec_fpga::host {
namespace {

namespace po = boost::program_options;

struct DemoOptions {
  std::string suite = "aes-cbc-sha1";
  std::string role = "initiator";
  std::string gateway = "ipsec-fpga";
  std::uint64_t bytes = 1'000'000;
  int pings = 5;
  std::string keep_dir;
  std::string program;
  bool verbose = false;
};

po::options_description demo_options(DemoOptions& o) {
  po::options_description d("ipsec-fpga demo [options]");
  d.add_options()("help,h", "print this help")("suite", po::value(&o.suite)->default_value(o.suite),
                                               "ESP suite: aes-cbc-sha1, 3des-sha1 or aes-gcm")(
      "role", po::value(&o.role)->default_value(o.role),
      "ipsec-fpga's IKE role: initiator or responder")(
      "bytes", po::value(&o.bytes)->default_value(o.bytes),
      "bytes of the bulk TCP transfer through the tunnel")(
      "pings", po::value(&o.pings)->default_value(o.pings), "pings through the tunnel")(
      "gateway", po::value(&o.gateway)->default_value(o.gateway),
      "the local gateway: ipsec-fpga (simulated board) or strongswan (lab self-test)")(
      "keep", po::value(&o.keep_dir), "keep the logs and configs in this folder")(
      "program", po::value(&o.program), "the ipsec-fpga executable to run (default: this one)")(
      "verbose,v", po::bool_switch(&o.verbose), "show each step's command");
  return d;
}

}  // namespace

int demo_command(const std::vector<std::string>& args) {
  DemoOptions options;
  const po::options_description desc = demo_options(options);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "ipsec-fpga demo: " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout
        << "Runs a tunnel between ipsec-fpga on the simulated board and a strongSwan peer in\n"
           "network namespaces it creates, sends pings and a TCP transfer through it, and\n"
           "prints the IPSec log, the SA table and the throughput. Needs root.\n\n"
        << desc;
    return 0;
  }
  std::cerr << "ipsec-fpga demo: not implemented yet\n";
  return 1;
}

}  // namespace ipsec_fpga::host
