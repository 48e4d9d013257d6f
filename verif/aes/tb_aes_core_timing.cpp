// Exact cycle counts and the key-reload rules of the aes_core contract, on
// every core of it (AesModels): key set-up, back-to-back blocks, direction
// changes, key loads while a block is in flight (one edge after its accept,
// and on the very accepting edge), a key load during the key set-up, and a
// held result.
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

// Checks every block of `run` against OpenSSL under the key job before it.
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
  using Traits = AesModelTraits<Model>;
  AesCoreDriver<Model> core(aes_waveform<Model>("key_setup"));
  // The smallest, then the others from the largest down, and back to the
  // smallest (16, 32, 24, 16 for aes_core): every change of key size.
  const std::vector<std::size_t> supported = Traits::key_sizes();
  std::vector<std::size_t> sizes{supported.front()};
  sizes.insert(sizes.end(), supported.rbegin(), supported.rend() - 1);
  sizes.push_back(supported.front());
  for (std::size_t key_bytes : sizes) {
    const std::uint64_t clocks = core.load_key(counting_bytes(key_bytes, 1));
    BOOST_TEST(clocks == Traits::key_setup(key_bytes),
               Traits::kName << " " << aes_name(key_bytes) << " key set-up: expected "
                             << Traits::key_setup(key_bytes) << " clocks, got " << clocks);
  }
}

// Blocks waiting back to back, output always ready: one accept every
// clocks_per_block edges in either direction and when the direction
// alternates, each block delivered `latency` edges after its accept.
BOOST_AUTO_TEST_CASE_TEMPLATE(back_to_back_blocks, Model, AesModels) {
  using Traits = AesModelTraits<Model>;
  AesCoreDriver<Model> core(aes_waveform<Model>("back_to_back"));
  for (std::size_t key_bytes : Traits::key_sizes()) {
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
        BOOST_TEST(block.output_edge - block.accept_edge == Traits::latency(key_bytes),
                   Traits::kName << " " << aes_name(key_bytes) << " " << what << " block " << i
                                 << " latency: expected " << Traits::latency(key_bytes)
                                 << " clocks, got " << block.output_edge - block.accept_edge);
        if (i == 0) {
          BOOST_TEST(block.accept_edge - run.key_load_edges.front() == Traits::key_setup(key_bytes),
                     Traits::kName << " " << aes_name(key_bytes) << " " << what
                                   << ": first block not accepted right after key set-up");
          continue;
        }
        const std::uint64_t interval = block.accept_edge - run.blocks[i - 1].accept_edge;
        BOOST_TEST(interval == Traits::clocks_per_block(key_bytes),
                   Traits::kName << " " << aes_name(key_bytes) << " " << what << " block " << i
                                 << ": expected " << Traits::clocks_per_block(key_bytes)
                                 << " clocks per block, got " << interval);
      }
    }
  }
}

// A block whose tvalid rises in the very clock it could be accepted, with a
// direction other than the previous block's, waits direction_change_wait
// clocks (one in the iterative aes_core: its first round key is fetched one
// clock ahead).
BOOST_AUTO_TEST_CASE_TEMPLATE(direction_change_from_idle, Model, AesModels) {
  using Traits = AesModelTraits<Model>;
  AesCoreDriver<Model> core(aes_waveform<Model>("direction"));
  const Bytes key = counting_bytes(32, 9);
  core.load_key(key);
  bool previous = false;  // reset leaves the encrypt direction
  for (bool decrypt : {false, false, true, true, false}) {
    const std::uint64_t offered = core.model().cycle();
    const std::vector<AesJob> jobs{AesJob::key(key), AesJob::block(counting_bytes(16, 5), decrypt)};
    const AesRun run = core.run({jobs[1]});
    check_results<Model>(run, jobs, "from idle");
    const std::uint64_t expected_wait = decrypt != previous ? Traits::direction_change_wait() : 0;
    BOOST_TEST(run.blocks[0].accept_edge - offered == expected_wait,
               Traits::kName << (decrypt ? " decrypt" : " encrypt") << " block after a "
                             << (previous ? "decrypt" : "encrypt") << " one: expected to wait "
                             << expected_wait << " clocks, waited "
                             << run.blocks[0].accept_edge - offered);
    previous = decrypt;
  }
}

// Key reloads between blocks, in both directions and across key sizes. Each
// key_load comes one clock after the previous block was accepted, so that
// block is still in flight and must finish with the old key.
BOOST_AUTO_TEST_CASE_TEMPLATE(key_reload_between_blocks, Model, AesModels) {
  using Traits = AesModelTraits<Model>;
  AesCoreDriver<Model> core(aes_waveform<Model>("key_reload"));
  std::vector<AesJob> jobs;
  std::vector<std::size_t> key_sizes;
  std::uint8_t seed = 1;
  // Every change between the supported sizes and a reload of the same size.
  for (std::size_t key_bytes : {16u, 32u, 24u, 16u, 24u, 32u, 32u, 16u, 16u}) {
    if (!aes_supports<Model>(key_bytes)) continue;
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
    const std::uint64_t expected =
        run.key_load_edges[k] + Traits::key_reload_after_accept(key_sizes[k - 1], key_sizes[k]);
    BOOST_TEST(first_accept == expected, Traits::kName
                                             << " reload " << k << " to " << aes_name(key_sizes[k])
                                             << ": first block expected at edge " << expected
                                             << ", accepted at " << first_accept);
  }
}

// key_load on the very edge that accepts a block: the block still finishes
// with the old key, the next one waits for the new key's set-up.
BOOST_AUTO_TEST_CASE_TEMPLATE(key_load_on_accepting_edge, Model, AesModels) {
  using Traits = AesModelTraits<Model>;
  AesCoreDriver<Model> core(aes_waveform<Model>("key_load_on_accept"));
  auto& model = core.model();
  for (std::size_t old_bytes : Traits::key_sizes()) {
    for (bool decrypt : {false, true}) {
      const Bytes old_key = counting_bytes(old_bytes, 0x21);
      const Bytes new_key = counting_bytes(Traits::key_sizes().back(), 0x42);
      const Bytes block = counting_bytes(16, 0x63);
      const std::string what = std::string(Traits::kName) + " " + aes_name(old_bytes) +
                               (decrypt ? " decrypt" : " encrypt") +
                               " block accepted with a key_load";
      core.load_key(old_key);
      Bytes padded = new_key;
      padded.resize(32, 0);
      store_be(model->key_in, padded.data(), padded.size());
      model->key_size = static_cast<std::uint8_t>((new_key.size() - 16) / 8);
      model->key_load = 1;
      store_be(model->s_axis_tdata, block.data(), block.size());
      model->s_axis_tuser = decrypt;
      model->s_axis_tvalid = 1;
      model->m_axis_tready = 1;
      model.settle();
      BOOST_TEST_REQUIRE(static_cast<bool>(model->s_axis_tready), what << ": core not ready");
      const std::uint64_t load_edge = model.cycle();
      model.tick();
      model->key_load = 0;
      model->s_axis_tvalid = 0;
      model.settle();
      while (!model->m_axis_tvalid && model.cycle() < load_edge + 200) model.tick();
      const Bytes expected_old = aes_ecb_reference(old_key, block, decrypt);
      const Bytes result = load_be(model->m_axis_tdata, 16);
      BOOST_TEST(result == expected_old, what << ": expected the old key's " << to_hex(expected_old)
                                              << " got " << to_hex(result));
      BOOST_TEST((model->m_axis_tvalid && model.cycle() - load_edge == Traits::latency(old_bytes)),
                 what << ": delivered " << model.cycle() - load_edge << " clocks after it");
      model.tick();  // m_axis_tready is high: the result leaves
      const std::vector<AesJob> next{AesJob::key(new_key), AesJob::block(block, !decrypt)};
      const AesRun run = core.run({next[1]});
      check_results<Model>(run, next, "after a key_load on an accepting edge,");
      const std::uint64_t expected =
          load_edge + Traits::key_reload_after_accept(old_bytes, new_key.size()) + 1;
      BOOST_TEST(run.blocks[0].accept_edge == expected, what << ": next block expected at edge "
                                                             << expected << ", accepted at "
                                                             << run.blocks[0].accept_edge);
    }
  }
}

// A key_load during the key set-up restarts it with the new key.
BOOST_AUTO_TEST_CASE_TEMPLATE(key_load_during_setup, Model, AesModels) {
  using Traits = AesModelTraits<Model>;
  AesCoreDriver<Model> core(aes_waveform<Model>("key_load_during_setup"));
  auto& model = core.model();
  for (std::size_t first_bytes : Traits::key_sizes()) {
    const std::size_t second_bytes = Traits::key_sizes().front();
    core.strobe_key_load(counting_bytes(first_bytes, 0x10));
    for (int i = 0; i < 20; ++i) model.tick();
    BOOST_TEST(!model->key_ready, Traits::kName << ": key_ready high 20 clocks into the set-up");
    const Bytes key = counting_bytes(second_bytes, 0x30);
    const std::uint64_t clocks = core.load_key(key);
    BOOST_TEST(clocks == Traits::key_setup(second_bytes),
               Traits::kName << " " << aes_name(second_bytes)
                             << " key loaded during a set-up: expected "
                             << Traits::key_setup(second_bytes) << " clocks, got " << clocks);
    for (bool decrypt : {false, true}) {
      const Bytes block = counting_bytes(16, decrypt ? 0x77 : 0x55);
      const Bytes expected = aes_ecb_reference(key, block, decrypt);
      const Bytes result = core.process_block(block, decrypt).first;
      BOOST_TEST(result == expected, Traits::kName << " key loaded during a set-up, "
                                                   << (decrypt ? "decrypt" : "encrypt")
                                                   << ": expected " << to_hex(expected) << " got "
                                                   << to_hex(result));
    }
  }
}

// The result stays on m_axis_tdata, unchanged, while m_axis_tready is low;
// meanwhile the next block is taken (s_axis_tready does not depend on
// m_axis_tready nor on the full output register: cbc_cipher's chaining
// takes a result only on the edge that accepts the next block), runs, and
// waits for the output register before delivering. (Not for a core whose
// pipeline stops while a result waits: aes_core UNROLL=1.)
BOOST_AUTO_TEST_CASE_TEMPLATE(result_held_under_back_pressure, Model, AesModels) {
  using Traits = AesModelTraits<Model>;
  if constexpr (!Traits::kTakesInputWhileResultWaits) {
    BOOST_TEST_MESSAGE(Traits::kName << ": its pipeline stops while a result waits; skipped");
    return;
  }
  AesCoreDriver<Model> core(aes_waveform<Model>("held_result"));
  auto& model = core.model();
  const Bytes key = counting_bytes(16, 0x5a);
  core.load_key(key);
  const Bytes first = counting_bytes(16, 0x11), second = counting_bytes(16, 0x22);
  auto ready_for_both_m_ready = [&] {
    model->m_axis_tready = 1;
    model.settle();
    const bool with_ready = model->s_axis_tready;
    model->m_axis_tready = 0;
    model.settle();
    BOOST_TEST(
        with_ready == static_cast<bool>(model->s_axis_tready),
        Traits::kName << ": s_axis_tready depends on m_axis_tready at edge " << model.cycle());
    return static_cast<bool>(model->s_axis_tready);
  };
  store_be(model->s_axis_tdata, first.data(), first.size());
  model->s_axis_tuser = 0;
  model->s_axis_tvalid = 1;
  while (!ready_for_both_m_ready()) model.tick();
  model.tick();
  model->s_axis_tvalid = 0;
  model.settle();
  while (!model->m_axis_tvalid) {
    ready_for_both_m_ready();
    model.tick();
  }
  const Bytes expected = aes_ecb_reference(key, first, false);
  const std::uint64_t held_from = model.cycle();
  bool second_accepted = false;
  store_be(model->s_axis_tdata, second.data(), second.size());
  model->s_axis_tuser = 1;
  for (int i = 0; i < 120; ++i) {
    const Bytes result = load_be(model->m_axis_tdata, 16);
    BOOST_TEST_REQUIRE(result == expected, Traits::kName << " result held, clock " << i
                                                         << ": expected " << to_hex(expected)
                                                         << " got " << to_hex(result));
    BOOST_TEST_REQUIRE(static_cast<bool>(model->m_axis_tvalid));
    BOOST_TEST_REQUIRE(!model->m_axis_tuser);
    model->s_axis_tvalid = !second_accepted;
    const bool ready = ready_for_both_m_ready();
    if (!second_accepted && ready) {
      second_accepted = true;
      BOOST_TEST(model.cycle() == held_from + Traits::direction_change_wait(),
                 Traits::kName << ": next block not taken at once while a result waits");
    }
    model.tick();
  }
  model->s_axis_tvalid = 0;
  BOOST_TEST(second_accepted, Traits::kName << ": next block never taken while a result waited");
  model->m_axis_tready = 1;
  model.tick();
  model->m_axis_tready = 0;
  // The second block waited for the output register; it follows
  // result_after_take edges after the take.
  for (std::uint64_t i = 0; i < Traits::result_after_take(); ++i) {
    model.settle();
    BOOST_TEST_REQUIRE(!model->m_axis_tvalid, Traits::kName << ": second result early");
    model.tick();
  }
  model.settle();
  BOOST_TEST(static_cast<bool>(model->m_axis_tvalid),
             Traits::kName << ": the waiting block did not follow the taken result");
  const Bytes expected_second = aes_ecb_reference(key, second, true);
  BOOST_TEST(load_be(model->m_axis_tdata, 16) == expected_second,
             Traits::kName << " second block: expected " << to_hex(expected_second) << " got "
                           << to_hex(load_be(model->m_axis_tdata, 16)));
  BOOST_TEST(static_cast<bool>(model->m_axis_tuser), Traits::kName << ": second block's tuser");
}

BOOST_AUTO_TEST_SUITE_END()
