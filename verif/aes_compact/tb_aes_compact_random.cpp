// Random keys and blocks against OpenSSL EVP on both cores of the AES
// contract: 10,000 blocks per direction and key size, 30% random idle cycles
// on s_axis_tvalid and 30% back-pressure on m_axis_tready, a new random key
// every 100 blocks (loaded while the last block of the batch is in flight).
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>

#include "aes_contract_models.hpp"
#include "aes_reference.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;

namespace {

constexpr std::size_t kBlocksPerKey = 100;
constexpr std::size_t kBlocksPerDirection = 10000;
constexpr unsigned kBusyPercent = 30;

template <class Model>
void random_blocks(std::size_t key_bytes, std::size_t blocks_per_direction, unsigned input_busy,
                   unsigned output_busy) {
  const char* core_name = AesContractTraits<Model>::kName;
  const std::string name = std::string(AesContractTraits<Model>::kWaveform) + "_random_" +
                           std::to_string(key_bytes * 8) + "_busy" + std::to_string(output_busy);
  std::mt19937_64 rng(test_seed(name, 0xc0a9ac7000ULL + key_bytes + output_busy));
  HandshakeJitter input_jitter(rng, input_busy);
  HandshakeJitter output_jitter(rng, output_busy);
  AesCoreCompactDriver<Model> core(name);

  // Each batch: a key, then half encrypt and half decrypt blocks in random
  // order, so each direction gets exactly blocks_per_direction blocks.
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
  std::size_t failures = 0, block = 0;
  for (const AesJob& job : jobs) {
    if (job.kind == AesJob::Kind::kKey) continue;
    const AesTransfer& transfer = run.blocks[block];
    const bool ok = transfer.result == expected[block] && transfer.result_decrypt == job.decrypt;
    if (!ok && ++failures <= 10) {
      BOOST_ERROR(
          core_name << " " << aes_bits_name(key_bytes) << (job.decrypt ? " decrypt" : " encrypt")
                    << " random block " << block << " (batch " << block / kBlocksPerKey
                    << ", input " << to_hex(job.data) << "): expected " << to_hex(expected[block])
                    << " got " << to_hex(transfer.result)
                    << (transfer.result_decrypt == job.decrypt ? "" : " with the wrong tuser"));
    }
    ++block;
  }
  BOOST_TEST(failures == 0u, core_name << " " << aes_bits_name(key_bytes) << ": " << failures
                                       << " of " << block << " random blocks wrong");
  // The jitter must really have stalled the output and made blocks wait.
  BOOST_TEST(run.output_stall_clocks > 0u,
             core_name << " " << aes_bits_name(key_bytes) << ": no output stall");
  BOOST_TEST(run.input_refused_clocks > 0u,
             core_name << " " << aes_bits_name(key_bytes) << ": no input wait");
  BOOST_TEST_MESSAGE(core_name << " " << aes_bits_name(key_bytes) << ": " << block
                               << " random blocks in " << run.blocks.back().output_edge
                               << " clocks, output stalled " << run.output_stall_clocks
                               << ", input refused " << run.input_refused_clocks);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(random_against_openssl)

BOOST_AUTO_TEST_CASE_TEMPLATE(every_key_size, Model, AesContractModels) {
  for (std::size_t key_bytes : AesContractTraits<Model>::key_sizes())
    random_blocks<Model>(key_bytes, kBlocksPerDirection, kBusyPercent, kBusyPercent);
}

// A slow consumer keeps results waiting in the output register (the compact
// core's state), so later blocks wait at the input.
BOOST_AUTO_TEST_CASE_TEMPLATE(slow_consumer, Model, AesContractModels) {
  for (std::size_t key_bytes : AesContractTraits<Model>::key_sizes())
    random_blocks<Model>(key_bytes, 500, 10, 90);
}

BOOST_AUTO_TEST_SUITE_END()
