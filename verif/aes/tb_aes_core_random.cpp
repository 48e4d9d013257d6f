// Random keys and blocks against OpenSSL on every core of the aes_core
// contract (AesModels) and every key size it supports, with random idle
// cycles on s_axis_tvalid and back-pressure on m_axis_tready, and a new
// random key every 100 blocks (loaded while the last block of the batch is in
// flight).
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>

#include "aes_core_driver.hpp"
#include "aes_models.hpp"
#include "aes_reference.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;

namespace {

constexpr std::size_t kBlocksPerKey = 100;
constexpr std::size_t kBlocksPerDirection = 10000;
constexpr unsigned kBusyPercent = 30;

// `blocks_per_direction` blocks each way; `input_busy` / `output_busy`: how
// often (percent) the testbench withholds s_axis_tvalid / m_axis_tready.
template <class Model>
void random_blocks(std::size_t key_bytes, std::size_t blocks_per_direction, unsigned input_busy,
                   unsigned output_busy) {
  const std::string name = std::string(AesModelTraits<Model>::kWaveform) + "_random_" +
                           std::to_string(key_bytes * 8) + "_busy" + std::to_string(output_busy);
  std::mt19937_64 rng(test_seed(name, 0x5eed0000aeULL + key_bytes + output_busy));
  HandshakeJitter input_jitter(rng, input_busy);
  HandshakeJitter output_jitter(rng, output_busy);
  AesCoreDriver<Model> core(name);

  // Each batch: a key, then half encrypt and half decrypt blocks in random
  // order, so every direction gets exactly kBlocksPerDirection blocks.
  std::vector<AesJob> jobs;
  std::vector<Bytes> expected;
  for (std::size_t batch = 0; batch < 2 * blocks_per_direction / kBlocksPerKey; ++batch) {
    const Bytes key = random_bytes(rng, key_bytes);
    jobs.push_back(AesJob::key(key));
    std::vector<bool> directions(kBlocksPerKey, false);
    std::fill(directions.begin() + kBlocksPerKey / 2, directions.end(), true);
    std::shuffle(directions.begin(), directions.end(), rng);
    for (bool decrypt : directions) {
      Bytes block = random_bytes(rng, 16);
      expected.push_back(aes_ecb_reference(key, block, decrypt));
      jobs.push_back(AesJob::block(std::move(block), decrypt));
    }
  }

  const AesRun run = core.run(jobs, &input_jitter, &output_jitter);
  std::size_t failures = 0;
  std::size_t block = 0;
  for (const AesJob& job : jobs) {
    if (job.kind == AesJob::Kind::kKey) continue;
    const AesTransfer& transfer = run.blocks[block];
    const bool ok = transfer.result == expected[block] && transfer.result_decrypt == job.decrypt;
    if (!ok && ++failures <= 10) {
      BOOST_ERROR(AesModelTraits<Model>::kName
                  << " " << aes_name(key_bytes) << (job.decrypt ? " decrypt" : " encrypt")
                  << " random block " << block << " (batch " << block / kBlocksPerKey << ", input "
                  << to_hex(job.data) << "): expected " << to_hex(expected[block]) << " got "
                  << to_hex(transfer.result)
                  << (transfer.result_decrypt == job.decrypt ? "" : " with the wrong tuser"));
    }
    ++block;
  }
  BOOST_TEST(failures == 0u, AesModelTraits<Model>::kName << " " << aes_name(key_bytes) << ": "
                                                          << failures << " of " << block
                                                          << " random blocks wrong");
  // The jitter must really have stalled the output and made blocks wait.
  BOOST_TEST(run.output_stall_clocks > 0u,
             AesModelTraits<Model>::kName << " " << aes_name(key_bytes) << ": no output stall");
  BOOST_TEST(run.input_refused_clocks > 0u,
             AesModelTraits<Model>::kName << " " << aes_name(key_bytes) << ": no input wait");
  BOOST_TEST_MESSAGE(AesModelTraits<Model>::kName
                     << " " << aes_name(key_bytes) << ": " << block << " random blocks in "
                     << run.blocks.back().output_edge << " clocks, output stalled "
                     << run.output_stall_clocks << ", input refused " << run.input_refused_clocks);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(random_against_openssl)

BOOST_AUTO_TEST_CASE_TEMPLATE(every_key_size, Model, AesModels) {
  for (std::size_t key_bytes : AesModelTraits<Model>::key_sizes())
    random_blocks<Model>(key_bytes, kBlocksPerDirection, kBusyPercent, kBusyPercent);
}

// A slow consumer: the output register stays full long enough that the next
// block reaches its last round and must hold there (iterative: S-box ROM read
// enables low; unrolled: the whole pipeline stops; compact: the result waits
// in the output register, later blocks wait at the input).
BOOST_AUTO_TEST_CASE_TEMPLATE(slow_consumer, Model, AesModels) {
  for (std::size_t key_bytes : AesModelTraits<Model>::key_sizes())
    random_blocks<Model>(key_bytes, 500, 10, 90);
}

BOOST_AUTO_TEST_SUITE_END()
