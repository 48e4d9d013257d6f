#include "host/cli/options.hpp"

namespace ipsec_fpga::host::cli_detail {

bool parse_options(const std::string& command, const std::vector<std::string>& args,
                   const po::options_description& options, po::variables_map& vm,
                   std::ostream& err) {
  try {
    // Words that are not options land in a hidden option, to be named.
    po::options_description all;
    all.add(options);
    all.add_options()("unexpected-words", po::value<std::vector<std::string>>());
    po::positional_options_description words;
    words.add("unexpected-words", -1);
    po::store(
        po::command_line_parser(args)
            .options(all)
            .positional(words)
            .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
            .run(),
        vm);
    if (vm.count("unexpected-words")) {
      err << "ipsec-fpga " << command << ": unexpected argument '"
          << vm["unexpected-words"].as<std::vector<std::string>>().front() << "'\n";
    } else {
      po::notify(vm);
      return true;
    }
  } catch (const po::error& e) {
    err << "ipsec-fpga " << command << ": " << e.what() << "\n";
  }
  err << "Try 'ipsec-fpga help " << command << "'.\n";
  return false;
}

void print_command_help(const std::string& command, const std::string& synopsis,
                        const std::string& description, const po::options_description& options,
                        std::ostream& out) {
  out << "Usage: ipsec-fpga " << command << " " << synopsis << "\n\n"
      << description << "\n\n"
      << options << "\nSee docs/cli.md.\n";
}

}  // namespace ipsec_fpga::host::cli_detail
