#include "host/board/board_command.hpp"

#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "host/board/board_description.hpp"
#include "host/board/run_tool.hpp"

namespace ipsec_fpga::host {
namespace {

using namespace board;

constexpr int exit_ok = 0;
constexpr int exit_failure = 1;
constexpr int exit_usage = 2;

const char* const usage_text =
    "Usage: ipsec-fpga board list [--out-dir DIR] [--source-dir DIR]\n"
    "       ipsec-fpga board build NAME [--config C] [--clock MHZ] [--out-dir DIR] [--source-dir "
    "DIR]\n"
    "       ipsec-fpga board program NAME [--config C] [--tool iceprog|openFPGALoader] [--bin "
    "FILE]\n"
    "                                     [--out-dir DIR] [--source-dir DIR]\n"
    "\n"
    "  list     the boards (boards/*/board.conf): part, clock, configurations, whether each\n"
    "           fits its part, and the figures of its last build\n"
    "  build    yosys + nextpnr-ice40 + icepack for one configuration (default: the board's\n"
    "           first, its engine), the same flow as the bitstream.* CMake targets; fails\n"
    "           naming the resource that overflowed or the clock that missed timing\n"
    "  program  loads the last built bitstream with iceprog (default) or openFPGALoader\n"
    "\n"
    "  --config C       a configuration of the board (`list` shows them)\n"
    "  --clock MHZ      build for this clock instead of the board's (timing exploration)\n"
    "  --tool T         the loader: iceprog (fpga-icestorm) or openFPGALoader\n"
    "  --bin FILE       load this bitstream instead of the last built one\n"
    "  --out-dir DIR    where builds go (default: the build tree's boards/, as CMake's)\n"
    "  --source-dir DIR the repository to build from (default: the one this binary was\n"
    "                   built from)\n"
    "\n"
    "Exit status: 0 done, 1 failed (build failed, no board attached, tool missing), 2 bad "
    "usage.\nSee docs/boards.md.\n";

struct Options {
  std::string subcommand, name, config, clock, tool, bin;
  std::filesystem::path out_dir = IPSEC_FPGA_BOARDS_DIR;
  std::filesystem::path source_dir = IPSEC_FPGA_SOURCE_DIR;
};

int usage_error(const std::string& message) {
  std::cerr << "ipsec-fpga board: " << message << "\nTry 'ipsec-fpga board --help'.\n";
  return exit_usage;
}

std::filesystem::path build_dir(const Options& o, const BoardDescription& b,
                                const Configuration& c) {
  return o.out_dir / b.name / c.name;
}

std::string figures(const BuildResult& r) {
  std::ostringstream s;
  if (r.lc_available > 0)
    s << r.lc << "/" << r.lc_available << " LC ("
      << (r.lc * 100 + r.lc_available / 2) / r.lc_available << "%), ";
  s << r.ff << " FF";
  if (r.ebr_available > 0) s << ", " << r.ebr << "/" << r.ebr_available << " EBR";
  s << ", " << r.spram << " SPRAM";
  if (!r.fmax_mhz.empty() && r.fmax_mhz != "0")
    s << ", Fmax " << r.fmax_mhz << " MHz (clock " << r.clock_mhz << " MHz)";
  return s.str();
}

std::string outcome(const BuildResult& r) {
  if (r.status == "ok") return "ok, " + figures(r);
  if (r.status == "synthesized") return "yosys only, " + r.message;
  return "FAILED (" + r.status + "): " + r.message;
}

const BoardDescription* find_board(const std::vector<BoardDescription>& boards,
                                   const std::string& name) {
  for (const auto& b : boards)
    if (b.name == name) return &b;
  return nullptr;
}

std::string board_names(const std::vector<BoardDescription>& boards) {
  std::string names;
  for (const auto& b : boards) names += (names.empty() ? "" : ", ") + b.name;
  return names;
}

int list(const Options& o, const std::vector<BoardDescription>& boards) {
  for (const auto& b : boards) {
    std::cout << b.name << ": " << b.title << ", " << b.part << ", " << b.clock_mhz << " MHz";
    if (b.family != "ice40")
      std::cout << " (" << b.family << ": built by boards/" << b.name << "/" << b.build_script
                << " where its tools are installed, not here; yosys figures only)";
    std::cout << "\n";
    for (const auto& c : b.configurations) {
      std::cout << "  " << std::left << std::setw(10) << c.name
                << (c.fits ? "fits            " : "does not fit yet") << "  " << c.summary << "\n";
      // For ECP5 / Xilinx boards "fits" is from yosys' counts, not placement.
      const auto result = read_build_result(build_dir(o, b, c) / "result.json");
      std::cout << "  " << std::string(10, ' ')
                << "last build: " << (result ? outcome(*result) : std::string("none")) << "\n";
    }
  }
  return exit_ok;
}

int build(const Options& o, const BoardDescription& b, const Configuration& c) {
  if (b.family != "ice40") {
    std::cerr << "ipsec-fpga board build: " << b.name << " (family " << b.family
              << "): this command builds iCE40 boards only; run boards/" << b.name << "/"
              << (b.build_script.empty() ? std::string("README.md") : b.build_script)
              << " where its tools are installed (they are not in Debian 12)\n";
    return exit_failure;
  }
  for (const char* tool : {"yosys", "nextpnr-ice40", "icepack"})
    if (!find_program(tool)) {
      std::cerr << "ipsec-fpga board build: " << tool
                << " not found on PATH (Debian packages yosys, nextpnr-ice40, fpga-icestorm; "
                   "scripts/install-deps.sh)\n";
      return exit_failure;
    }
  std::string cmake = IPSEC_FPGA_CMAKE_COMMAND;
  if (!find_program(cmake)) cmake = "cmake";
  const auto script = o.source_dir / "cmake" / "board_bitstream.cmake";
  if (!std::filesystem::exists(script)) {
    std::cerr << "ipsec-fpga board build: no " << script.string()
              << " (--source-dir names the repository this ipsec-fpga was built from)\n";
    return exit_failure;
  }
  if (!c.fits)
    std::cout << b.name << " " << c.name << ": its description says it does not fit the " << b.part
              << " yet; building it shows by how much (yosys of a whole engine takes 5-8 "
                 "minutes)\n";
  std::vector<std::string> argv = {cmake, "-DSOURCE_DIR=" + o.source_dir.string(),
                                   "-DBOARD=" + b.name, "-DCONFIG=" + c.name,
                                   "-DOUT_DIR=" + o.out_dir.string()};
  if (!o.clock.empty()) argv.push_back("-DCLOCK_MHZ=" + o.clock);
  argv.push_back("-P");
  argv.push_back(script.string());
  // The script's own progress lines start with "<board>-<configuration>: ";
  // the rest (CMake's error framing) is kept for when there is no result.
  const std::string prefix = b.name + "-" + c.name + ": ";
  std::vector<std::string> other;
  const int rc = run_tool(argv, [&](const std::string& line) {
    if (line.rfind(prefix, 0) == 0 && line.find("FAILED") == std::string::npos &&
        line.find(" MHz (clock ") == std::string::npos)
      std::cout << "  " << line.substr(prefix.size()) << "\n" << std::flush;
    else
      other.push_back(line);
  });
  const auto dir = build_dir(o, b, c);
  const auto result = read_build_result(dir / "result.json");
  if (!result) {
    std::cerr << "ipsec-fpga board build: " << b.name << " " << c.name << " failed (exit " << rc
              << ") before it wrote " << (dir / "result.json").string() << ":\n";
    for (const auto& line : other) std::cerr << "  " << line << "\n";
    return exit_failure;
  }
  if (rc != 0 || result->status != "ok") {
    std::cerr << b.name << " " << c.name << ": FAILED: " << result->message << "\n";
    if (result->status != "synthesis_failed") std::cerr << "  " << figures(*result) << "\n";
    std::cerr << "  logs: " << dir.string() << "/{yosys,nextpnr}.log\n";
    return exit_failure;
  }
  std::cout << b.name << " " << c.name << ": " << figures(*result) << "\n"
            << "  bitstream: " << (dir / (b.name + "-" + c.name + ".bin")).string() << "\n";
  return exit_ok;
}

bool mentions_no_device(const std::string& output) {
  for (const char* sign : {"Can't find iCE FTDI USB device", "device not found",
                           "unable to open ftdi device", "No cable found", "JTAG init failed"})
    if (output.find(sign) != std::string::npos) return true;
  return false;
}

int program(const Options& o, const BoardDescription& b, const Configuration& c) {
  const std::string tool = o.tool.empty() ? (b.loader.empty() ? "iceprog" : b.loader) : o.tool;
  std::vector<std::string> argv;
  if (tool == "iceprog") {
    if (b.family != "ice40") return usage_error("iceprog loads iCE40 boards only");
    argv = {"iceprog"};
  } else if (tool == "openFPGALoader") {
    if (b.openfpgaloader_board.empty()) {
      std::cerr << "ipsec-fpga board program: " << b.name
                << "'s description names no openfpgaloader_board\n";
      return exit_failure;
    }
    argv = {"openFPGALoader", "-b", b.openfpgaloader_board};
  } else {
    return usage_error("unknown --tool '" + tool + "' (iceprog or openFPGALoader)");
  }
  std::filesystem::path bin = o.bin;
  if (bin.empty()) {
    bin = build_dir(o, b, c) / (b.name + "-" + c.name + (b.family == "ice40" ? ".bin" : ".bit"));
    if (!std::filesystem::exists(bin)) {
      std::cerr << "ipsec-fpga board program: no bitstream " << bin.string() << ": ";
      if (b.family != "ice40")
        std::cerr << "build it with boards/" << b.name << "/" << b.build_script << " first\n";
      else if (c.fits)
        std::cerr << "run `ipsec-fpga board build " << b.name << " --config " << c.name
                  << "` first\n";
      else
        std::cerr << "the " << c.name << " configuration does not fit the " << b.part
                  << " yet (`ipsec-fpga board list` shows the configurations that do)\n";
      return exit_failure;
    }
  } else if (!std::filesystem::exists(bin)) {
    std::cerr << "ipsec-fpga board program: no file " << bin.string() << "\n";
    return exit_failure;
  }
  argv.push_back(bin.string());
  if (!find_program(argv[0])) {
    std::cerr << "ipsec-fpga board program: " << argv[0] << " not found on PATH (Debian package "
              << (tool == "iceprog" ? "fpga-icestorm" : "openfpgaloader") << ")\n";
    return exit_failure;
  }
  std::cout << "loading " << bin.string() << " onto the " << b.title << " with " << tool << "\n"
            << std::flush;
  std::string output;
  const int rc = run_tool(argv, [&](const std::string& line) { output += line + "\n"; });
  if (rc == 0) {
    std::cout << output << b.title << ": programmed\n";
    return exit_ok;
  }
  if (mentions_no_device(output))
    std::cerr << "ipsec-fpga board program: no " << b.title << " attached: " << tool
              << " found no FTDI device (USB 0403:6010). Is the board plugged in, and may this "
                 "user open it (udev rule, docs/boards.md)?\n";
  else
    std::cerr << "ipsec-fpga board program: " << tool << " failed (exit " << rc << ")\n";
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);)
    std::cerr << "  " << tool << ": " << line << "\n";
  return exit_failure;
}

}  // namespace

int board_command(const std::vector<std::string>& args) {
  Options o;
  std::vector<std::string> words;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << usage_text;
      return exit_ok;
    }
    std::string* value = nullptr;
    std::filesystem::path* path = nullptr;
    if (a == "--config")
      value = &o.config;
    else if (a == "--clock")
      value = &o.clock;
    else if (a == "--tool")
      value = &o.tool;
    else if (a == "--bin")
      value = &o.bin;
    else if (a == "--out-dir")
      path = &o.out_dir;
    else if (a == "--source-dir")
      path = &o.source_dir;
    else if (a.rfind("-", 0) == 0)
      return usage_error("unknown option '" + a + "'");
    else {
      words.push_back(a);
      continue;
    }
    if (i + 1 >= args.size()) return usage_error(a + " needs a value");
    const std::string& v = args[++i];
    if (value)
      *value = v;
    else
      *path = v;
  }
  if (words.empty()) return usage_error("list, build or program?");
  o.subcommand = words[0];
  if (o.subcommand != "list" && o.subcommand != "build" && o.subcommand != "program")
    return usage_error("unknown subcommand '" + o.subcommand + "' (list, build or program)");
  if (o.subcommand == "list" && words.size() > 1) return usage_error("list takes no board name");
  if (o.subcommand != "list" && words.size() != 2)
    return usage_error(o.subcommand + " takes one board name");
  if (!o.clock.empty() && o.clock.find_first_not_of("0123456789.") != std::string::npos)
    return usage_error("--clock takes MHz, e.g. 20 or 12.5");
  if (!o.clock.empty() && o.subcommand != "build") return usage_error("--clock is for build");
  if ((!o.tool.empty() || !o.bin.empty()) && o.subcommand != "program")
    return usage_error("--tool and --bin are for program");

  std::vector<BoardDescription> boards;
  try {
    boards = read_board_descriptions(o.source_dir);
    if (o.subcommand == "list") return list(o, boards);
    const BoardDescription* b = find_board(boards, words[1]);
    if (!b)
      return usage_error("unknown board '" + words[1] + "' (boards: " + board_names(boards) + ")");
    const Configuration* c = o.config.empty() ? &b->configurations.front() : b->find(o.config);
    if (!c) {
      std::string names;
      for (const auto& x : b->configurations) names += (names.empty() ? "" : ", ") + x.name;
      return usage_error(b->name + " has no configuration '" + o.config + "' (" + names + ")");
    }
    return o.subcommand == "build" ? build(o, *b, *c) : program(o, *b, *c);
  } catch (const BoardError& e) {
    std::cerr << "ipsec-fpga board: " << e.what() << "\n";
    return exit_failure;
  }
}

}  // namespace ipsec_fpga::host
