#include "host/cli/cli.hpp"
#include "host/cli/daemon.hpp"
#include "host/cli/options.hpp"
#include "host/control/control_server.hpp"

namespace ipsec_fpga::host {

namespace po = boost::program_options;

// Parses `run`'s options; false (and a message on err) if they are wrong.
bool parse_run_options(const std::vector<std::string>& args, RunOptions& run, bool& help,
                       std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "this help")(
      "config,c", po::value<std::string>(&run.config_file)->value_name("FILE"),
      "the gateway's configuration (TOML, docs/config.md); required")(
      "board,b", po::value<std::string>(&run.board_uri)->value_name("URI"),
      "the board: sim: (the simulated board), sim:fst=PATH, usb:VID:PID, usb:serial=S "
      "(default: the config's [gateway] board, itself sim: by default)")(
      "log-file,l", po::value<std::string>(&run.log_file)->value_name("FILE"),
      "the IPSec log file (default: the config's log_file; \"-\" keeps the log in memory)")(
      "control-socket,s", po::value<std::string>(&run.control_socket)->value_name("PATH"),
      ("the control socket for status and sa (default: " + std::string(default_control_socket) +
       ")")
          .c_str())("tun,t", po::value<std::string>(&run.tun_name)->value_name("NAME"),
                    "the TUN device (default: the config's lan_interface)")(
      "foreground,f", po::bool_switch(&run.foreground),
      "also print each new IPSec log line on stdout as it is logged (the daemon never forks)");
  po::variables_map vm;
  if (!cli_detail::parse_options("run", args, options, vm, err)) return false;
  help = vm.count("help") > 0;
  if (help) {
    cli_detail::print_command_help(
        "run", "--config FILE [options]",
        "Runs the gateway until SIGTERM or SIGINT (then deletes its SAs, exits 0).\n"
        "SIGHUP re-reads FILE: unchanged rules keep their tunnels; a bad file is reported\n"
        "and the running configuration kept. Exit: 0 clean stop, 1 failure, 2 bad config.",
        options, out);
    return true;
  }
  if (run.config_file.empty()) {
    err << "ipsec-fpga run: --config FILE is required\nTry 'ipsec-fpga help run'.\n";
    return false;
  }
  if (vm.count("board") && run.board_uri.empty()) {
    err << "ipsec-fpga run: --board: empty URI\n";
    return false;
  }
  return true;
}

int run_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  RunOptions run;
  bool help = false;
  if (!parse_run_options(args, run, help, out, err)) return exit_usage;
  if (help) return exit_ok;
  return run_daemon(run, real_gateway_factory(), out, err);
}

}  // namespace ipsec_fpga::host
