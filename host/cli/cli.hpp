// `ipsec-fpga <command> [options]`: the dispatch (docs/cli.md). main() is
// cli_main over the process's arguments; tests call it with their own
// streams. Exit statuses: 0 done, 1 failed (no gateway running, board lost,
// file unreadable), 2 bad usage or a bad configuration file.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace ipsec_fpga::host {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

// `args` are the words after the program name.
int cli_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// One command each (the words after the command's name).
int run_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int log_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int sa_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int status_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

std::string project_version();  // "0.1.0"

// `demo` and `bench` live in their owners' libraries (host/demo, host/bench);
// main() registers them, so this library (and its tests) need not link them.
// Unregistered: "ipsec-fpga demo: not in this build", exit 1.
using ExternalCommand = int (*)(const std::vector<std::string>& args);
void set_external_command(const std::string& name, ExternalCommand command);

}  // namespace ipsec_fpga::host
