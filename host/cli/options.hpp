// Boost.Program_options glue shared by the commands (not installed).
#pragma once

#include <boost/program_options.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace ipsec_fpga::host::cli_detail {

namespace po = boost::program_options;

// Parses `args` against `options` (no positional words). On a bad option,
// writes "ipsec-fpga <command>: <what>\nTry 'ipsec-fpga help <command>'." to
// err and returns false.
bool parse_options(const std::string& command, const std::vector<std::string>& args,
                   const po::options_description& options, po::variables_map& vm,
                   std::ostream& err);

void print_command_help(const std::string& command, const std::string& synopsis,
                        const std::string& description, const po::options_description& options,
                        std::ostream& out);

}  // namespace ipsec_fpga::host::cli_detail
