// DES and 3DES on tdes_core: a known answer from OpenSSL, then back-to-back blocks.

#include <random>

#include "core_figures.hpp"
#include "des/openssl_tdes.hpp"
#include "des/tdes_driver.hpp"
#include "stream_timer.hpp"

namespace ipsec_fpga::bench {

using verif::Bytes;

namespace {

CoreFigures run(const char* core, const Bytes& key, bool decrypt) {
  std::mt19937_64 rng(1);
  verif::TdesDriver driver("bench_tdes");
  verif::OpenSslTdes openssl;
  driver.load_key(key);

  CoreFigures figures{core, decrypt ? "decrypt" : "encrypt", "tdes_core", 8};
  const std::uint64_t block = rng();
  figures.self_test_passed =
      driver.process(block, decrypt).block == openssl.block(key, decrypt, block);

  auto& model = driver.model();
  model->s_axis_tuser = decrypt;
  model->s_axis_tvalid = 1;
  model->m_axis_tready = 1;
  const auto timing = time_stream(1000, [&] {
    model->s_axis_tdata = rng();
    model.settle();
    const bool accepted = model->s_axis_tready;
    model.tick();
    return accepted;
  });
  record(figures, timing);
  return figures;
}

}  // namespace

std::vector<CoreFigures> bench_tdes() {
  std::mt19937_64 rng(2);
  const Bytes des_key = verif::random_bytes(rng, 8);
  const Bytes tdes_key = verif::random_bytes(rng, 24);
  return {run("DES", des_key, false), run("DES", des_key, true), run("3DES", tdes_key, false),
          run("3DES", tdes_key, true)};
}

}  // namespace ipsec_fpga::bench
