// SHA-1 and SHA-256 on their cores: a known answer from OpenSSL, then
// back-to-back 64-byte blocks with a word offered on every cycle.

#include <random>

#include "core_figures.hpp"
#include "sha/sha1_core_driver.hpp"
#include "sha/sha256_core_driver.hpp"
#include "sha/sha_reference.hpp"
#include "stream_timer.hpp"

namespace ipsec_fpga::bench {

namespace {

template <class Driver, class Reference>
CoreFigures run(const char* core, const char* synth_name) {
  std::mt19937_64 rng(3);
  Driver driver(synth_name);
  CoreFigures figures{core, "compress", synth_name, 64};

  typename Reference::State state{};
  for (auto& word : state) word = static_cast<std::uint32_t>(rng());
  verif::sha::Block block{};
  for (auto& word : block) word = static_cast<std::uint32_t>(rng());
  driver.load_state(state);
  driver.process_block(block);
  figures.self_test_passed = driver.state() == Reference::transform(state, block);

  // Words on every cycle; a block ends with its block_done pulse.
  auto& model = driver.sim();
  model->s_axis_tvalid = 1;
  const auto timing = time_stream(500, [&] {
    model->s_axis_tdata = static_cast<std::uint32_t>(rng());
    model.tick();
    return model->block_done != 0;
  });
  model->s_axis_tvalid = 0;
  record(figures, timing);
  return figures;
}

}  // namespace

std::vector<CoreFigures> bench_sha() {
  return {run<verif::Sha1CoreDriver, verif::sha::Sha1Reference>("SHA-1", "sha1_core"),
          run<verif::Sha256CoreDriver, verif::sha::Sha256Reference>("SHA-256", "sha256_core")};
}

}  // namespace ipsec_fpga::bench
