// MD5 on md5_core: a digest checked against OpenSSL, then back-to-back
// 64-byte blocks with a word offered on every cycle.

#include <openssl/evp.h>

#include <random>

#include "bytes.hpp"
#include "core_figures.hpp"
#include "md5/md5_driver.hpp"
#include "stream_timer.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#include "Vmd5_core.h"
#pragma GCC diagnostic pop

namespace ipsec_fpga::bench {

std::vector<CoreFigures> bench_md5() {
  std::mt19937_64 rng(4);
  verif::Md5Driver<Vmd5_core> driver("bench_md5");
  CoreFigures figures{"MD5", "compress", "md5_core", 64};

  const verif::Bytes message = verif::random_bytes(rng, 200);
  verif::Bytes expected(EVP_MAX_MD_SIZE);
  unsigned length = 0;
  EVP_Digest(message.data(), message.size(), expected.data(), &length, EVP_md5(), nullptr);
  expected.resize(length);
  figures.self_test_passed = driver.digest(message) == expected;

  auto& model = driver.sim();
  model->s_axis_tvalid = 1;
  const auto timing = time_stream(500, [&] {
    model->s_axis_tdata = static_cast<std::uint32_t>(rng());
    model.tick();
    return model->block_done != 0;
  });
  model->s_axis_tvalid = 0;
  record(figures, timing);
  return {figures};
}

}  // namespace ipsec_fpga::bench
