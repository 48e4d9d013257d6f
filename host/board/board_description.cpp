#include "host/board/board_description.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "host/json/json.hpp"

namespace ipsec_fpga::host::board {
namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw BoardError("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

const Configuration* BoardDescription::find(const std::string& configuration) const {
  for (const auto& c : configurations)
    if (c.name == configuration) return &c;
  return nullptr;
}

BoardDescription parse_board_description(const std::string& name, const std::filesystem::path& dir,
                                         const std::string& text) {
  const std::string file = (dir / "board.conf").string();
  std::map<std::string, std::string> values;
  std::istringstream in(text);
  std::string raw;
  for (int number = 1; std::getline(in, raw); ++number) {
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const auto equals = line.find('=');
    const std::string key = equals == std::string::npos ? "" : trim(line.substr(0, equals));
    if (key.empty() || key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                             "0123456789_.") != std::string::npos)
      throw BoardError(file + ":" + std::to_string(number) + ": not `key = value`");
    values[key] = trim(line.substr(equals + 1));
  }
  auto required = [&](const std::string& key) {
    auto found = values.find(key);
    if (found == values.end() || found->second.empty())
      throw BoardError(file + ": no `" + key + "`");
    return found->second;
  };
  auto optional = [&](const std::string& key) {
    auto found = values.find(key);
    return found == values.end() ? std::string() : found->second;
  };
  BoardDescription board;
  board.name = name;
  board.dir = dir;
  board.title = required("title");
  board.part = required("part");
  board.family = required("family");
  board.clock_mhz = required("clock_mhz");
  board.device = optional("device");
  board.package = optional("package");
  board.constraints = optional("constraints");
  board.loader = optional("loader");
  board.openfpgaloader_board = optional("openfpgaloader_board");
  board.build_script = optional("build_script");
  std::istringstream names(required("configurations"));
  std::string configuration;
  while (names >> configuration) {
    Configuration c;
    c.name = configuration;
    c.top = required(configuration + ".top");
    c.summary = optional(configuration + ".summary");
    c.params = optional(configuration + ".params");
    const std::string fits = required(configuration + ".fits");
    if (fits != "yes" && fits != "no")
      throw BoardError(file + ": " + configuration + ".fits must be yes or no");
    c.fits = fits == "yes";
    board.configurations.push_back(c);
  }
  if (board.configurations.empty()) throw BoardError(file + ": `configurations` names none");
  return board;
}

std::vector<BoardDescription> read_board_descriptions(const std::filesystem::path& source_dir) {
  const auto boards_dir = source_dir / "boards";
  if (!std::filesystem::is_directory(boards_dir))
    throw BoardError("no boards/ in " + source_dir.string() +
                     " (--source-dir names the repository this ipsec-fpga was built from)");
  std::vector<BoardDescription> boards;
  for (const auto& entry : std::filesystem::directory_iterator(boards_dir)) {
    const auto conf = entry.path() / "board.conf";
    if (!entry.is_directory() || !std::filesystem::exists(conf)) continue;
    boards.push_back(
        parse_board_description(entry.path().filename().string(), entry.path(), read_file(conf)));
  }
  std::sort(boards.begin(), boards.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return boards;
}

std::optional<BuildResult> read_build_result(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) return std::nullopt;
  try {
    const Json json = parse_json(read_file(file));
    auto text = [&](const char* key) {
      const Json* v = json.find(key);
      if (!v) return std::string();
      if (v->is_string()) return v->as_string();
      if (v->is_integer()) return std::to_string(v->as_int64());
      std::ostringstream s;
      s << v->as_double();
      return s.str();
    };
    auto number = [&](const char* key) {
      const Json* v = json.find(key);
      return v && v->is_integer() ? static_cast<long>(v->as_int64()) : 0L;
    };
    BuildResult r;
    r.status = text("status");
    r.message = text("message");
    r.lc = number("lc");
    r.lc_available = number("lc_available");
    r.ff = number("ff");
    r.ebr = number("ebr");
    r.ebr_available = number("ebr_available");
    r.spram = number("spram");
    r.fmax_mhz = text("fmax_mhz");
    r.clock_mhz = text("clock_mhz");
    return r;
  } catch (const std::exception& e) {
    throw BoardError(file.string() + ": " + e.what());
  }
}

}  // namespace ipsec_fpga::host::board
