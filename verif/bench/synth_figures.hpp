// Reads the Fmax that the synthesis checks measured (build/synth/*.json).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ipsec_fpga::bench {

struct SynthFigures {
  unsigned logic_cells = 0;
  unsigned ebr = 0;
  double fmax_mhz = 0;
};

// Nothing when that check has not run yet (`ctest -L synth` writes them).
std::optional<SynthFigures> read_synth_figures(const std::filesystem::path& synth_dir,
                                               const std::string& name, const std::string& part);

}  // namespace ipsec_fpga::bench
