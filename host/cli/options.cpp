#include "host/cli/options.hpp"

namespace ipsec_fpga::host::cli_detail {

bool parse_options(const std::string& command, const std::vector<std::string>& args,
                   const po::options_description& options, po::variables_map& vm,
                   std::ostream& err) {
  try {
    po::positional_options_description none;
    po::store(po::command_line_parser(args)
                  .options(options)
                  .positional(none)
                  .style(po::command_line_style::default_style &
                         ~po::command_line_style::allow_guessing)
                  .run(),
              vm);
    po::notify(vm);
    return true;
  } catch (const po::too_many_positional_options_error&) {
    std::string words;
    for (const auto& a : args)
      if (a.empty() || a[0] != '-') {
        words = a;
        break;
      }
    err << "ipsec-fpga " << command << ": unexpected argument '" << words << "'\n";
  } catch (const po::error& e) {
    err << "ipsec-fpga " << command << ": " << e.what() << "\n";
  }
  err << "Try 'ipsec-fpga help " << command << "'.\n";
  return false;
}

void print_command_help(const std::string& command, const std::string& synopsis,
                        const std::string& description, const po::options_description& options,
                        std::ostream& out) {
  out << "Usage: ipsec-fpga " << command << " " << synopsis << "\n\n" << description << "\n\n"
      << options << "\nSee docs/cli.md.\n";
}

}  // namespace ipsec_fpga::host::cli_detail
