#include "host/cli/cli.hpp"

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "board/board.hpp"
#include "host/cli/options.hpp"
#include "host/control/control_client.hpp"
#include "host/control/control_server.hpp"

namespace ipsec_fpga::host {
namespace {

namespace po = boost::program_options;

struct CommandInfo {
  const char* name;
  const char* summary;
};

constexpr CommandInfo commands[] = {
    {"run", "the gateway daemon: IKE, the board, the data path, the control socket"},
    {"status", "rules, IKE SAs, board identity and data path counters of the running gateway"},
    {"sa", "the SA table read back from the board through the running gateway"},
    {"log", "the IPSec log, like the router's \"View IPSec Log\" screen (--json, --clear)"},
    {"demo", "a tunnel to a strongSwan peer through the simulated board, in namespaces"},
    {"bench", "throughput of the ESP engine on the simulated board"},
    {"board", "the FPGA boards: list, build a bitstream, program it (docs/boards.md)"},
    {"help", "help on a command: ipsec-fpga help <command>"},
};

void print_usage(std::ostream& out) {
  out << "Usage: ipsec-fpga <command> [options]\n"
         "       ipsec-fpga --version [--board URI | --control-socket PATH]\n"
         "       ipsec-fpga --help | help <command>\n\nCommands:\n";
  for (const auto& c : commands)
    out << "  " << std::left << std::setw(8) << c.name << c.summary << "\n";
  out << "\nExit status: 0 done, 1 failed (e.g. no gateway running), 2 bad usage or a bad "
         "configuration file.\nSee docs/cli.md and docs/user-guide.md.\n";
}

std::string hex8(std::uint32_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%08x", value);
  return buffer;
}

int version_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("version", "print the version")(
      "board", po::value<std::string>(), "open this board (sim:, usb:...) and print its BUILD_ID")(
      "control-socket", po::value<std::string>(),
      ("ask the gateway on this socket for its board's BUILD_ID (default: " +
       std::string(default_control_socket) + ", if one answers)")
          .c_str());
  po::variables_map vm;
  if (!cli_detail::parse_options("--version", args, options, vm, err)) return exit_usage;
  out << "ipsec-fpga " << project_version() << "\n";
  if (vm.count("board")) {
    const auto uri = vm["board"].as<std::string>();
    try {
      auto board = driver::open_board(uri);
      out << "board: " << board->description() << ", BUILD_ID "
          << hex8(board->capabilities().build_id) << ", protocol "
          << board->capabilities().protocol_version << "\n";
    } catch (const std::exception& e) {
      err << "ipsec-fpga: cannot open board " << uri << ": " << e.what() << "\n";
      return exit_failure;
    }
    return exit_ok;
  }
  const bool asked = vm.count("control-socket") > 0;
  const std::string socket =
      asked ? vm["control-socket"].as<std::string>() : std::string(default_control_socket);
  try {
    auto status = query_status(socket, std::chrono::milliseconds(2000));
    out << "board: " << status.board.description << ", BUILD_ID " << hex8(status.board.build_id)
        << ", protocol " << status.board.protocol_version << " (gateway pid " << status.pid
        << ")\n";
  } catch (const std::exception& e) {
    if (asked) {
      err << "ipsec-fpga: " << e.what() << "\n";
      return exit_failure;
    }
    // No gateway, no board open: the project version is all there is.
  }
  return exit_ok;
}

int help_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    print_usage(out);
    return exit_ok;
  }
  if (args.size() > 1) {
    err << "ipsec-fpga help: one command at a time\n";
    return exit_usage;
  }
  const std::string& name = args[0];
  if (name == "help") {
    print_usage(out);
    return exit_ok;
  }
  for (const auto& c : commands)
    if (name == c.name) return cli_main({name, "--help"}, out, err);
  err << "ipsec-fpga help: unknown command '" << name << "'\n";
  print_usage(err);
  return exit_usage;
}

std::map<std::string, ExternalCommand>& external_commands() {
  static std::map<std::string, ExternalCommand> registered;
  return registered;
}

int delegated(const std::string& name, const std::vector<std::string>& rest, std::ostream& out,
              std::ostream& err) {
  auto found = external_commands().find(name);
  ExternalCommand command = found == external_commands().end() ? nullptr : found->second;
  if (!command) {
    err << "ipsec-fpga " << name << ": not in this build\n";
    return exit_failure;
  }
  // The command prints to the process's own streams; flush ours first.
  out.flush();
  err.flush();
  return command(rest);
}

}  // namespace

std::string project_version() { return IPSEC_FPGA_VERSION; }

void set_external_command(const std::string& name, ExternalCommand command) {
  external_commands()[name] = command;
}

int cli_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    print_usage(err);
    return exit_usage;
  }
  const std::string& first = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (first == "--help" || first == "-h") {
    print_usage(out);
    return exit_ok;
  }
  if (first == "--version" || first == "-V") return version_command(args, out, err);
  if (first == "help") return help_command(rest, out, err);
  if (first == "run") return run_command(rest, out, err);
  if (first == "log") return log_command(rest, out, err);
  if (first == "sa") return sa_command(rest, out, err);
  if (first == "status") return status_command(rest, out, err);
  if (first == "demo" || first == "bench" || first == "board")
    return delegated(first, rest, out, err);
  if (!first.empty() && first[0] == '-')
    err << "ipsec-fpga: unknown option '" << first << "' (a command comes first)\n";
  else
    err << "ipsec-fpga: unknown command '" << first << "'\n";
  err << "Try 'ipsec-fpga --help'.\n";
  return exit_usage;
}

}  // namespace ipsec_fpga::host
