#include <chrono>
#include <filesystem>
#include <fstream>

#include "host/cli/cli.hpp"
#include "host/cli/options.hpp"
#include "host/config/config_parser.hpp"
#include "host/log/log_file.hpp"
#include "host/log/log_file_reader.hpp"
#include "host/log/log_record_json.hpp"
#include "host/log/log_views.hpp"

namespace ipsec_fpga::host {

namespace po = boost::program_options;

inline constexpr const char* default_log_file = "/var/log/ipsec-fpga.log";

int log_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string file, config_file;
  bool json = false, clear = false, local = false;
  std::size_t lines = 0;
  po::options_description options("Options");
  options.add_options()("help,h", "this help")(
      "file,f", po::value<std::string>(&file)->value_name("FILE"),
      ("the log file (default: the config's log_file with --config, else " +
       std::string(default_log_file) + ")")
          .c_str())("config,c", po::value<std::string>(&config_file)->value_name("FILE"),
                    "take the log file and the number of lines kept from this configuration")(
      "json,j", po::bool_switch(&json), "one JSON object per line instead of the screen")(
      "clear", po::bool_switch(&clear),
      "clear the log (like the screen's Clear button): the next line is 001")(
      "lines,n", po::value<std::size_t>(&lines)->value_name("N"),
      "lines kept, as the gateway's ring (1..999; default: the config's log_ring_size, 256)")(
      "local-time", po::bool_switch(&local), "show times in the local time zone (default UTC)");
  po::variables_map vm;
  if (!cli_detail::parse_options("log", args, options, vm, err)) return exit_usage;
  if (vm.count("help")) {
    cli_detail::print_command_help(
        "log", "[--file FILE | --config FILE] [--json] [--clear]",
        "Shows the IPSec log as the router's \"View IPSec Log\" screen, read from the log file\n"
        "(the running gateway need not be asked). Exit: 0 shown/cleared, 1 the file is\n"
        "unreadable, 2 bad options or a bad --config.",
        options, out);
    return exit_ok;
  }
  if (clear && json) {
    err << "ipsec-fpga log: --clear and --json do not go together\n";
    return exit_usage;
  }
  if (!file.empty() && !config_file.empty()) {
    err << "ipsec-fpga log: give --file or --config, not both\n";
    return exit_usage;
  }
  std::size_t capacity = 256;
  if (!config_file.empty()) {
    try {
      GatewayConfig config = parse_config_file(config_file);
      file = config.gateway.log_file;
      capacity = config.gateway.log_ring_size;
    } catch (const ConfigError& e) {
      for (const auto& m : e.messages()) err << m << "\n";
      return exit_usage;
    }
  }
  if (vm.count("lines")) {
    if (lines < 1 || lines > 999) {
      err << "ipsec-fpga log: --lines " << lines << ": must be 1..999\n";
      return exit_usage;
    }
    capacity = lines;
  }
  if (file.empty()) file = default_log_file;

  try {
    if (clear) {
      LogFile log(file);
      LogFile::Lock lock(log);
      log.append(clear_marker_json(
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())) +
                 "\n");
      out << "IPSec log cleared (" << file << ")\n";
      return exit_ok;
    }
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
      err << "ipsec-fpga log: " << file << " does not exist yet (nothing logged there)\n";
    LogFileContents contents = read_log_file(file, capacity);
    out << (json ? format_json(contents.entries)
                 : format_view(contents.entries, local ? ViewTimeZone::local : ViewTimeZone::utc));
    if (contents.bad_lines > 0)
      err << "ipsec-fpga log: " << file << ": " << contents.bad_lines
          << " line(s) that are not log records skipped\n";
    return exit_ok;
  } catch (const std::exception& e) {
    err << "ipsec-fpga log: " << e.what() << "\n";
    return exit_failure;
  }
}

}  // namespace ipsec_fpga::host
