#include "synth_figures.hpp"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

namespace ipsec_fpga::bench {

std::optional<SynthFigures> read_synth_figures(const std::filesystem::path& synth_dir,
                                               const std::string& name, const std::string& part) {
  const auto file = synth_dir / (name + "." + part + ".json");
  if (!std::filesystem::exists(file)) return std::nullopt;
  boost::property_tree::ptree json;
  boost::property_tree::read_json(file.string(), json);
  SynthFigures figures;
  figures.logic_cells = json.get<unsigned>("lc");
  figures.ebr = json.get<unsigned>("ebr");
  figures.fmax_mhz = json.get<double>("fmax_mhz");
  return figures;
}

}  // namespace ipsec_fpga::bench
