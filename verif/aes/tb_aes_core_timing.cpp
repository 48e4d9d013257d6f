// Exact cycle counts of aes_core: key set-up, clocks per block, latency, and
// key reloads between blocks in both directions.
#include <boost/test/unit_test.hpp>

#include "aes_core_driver.hpp"
#include "aes_models.hpp"
#include "aes_reference.hpp"

using namespace ipsec_fpga::verif;

namespace {

Bytes counting_bytes(std::size_t count, std::uint8_t first) {
  Bytes bytes(count);
  for (std::size_t i = 0; i < count; ++i) bytes[i] = static_cast<std::uint8_t>(first + 7 * i);
  return bytes;
}

// Checks every block of `run` against OpenSSL under `key`.
template <class Model>
void check_results(const AesRun& run, const std::vector<AesJob>& jobs, const std::string& what) {
  Bytes key;
  std::size_t block = 0;
  for (const AesJob& job : jobs) {
    if (job.kind == AesJob::Kind::kKey) {
      key = job.data;
      continue;
    }
    const Bytes expected = aes_ecb_reference(key, job.data, job.decrypt);
    const AesTransfer& transfer = run.blocks[block];
    BOOST_TEST(transfer.result == expected,
               AesModelTraits<Model>::kName
                   << " " << aes_name(key.size()) << (job.decrypt ? " decrypt" : " encrypt") << " "
                   << what << " block " << block << ": expected " << to_hex(expected) << " got "
                   << to_hex(transfer.result));
    BOOST_TEST(transfer.result_decrypt == job.decrypt,
               AesModelTraits<Model>::kName << " " << what << " block " << block
                                            << ": m_axis_tuser does not match s_axis_tuser");
    ++block;
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timing)

BOOST_AUTO_TEST_CASE_TEMPLATE(key_setup_clocks, Model, AesModels) {
  AesCoreDriver<Model> core(std::string(AesModelTraits<Model>::kWaveform) + "_key_setup");
  for (std::size_t key_bytes : {16u, 32u, 24u, 16u}) {
    const std::uint64_t clocks = core.load_key(counting_bytes(key_bytes, 1));
    BOOST_TEST(clocks == aes_key_setup_clocks(key_bytes),
               AesModelTraits<Model>::kName
                   << " " << aes_name(key_bytes) << " key set-up: expected "
                   << aes_key_setup_clocks(key_bytes) << " clocks, got " << clocks);
  }
}

// Blocks waiting back to back, output always ready: one accept every
// clocks_per_block edges, in either direction and when the direction
// alternates, and each block delivered aes_latency edges after its accept.
BOOST_AUTO_TEST_CASE_TEMPLATE(back_to_back_blocks, Model, AesModels) {
  AesCoreDriver<Model> core(std::string(AesModelTraits<Model>::kWaveform) + "_back_to_back");
  for (std::size_t key_bytes : {16u, 24u, 32u}) {
    const Bytes key = counting_bytes(key_bytes, 3);
    core.load_key(key);
    for (int pattern = 0; pattern < 3; ++pattern) {  // encrypt, decrypt, alternating
      std::vector<AesJob> jobs{AesJob::key(key)};
      for (std::size_t i = 0; i < 8; ++i) {
        const bool decrypt = pattern == 1 || (pattern == 2 && i % 2 == 1);
        jobs.push_back(AesJob::block(counting_bytes(16, static_cast<std::uint8_t>(i)), decrypt));
      }
      const AesRun run = core.run(jobs);
      const std::string what = std::string(pattern == 0   ? "encrypt"
                                           : pattern == 1 ? "decrypt"
                                                          : "alternating") +
                               " stream";
      check_results<Model>(run, jobs, what);
      for (std::size_t i = 0; i < run.blocks.size(); ++i) {
        const AesTransfer& block = run.blocks[i];
        BOOST_TEST(block.output_edge - block.accept_edge == aes_latency(key_bytes),
                   AesModelTraits<Model>::kName << " " << aes_name(key_bytes) << " " << what
                                                << " block " << i << " latency: expected "
                                                << aes_latency(key_bytes) << " clocks, got "
                                                << block.output_edge - block.accept_edge);
        if (i == 0) {
          BOOST_TEST(
              block.accept_edge - run.key_load_edges.front() == aes_key_setup_clocks(key_bytes),
              AesModelTraits<Model>::kName << " " << aes_name(key_bytes) << " " << what
                                           << ": first block not accepted right after "
                                              "key set-up");
          continue;
        }
        const std::uint64_t interval = block.accept_edge - run.blocks[i - 1].accept_edge;
        BOOST_TEST(interval == AesModelTraits<Model>::clocks_per_block(key_bytes),
                   AesModelTraits<Model>::kName
                       << " " << aes_name(key_bytes) << " " << what << " block " << i
                       << ": expected " << AesModelTraits<Model>::clocks_per_block(key_bytes)
                       << " clocks per block, got " << interval);
      }
    }
  }
}

// A block whose tvalid rises in the very clock it could be accepted, with a
// direction other than the previous block's, waits one clock in the
// iterative core (its first round key is fetched one clock ahead).
BOOST_AUTO_TEST_CASE_TEMPLATE(direction_change_from_idle, Model, AesModels) {
  AesCoreDriver<Model> core(std::string(AesModelTraits<Model>::kWaveform) + "_direction");
  const Bytes key = counting_bytes(32, 9);
  core.load_key(key);
  bool previous = false;  // reset leaves the encrypt key prefetched
  for (bool decrypt : {false, false, true, true, false}) {
    const std::uint64_t offered = core.model().cycle();
    const std::vector<AesJob> jobs{AesJob::key(key), AesJob::block(counting_bytes(16, 5), decrypt)};
    const AesRun run = core.run({jobs[1]});
    check_results<Model>(run, jobs, "from idle");
    const bool iterative = AesModelTraits<Model>::clocks_per_block(32) > 1;
    const std::uint64_t expected_wait = iterative && decrypt != previous ? 1 : 0;
    BOOST_TEST(run.blocks[0].accept_edge - offered == expected_wait,
               AesModelTraits<Model>::kName
                   << (decrypt ? " decrypt" : " encrypt") << " block after a "
                   << (previous ? "decrypt" : "encrypt") << " one: expected to wait "
                   << expected_wait << " clocks, waited " << run.blocks[0].accept_edge - offered);
    previous = decrypt;
  }
}

// Key reloads between blocks, in both directions and across key sizes. Each
// key_load comes one clock after the previous block was accepted, so that
// block is still in flight and must finish with the old key; the expansion
// starts once it has left the rounds (rounds(old) - 1 clocks later than from
// idle).
BOOST_AUTO_TEST_CASE_TEMPLATE(key_reload_between_blocks, Model, AesModels) {
  AesCoreDriver<Model> core(std::string(AesModelTraits<Model>::kWaveform) + "_key_reload");
  std::vector<AesJob> jobs;
  std::vector<std::size_t> key_sizes;
  std::uint8_t seed = 1;
  for (std::size_t key_bytes : {16u, 32u, 24u, 16u, 24u, 32u}) {
    jobs.push_back(AesJob::key(counting_bytes(key_bytes, seed++)));
    key_sizes.push_back(key_bytes);
    jobs.push_back(AesJob::block(counting_bytes(16, seed++), false));
    jobs.push_back(AesJob::block(counting_bytes(16, seed++), true));
    jobs.push_back(AesJob::block(counting_bytes(16, seed++), true));
    jobs.push_back(AesJob::block(counting_bytes(16, seed++), false));
  }
  const AesRun run = core.run(jobs);
  check_results<Model>(run, jobs, "key reload");
  for (std::size_t k = 1; k < key_sizes.size(); ++k) {
    const std::uint64_t first_accept = run.blocks[4 * k].accept_edge;
    const std::uint64_t expected = run.key_load_edges[k] + aes_key_setup_clocks(key_sizes[k]) +
                                   aes_rounds(key_sizes[k - 1]) - 1;
    BOOST_TEST(first_accept == expected, AesModelTraits<Model>::kName
                                             << " reload " << k << " to " << aes_name(key_sizes[k])
                                             << ": first block expected at edge " << expected
                                             << ", accepted at " << first_accept);
  }
}

BOOST_AUTO_TEST_SUITE_END()
