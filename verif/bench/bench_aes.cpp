// AES-128/192/256 on aes_core (iterative and unrolled): a known answer from
// OpenSSL, then back-to-back blocks in each direction.

#include <random>

#include "aes/aes_core_driver.hpp"
#include "aes/aes_reference.hpp"
#include "core_figures.hpp"
#include "stream_timer.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#include "Vaes_core.h"
#include "Vaes_core_unrolled.h"
#pragma GCC diagnostic pop

namespace ipsec_fpga::bench {

using verif::Bytes;

namespace {

template <class Model>
CoreFigures run(const char* configuration, const char* synth_name, std::size_t key_bytes,
                bool decrypt) {
  std::mt19937_64 rng(key_bytes);
  verif::AesCoreDriver<Model> driver("bench_aes");
  const Bytes key = verif::random_bytes(rng, key_bytes);
  driver.load_key(key);

  CoreFigures figures{"AES-" + std::to_string(key_bytes * 8) + configuration,
                      decrypt ? "decrypt" : "encrypt", synth_name, 16};
  const Bytes block = verif::random_bytes(rng, 16);
  figures.self_test_passed =
      driver.process_block(block, decrypt).first == verif::aes_ecb_reference(key, block, decrypt);

  auto& model = driver.model();
  model->s_axis_tuser = decrypt;
  model->s_axis_tvalid = 1;
  model->m_axis_tready = 1;
  const auto timing = time_stream(2000, [&] {
    const Bytes next = verif::random_bytes(rng, 16);
    verif::store_be(model->s_axis_tdata, next.data(), next.size());
    model.settle();
    const bool accepted = model->s_axis_tready;
    model.tick();
    return accepted;
  });
  model->s_axis_tvalid = 0;
  record(figures, timing);
  return figures;
}

}  // namespace

std::vector<CoreFigures> bench_aes() {
  std::vector<CoreFigures> all;
  for (std::size_t key_bytes : {16, 24, 32})
    for (bool decrypt : {false, true})
      all.push_back(run<Vaes_core>("", "aes_core", key_bytes, decrypt));
  // The unrolled configuration is for large FPGAs: no iCE40 figures apply.
  for (std::size_t key_bytes : {16, 32})
    all.push_back(run<Vaes_core_unrolled>(" unrolled", "", key_bytes, false));
  return all;
}

}  // namespace ipsec_fpga::bench
