// The board descriptions (boards/<board>/board.conf) and the results of
// their builds (<out>/<board>/<configuration>/result.json), as
// cmake/board_conf.cmake and cmake/board_bitstream.cmake read and write
// them. See docs/boards.md.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ipsec_fpga::host::board {

class BoardError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Configuration {
  std::string name;     // "engine", "linktest"
  std::string top;      // top module
  std::string summary;  // what it carries
  std::string params;   // "NAME=value ..." (may be empty)
  bool fits = false;    // the description's claim; only those have a CTest test
};

struct BoardDescription {
  std::string name;  // the folder's name: "icebreaker"
  std::filesystem::path dir;
  std::string title, part, family, device, package, constraints, loader, openfpgaloader_board,
      build_script;
  std::string clock_mhz;                      // as written: "12"
  std::vector<Configuration> configurations;  // the first is the default

  const Configuration* find(const std::string& configuration) const;
};

// Parses one board.conf (`key = value`, `#` comments). Throws BoardError
// naming the file and line on a malformed line or a missing key.
BoardDescription parse_board_description(const std::string& name, const std::filesystem::path& dir,
                                         const std::string& text);
// Every boards/*/board.conf under `source_dir`, sorted by name.
std::vector<BoardDescription> read_board_descriptions(const std::filesystem::path& source_dir);

// result.json of one build, as cmake/board_bitstream.cmake writes it.
struct BuildResult {
  std::string status;  // ok, does_not_fit, timing_failed, synthesis_failed, ...
  std::string message;
  long lc = 0, lc_available = 0, ff = 0, ebr = 0, ebr_available = 0, spram = 0;
  std::string fmax_mhz, clock_mhz;
};
std::optional<BuildResult> read_build_result(const std::filesystem::path& file);

}  // namespace ipsec_fpga::host::board
