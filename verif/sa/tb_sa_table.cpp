// sa_table against a C++ model of the memory: keys masked on host reads,
// engine writes limited to mutable words, erase and reset clear, exact
// latencies and arbitration, random traffic on both ports at once.
#define BOOST_TEST_MODULE sa_table
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "Vsa_table.h"
#include "Vsa_table_ebr16.h"
#include "handshake_jitter.hpp"
#include "sa_layout.hpp"
#include "sa_table_driver.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;
namespace layout = ipsec_fpga::sa_layout;

namespace {

constexpr unsigned kWords = layout::entry_words;

std::string hex32(std::uint32_t value) {
  char text[12];
  std::snprintf(text, sizeof text, "%08x", value);
  return text;
}

std::uint32_t pattern(unsigned entry, unsigned word) {
  return 0x9e3779b9u * (entry * kWords + word + 1) ^ 0x5a5a0000u;
}

// What a host read of `word` returns when the memory holds `stored`.
std::uint32_t host_view(unsigned word, std::uint32_t stored) {
  return layout::is_key_word(word) ? 0 : stored;
}

template <class Model>
void check_reset_clears_everything(unsigned entries) {
  SaTableDriver<Model> table("sa_table_reset_clear", entries);
  // The reset clear starts when reset falls: one edge per word.
  const std::uint64_t edges = table.wait_idle();
  BOOST_TEST(edges == table.clear_cycles(),
             "sa_table reset clear: expected " << table.clear_cycles() << " cycles, got " << edges);
  for (unsigned entry = 0; entry < entries; ++entry)
    for (unsigned word = 0; word < kWords; ++word) {
      const auto read = table.engine_read(entry, word);
      BOOST_TEST(read.data == 0u, "sa_table after reset: entry " << entry << " word " << word
                                                                 << " expected 00000000 got "
                                                                 << hex32(read.data));
    }
}

// Random traffic on both ports against a model of the memory.
template <class Model>
void check_random_traffic(unsigned entries, std::uint64_t seed_default, const char* name) {
  std::mt19937_64 rng(test_seed(name, seed_default));
  SaTableDriver<Model> table(name, entries);
  table.wait_idle();
  std::vector<std::uint32_t> memory(static_cast<std::size_t>(entries) * kWords, 0);
  HandshakeJitter host_jitter(rng, 30), engine_jitter(rng, 30);

  // A few hot entries make both ports collide on the same words.
  auto pick_entry = [&] {
    const unsigned hot[] = {0, 1, entries - 1};
    return rng() % 4 != 0 ? hot[rng() % 3] : static_cast<unsigned>(rng() % entries);
  };
  struct Pending {
    std::uint64_t accepted_at;
    std::uint32_t expected;
    unsigned entry, word;
    std::uint64_t index;
  };
  std::deque<Pending> responses;
  SaHostRequest host;
  SaEngineRequest engine;
  std::uint64_t host_ops = 0, engine_ops = 0, erases = 0, cycle = 0;
  unsigned host_refusals = 0;
  int erasing_entry = -1;  // engine traffic keeps off an entry while it is erased

  while (host_ops < 10000 || engine_ops < 10000) {
    if (!host.valid && host_jitter.offer() && erasing_entry < 0) {
      const unsigned roll = static_cast<unsigned>(rng() % 100);
      host = {true,
              roll < 2    ? SaHostOp::erase
              : roll < 51 ? SaHostOp::read
                          : SaHostOp::write,
              pick_entry(), static_cast<unsigned>(rng() % kWords),
              static_cast<std::uint32_t>(rng())};
      // An engine request already waiting for this entry would race the eraser.
      if (host.op == SaHostOp::erase && engine.valid && engine.entry == host.entry)
        host.op = SaHostOp::read;
      if (host.op == SaHostOp::erase) erasing_entry = static_cast<int>(host.entry);
    }
    if (!engine.valid && engine_jitter.offer()) {
      unsigned entry = pick_entry();
      if (static_cast<int>(entry) == erasing_entry) entry = (entry + 1) % entries;
      engine = {true, rng() % 2 == 0, entry, static_cast<unsigned>(rng() % kWords),
                static_cast<std::uint32_t>(rng())};
    }
    const bool was_busy = table.sim()->busy;
    const SaTableCycle done = table.step(host, engine);
    ++cycle;
    BOOST_REQUIRE_MESSAGE(!(done.host_accepted && done.engine_accepted),
                          "sa_table: both ports accepted in cycle " << cycle);
    if (engine.valid && !done.engine_accepted)
      BOOST_REQUIRE_MESSAGE(
          host_refusals >= SaTableDriver<Model>::kHostWaitLimit || was_busy,
          "sa_table: engine refused in cycle " << cycle << " without a starving host");
    if (host.valid && !done.host_accepted && !was_busy) {
      ++host_refusals;
      BOOST_REQUIRE_MESSAGE(host_refusals <= SaTableDriver<Model>::kHostWaitLimit,
                            "sa_table: host refused " << host_refusals << " cycles in a row");
    } else {
      host_refusals = 0;
    }

    // Responses first: they belong to reads accepted at earlier edges.
    if (done.host_response || done.engine_response) {
      BOOST_REQUIRE_MESSAGE(!responses.empty(),
                            "sa_table: response without a read, cycle " << cycle);
      const Pending read = responses.front();
      responses.pop_front();
      BOOST_TEST(cycle - read.accepted_at + 1 == SaTableDriver<Model>::kReadLatency,
                 "sa_table read #" << read.index << ": latency " << cycle - read.accepted_at + 1);
      BOOST_TEST(done.rdata == read.expected,
                 "sa_table " << (done.host_response ? "host" : "engine") << " read #" << read.index
                             << " entry " << read.entry << " word " << read.word << ": expected "
                             << hex32(read.expected) << " got " << hex32(done.rdata));
    }
    if (done.host_accepted) {
      const std::size_t base = static_cast<std::size_t>(host.entry) * kWords;
      if (host.op == SaHostOp::read)
        responses.push_back({cycle, host_view(host.word, memory[base + host.word]), host.entry,
                             host.word, host_ops});
      else if (host.op == SaHostOp::write)
        memory[base + host.word] = host.wdata;
      else
        std::fill(memory.begin() + static_cast<std::ptrdiff_t>(base),
                  memory.begin() + static_cast<std::ptrdiff_t>(base + kWords), 0u),
            ++erases;
      ++host_ops;
      host.valid = false;
    }
    if (done.engine_accepted) {
      const std::size_t at = static_cast<std::size_t>(engine.entry) * kWords + engine.word;
      if (!engine.write)
        responses.push_back({cycle, memory[at], engine.entry, engine.word, engine_ops});
      else if (layout::is_engine_word(engine.word))
        memory[at] = engine.wdata;
      ++engine_ops;
      engine.valid = false;
    }
    if (!done.busy && erasing_entry >= 0 && !host.valid) erasing_entry = -1;
  }
  // Drain, then compare every word through the engine port (keys included).
  for (int i = 0; i < 4; ++i) table.step({}, {});
  table.wait_idle();
  unsigned mismatches = 0;
  for (unsigned entry = 0; entry < entries; ++entry)
    for (unsigned word = 0; word < kWords; ++word) {
      const std::uint32_t expected = memory[static_cast<std::size_t>(entry) * kWords + word];
      const auto read = table.engine_read(entry, word);
      if (read.data != expected && ++mismatches < 10)
        BOOST_TEST(read.data == expected, "sa_table final contents entry "
                                              << entry << " word " << word << ": expected "
                                              << hex32(expected) << " got " << hex32(read.data));
    }
  BOOST_TEST(mismatches == 0u);
  BOOST_TEST_MESSAGE(name << ": " << host_ops << " host ops (" << erases << " erases), "
                          << engine_ops << " engine ops in " << cycle << " cycles");
}

}  // namespace

BOOST_AUTO_TEST_CASE(reset_clears_everything) {
  check_reset_clears_everything<Vsa_table>(64);
  check_reset_clears_everything<Vsa_table_ebr16>(16);
}

BOOST_AUTO_TEST_CASE(keys_are_write_only_from_the_host) {
  SaTableDriver<Vsa_table> table("sa_table_keys", 64);
  table.wait_idle();
  const unsigned entry = 5;
  for (unsigned word = 0; word < kWords; ++word)
    table.host_write(entry, word, pattern(entry, word));
  unsigned key_words = 0;
  for (unsigned word = 0; word < kWords; ++word) {
    const auto host = table.host_read(entry, word);
    const auto engine = table.engine_read(entry, word);
    key_words += layout::is_key_word(word);
    BOOST_TEST(host.data == host_view(word, pattern(entry, word)),
               "sa_table host read word " << word << ": expected "
                                          << hex32(host_view(word, pattern(entry, word))) << " got "
                                          << hex32(host.data));
    BOOST_TEST(engine.data == pattern(entry, word),
               "sa_table engine read word " << word << ": expected " << hex32(pattern(entry, word))
                                            << " got " << hex32(engine.data));
  }
  // cipher key 8 + salt 1 + HMAC states 16.
  BOOST_TEST(key_words == 25u);
}

BOOST_AUTO_TEST_CASE(engine_writes_only_mutable_words) {
  SaTableDriver<Vsa_table> table("sa_table_engine_writes", 64);
  table.wait_idle();
  const unsigned entry = 63;
  for (unsigned word = 0; word < kWords; ++word)
    table.host_write(entry, word, pattern(entry, word));
  for (unsigned word = 0; word < kWords; ++word) table.engine_write(entry, word, ~word);
  for (unsigned word = 0; word < kWords; ++word) {
    const std::uint32_t expected = layout::is_engine_word(word) ? ~word : pattern(entry, word);
    const auto read = table.engine_read(entry, word);
    BOOST_TEST(read.data == expected, "sa_table after engine writes, word "
                                          << word << ": expected " << hex32(expected) << " got "
                                          << hex32(read.data));
  }
}

BOOST_AUTO_TEST_CASE(erase_zeroes_one_entry) {
  SaTableDriver<Vsa_table> table("sa_table_erase", 64);
  table.wait_idle();
  for (unsigned entry = 9; entry <= 11; ++entry)
    for (unsigned word = 0; word < kWords; ++word)
      table.host_write(entry, word, pattern(entry, word));
  const std::uint64_t cycles = table.erase(10);
  BOOST_TEST(cycles == SaTableDriver<Vsa_table>::kEraseCycles,
             "sa_table erase: expected " << SaTableDriver<Vsa_table>::kEraseCycles
                                         << " cycles, got " << cycles);
  for (unsigned entry = 9; entry <= 11; ++entry)
    for (unsigned word = 0; word < kWords; ++word) {
      const std::uint32_t expected = entry == 10 ? 0 : pattern(entry, word);
      const auto read = table.engine_read(entry, word);
      BOOST_TEST(read.data == expected, "sa_table erase of entry 10: entry "
                                            << entry << " word " << word << ": expected "
                                            << hex32(expected) << " got " << hex32(read.data));
    }
}

BOOST_AUTO_TEST_CASE(exact_latencies_and_arbitration) {
  using Driver = SaTableDriver<Vsa_table>;
  Driver table("sa_table_latency", 64);
  table.wait_idle();
  table.host_write(3, 1, 0x11223344u);
  BOOST_TEST(table.host_read(3, 1).cycles == Driver::kReadLatency);
  BOOST_TEST(table.engine_read(3, 1).cycles == Driver::kReadLatency);
  BOOST_TEST(table.engine_write(3, 2, 1u) == 1u);
  BOOST_TEST(table.host_write(3, 2, 1u) == 1u);

  // The engine requesting every cycle: a waiting host gets the memory after
  // exactly kHostWaitLimit refusals, and the engine loses that one cycle.
  const SaEngineRequest engine{true, false, 4, 0, 0};
  const SaHostRequest host{true, SaHostOp::write, 3, 1, 0xcafef00du};
  unsigned refused = 0;
  bool engine_refused = false;
  for (;;) {
    const SaTableCycle cycle = table.step(host, engine);
    if (cycle.host_accepted) {
      engine_refused = !cycle.engine_accepted;
      break;
    }
    BOOST_REQUIRE(cycle.engine_accepted);
    ++refused;
    BOOST_REQUIRE(refused < 100u);
  }
  BOOST_TEST(refused == Driver::kHostWaitLimit);
  BOOST_TEST(engine_refused);
  for (int i = 0; i < 4; ++i) table.step({}, {});
  BOOST_TEST(table.host_read(3, 1).data == 0xcafef00du);
}

BOOST_AUTO_TEST_CASE(random_traffic_64_entries_spram) {
  check_random_traffic<Vsa_table>(64, 0x5a7ab1e, "sa_table.random.spram64");
}

BOOST_AUTO_TEST_CASE(random_traffic_16_entries_ebr) {
  check_random_traffic<Vsa_table_ebr16>(16, 0x5a7ab1f, "sa_table.random.ebr16");
}
