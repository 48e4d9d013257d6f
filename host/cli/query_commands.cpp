// `ipsec-fpga sa` and `ipsec-fpga status`: ask the running gateway over its
// control socket.
#include "host/cli/cli.hpp"
#include "host/cli/options.hpp"
#include "host/cli/views.hpp"
#include "host/control/control_client.hpp"
#include "host/control/control_server.hpp"

namespace ipsec_fpga::host {
namespace {

namespace po = boost::program_options;

struct QueryOptions {
  std::string socket = default_control_socket;
  bool json = false;
  unsigned timeout_ms = 5000;
};

// -1: go on; else the exit status.
int parse_query(const std::string& command, const std::string& description,
                const std::vector<std::string>& args, QueryOptions& q, std::ostream& out,
                std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "this help")(
      "control-socket,s", po::value<std::string>(&q.socket)->value_name("PATH"),
      ("the running gateway's control socket (default: " + std::string(default_control_socket) +
       ")")
          .c_str())("json,j", po::bool_switch(&q.json),
                    "the gateway's answer as one JSON object (docs/cli.md, control protocol)")(
      "timeout", po::value<unsigned>(&q.timeout_ms)->value_name("MS"),
      "give up after this many milliseconds (default 5000)");
  po::variables_map vm;
  if (!cli_detail::parse_options(command, args, options, vm, err)) return exit_usage;
  if (vm.count("help")) {
    cli_detail::print_command_help(command, "[--control-socket PATH] [--json]", description,
                                   options, out);
    return exit_ok;
  }
  if (q.socket.empty()) {
    err << "ipsec-fpga " << command << ": --control-socket: empty path\n";
    return exit_usage;
  }
  return -1;
}

template <class Query>
int ask(const std::string& command, const QueryOptions& q, std::ostream& err, Query query) {
  try {
    query();
    return exit_ok;
  } catch (const GatewayNotRunning& e) {
    err << "ipsec-fpga " << command << ": " << e.what() << "\n";
  } catch (const std::exception& e) {
    err << "ipsec-fpga " << command << ": " << e.what() << "\n";
  }
  (void)q;
  return exit_failure;
}

}  // namespace

int sa_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  QueryOptions q;
  int early = parse_query(
      "sa",
      "The SAs in the board's table (read back from the board by the running gateway):\n"
      "entry, direction, SPI, rule, suite, counters, lifetimes. Never keys.\n"
      "Exit: 0 shown, 1 no gateway running or it failed, 2 bad options.",
      args, q, out, err);
  if (early >= 0) return early;
  return ask("sa", q, err, [&] {
    std::chrono::milliseconds timeout(q.timeout_ms);
    if (q.json) {
      std::string answer = control_call(q.socket, encode_request({ControlCommand::sa}), timeout);
      decode_sa_answer(answer);  // a gateway's error becomes exit 1 with its message
      out << answer << "\n";
    } else {
      out << format_sa_table(query_sa_table(q.socket, timeout));
    }
  });
}

int status_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  QueryOptions q;
  int early =
      parse_query("status",
                  "The running gateway: its board (identity, BUILD_ID, SA table use), every rule\n"
                  "(state, peer, IKE SA, lifetimes, traffic) and the data path counters.\n"
                  "Exit: 0 shown, 1 no gateway running or it failed, 2 bad options.",
                  args, q, out, err);
  if (early >= 0) return early;
  return ask("status", q, err, [&] {
    std::chrono::milliseconds timeout(q.timeout_ms);
    if (q.json) {
      std::string answer =
          control_call(q.socket, encode_request({ControlCommand::status}), timeout);
      decode_status_answer(answer);
      out << answer << "\n";
    } else {
      out << format_status(query_status(q.socket, timeout));
    }
  });
}

}  // namespace ipsec_fpga::host
