// link_shared_ram against a shadow memory: its four users driven the way the
// board core drives them (docs/link/ipsec_fpga_core.md, "The SPRAM form"):
// - the receiver's ring writes, never refused, at most one per 2 cycles
//   (one per 4 body bytes; the frame's last, partial word may follow 2
//   cycles after the one before);
// - the ring reader: asks for a word until ring_rd_busy is low, data the
//   cycle after;
// - the result writes: held until res_wr_ready;
// - the transmitter: asks for a tail word every cycle (the same word again
//   while its byte is stalled), tx_rd_miss says the word did not come.
// The result writes go into one half while the transmitter reads the other
// (as link_dispatch and link_tx_arbiter guarantee); the halves swap. Every
// word read must be the last one written, every user must make progress,
// and the test reports the share of the port each one got.
#define BOOST_TEST_MODULE link_shared_ram
#include <array>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "Vlink_shared_ram.h"
#include "clocked_model.hpp"
#include "test_seed.hpp"

using namespace ipsec_fpga::verif;

namespace {

constexpr unsigned kRingWords = 1024;
constexpr unsigned kResWords = 1024;  // two halves of 512
constexpr unsigned kHalf = kResWords / 2;

struct Rates {
  unsigned ring_write_gap_min;  // cycles between receiver writes, at least
  unsigned ring_write_gap_max;
  unsigned res_write_percent;  // chance per cycle that a result write is offered
  unsigned tx_stall_percent;   // chance that the transmitter asks for the same word again
  bool ring_reader_busy;       // the ring reader always wants a word
};

struct Counts {
  std::uint64_t ring_writes = 0, ring_reads = 0, res_writes = 0, tx_words = 0, tx_misses = 0;
  std::uint64_t longest_ring_read_wait = 0, longest_tx_wait = 0, longest_res_wait = 0;
};

Counts run(const std::string& name, std::uint64_t seed, const Rates& rates, std::uint64_t cycles) {
  std::mt19937_64 rng(seed);
  ClockedModel<Vlink_shared_ram> sim(name);
  std::vector<std::uint32_t> ring(kRingWords, 0), res(kResWords, 0);
  bool ring_known[kRingWords] = {};
  bool res_known[kResWords] = {};
  auto& m = *sim;
  m.ring_wr_en = 0;
  m.ring_rd_en = 0;
  m.res_wr_en = 0;
  m.tx_rd_en = 0;
  sim.reset();

  Counts counts;
  auto percent = [&](unsigned p) { return rng() % 100 < p; };
  unsigned next_ring_write = 0;
  unsigned ring_wr_addr = 0;
  // Ring reader: the word it wants and since when.
  unsigned ring_rd_addr = 0;
  std::uint64_t ring_rd_since = 0;
  bool ring_rd_pending = false;  // a read was done: data this cycle
  std::uint32_t ring_rd_expected = 0;
  // Result writer and transmitter: writes into half `write_half`, tx reads the other.
  unsigned write_half = 1;
  bool res_offer = false;
  unsigned res_addr = 0;
  std::uint32_t res_data = 0;
  std::uint64_t res_since = 0;
  unsigned tx_word = 0;
  std::uint64_t tx_since = 0;
  bool tx_asked = false;
  unsigned tx_asked_addr = 0;
  std::uint64_t cycles_since_swap = 0;

  // Fill the transmitter's first half.
  for (unsigned i = 0; i < kHalf; ++i) {
    res[i] = 0;
    res_known[i] = false;
  }

  for (std::uint64_t now = 0; now < cycles; ++now) {
    // ---- check the outputs of last cycle's requests ----
    sim.settle();
    if (ring_rd_pending) {
      BOOST_TEST(m.ring_rd_data == ring_rd_expected,
                 name << " cycle " << now << ": ring word expected " << std::hex << ring_rd_expected
                      << " got " << m.ring_rd_data << std::dec);
      ++counts.ring_reads;
    }
    bool tx_delivered = false;
    if (tx_asked) {
      if (m.tx_rd_miss) {
        ++counts.tx_misses;
      } else {
        tx_delivered = true;
        if (res_known[tx_asked_addr])
          BOOST_TEST(m.tx_rd_data == res[tx_asked_addr],
                     name << " cycle " << now << ": result word " << tx_asked_addr << " expected "
                          << std::hex << res[tx_asked_addr] << " got " << m.tx_rd_data << std::dec);
      }
    }

    // ---- drive this cycle ----
    // Receiver: a write when its gap has passed.
    const bool ring_write = now >= next_ring_write && percent(70);
    m.ring_wr_en = ring_write;
    m.ring_wr_addr = static_cast<std::uint16_t>(ring_wr_addr);
    const std::uint32_t ring_word = static_cast<std::uint32_t>(rng());
    m.ring_wr_data = ring_word;
    // Ring reader.
    const bool ring_read = rates.ring_reader_busy || percent(50);
    if (ring_read && ring_rd_since == 0) ring_rd_since = now + 1;
    m.ring_rd_en = ring_read;
    m.ring_rd_addr = static_cast<std::uint16_t>(ring_rd_addr);
    // Result writer (holds its offer until taken); swaps halves now and then,
    // after its last write had time to land.
    if (!res_offer && cycles_since_swap < 2000 && percent(rates.res_write_percent)) {
      res_offer = true;
      res_addr = write_half * kHalf + rng() % kHalf;
      res_data = static_cast<std::uint32_t>(rng());
      res_since = now;
    }
    m.res_wr_en = res_offer;
    m.res_wr_addr = static_cast<std::uint16_t>(res_addr);
    m.res_wr_data = res_data;
    // Transmitter: the next word after one was delivered, unless it stalls.
    if (tx_delivered && !percent(rates.tx_stall_percent)) {
      tx_word = (tx_word + 1) % kHalf;
      tx_since = now;
    }
    const unsigned tx_addr = (1 - write_half) * kHalf + tx_word;
    const bool tx_reading = cycles_since_swap < 2000;
    m.tx_rd_en = tx_reading;
    m.tx_rd_addr = static_cast<std::uint16_t>(tx_addr);
    sim.settle();

    const bool ring_read_done = ring_read && !m.ring_rd_busy;
    const bool res_taken = res_offer && m.res_wr_ready;

    // ---- the edge ----
    sim.tick();

    ring_rd_pending = ring_read_done;
    if (ring_read_done) {
      ring_rd_expected = ring[ring_rd_addr];
      if (!ring_known[ring_rd_addr]) ring_rd_pending = false;  // never written: any value
      const std::uint64_t wait = now + 1 - ring_rd_since;
      if (wait > counts.longest_ring_read_wait) counts.longest_ring_read_wait = wait;
      ring_rd_since = 0;
      ring_rd_addr = rng() % kRingWords;
    }
    if (ring_write) {
      // A read done in the same cycle saw the memory before this write:
      // the port was the receiver's, so no read was done.
      BOOST_TEST(!ring_read_done, name << " cycle " << now << ": ring read granted beside a write");
      ring[ring_wr_addr] = ring_word;
      ring_known[ring_wr_addr] = true;
      ++counts.ring_writes;
      ring_wr_addr = (ring_wr_addr + 1) % kRingWords;
      next_ring_write =
          static_cast<unsigned>(now + rates.ring_write_gap_min +
                                rng() % (rates.ring_write_gap_max - rates.ring_write_gap_min + 1));
    }
    if (res_taken) {
      res[res_addr] = res_data;  // lands within 2 cycles; tx reads the other half
      res_known[res_addr] = true;
      res_offer = false;
      ++counts.res_writes;
      const std::uint64_t wait = now - res_since;
      if (wait > counts.longest_res_wait) counts.longest_res_wait = wait;
    }
    tx_asked = tx_reading;
    tx_asked_addr = tx_addr;
    if (tx_reading) {
      const std::uint64_t wait = now - tx_since;
      if (wait > counts.longest_tx_wait) counts.longest_tx_wait = wait;
    }
    if (tx_delivered) ++counts.tx_words;
    // Swap halves: stop writing and reading for a few cycles (the frame
    // boundary), then the transmitter reads what was written.
    if (++cycles_since_swap == 2008 && !res_offer) {
      write_half = 1 - write_half;
      cycles_since_swap = 0;
      tx_word = 0;
      tx_since = now;
    } else if (cycles_since_swap > 2008) {
      cycles_since_swap = 2007;
    }
  }
  return counts;
}

double share(std::uint64_t part, std::uint64_t cycles) {
  return 100.0 * static_cast<double>(part) / static_cast<double>(cycles);
}

void check(const std::string& name, const Counts& c, std::uint64_t cycles) {
  BOOST_TEST(c.ring_writes > 0u);
  BOOST_TEST(c.ring_reads > 0u);
  BOOST_TEST(c.res_writes > 0u);
  BOOST_TEST(c.tx_words > 0u);
  BOOST_TEST(c.longest_ring_read_wait < 64u,
             name << ": a ring read waited " << c.longest_ring_read_wait << " cycles");
  BOOST_TEST(c.longest_res_wait < 64u,
             name << ": a result write waited " << c.longest_res_wait << " cycles");
  BOOST_TEST(c.longest_tx_wait < 64u,
             name << ": a tail word waited " << c.longest_tx_wait << " cycles");
  BOOST_TEST_MESSAGE(name << ": " << cycles << " cycles; port: ring writes "
                          << share(c.ring_writes, cycles) << "%, result writes "
                          << share(c.res_writes, cycles) << "%, ring reads "
                          << share(c.ring_reads, cycles) << "%; tail words delivered " << c.tx_words
                          << ", refused " << c.tx_misses << "; longest waits: ring read "
                          << c.longest_ring_read_wait << ", result write " << c.longest_res_wait
                          << ", tail word " << c.longest_tx_wait);
}

}  // namespace

// The wire at one byte per clock (the simulated board's transport, an
// FT2232H FIFO at full speed): a ring write every 4 cycles, every 2 at worst;
// the engine's output at most one word per 2 cycles; everyone else busy.
BOOST_AUTO_TEST_CASE(byte_per_clock_input) {
  const Rates rates{2, 4, 50, 30, true};
  constexpr std::uint64_t kCycles = 200000;
  const auto counts = run("link_shared_ram_byte_per_clock",
                          test_seed("link_shared_ram.byte_per_clock", 0x5b4a), rates, kCycles);
  check("link_shared_ram byte per clock", counts, kCycles);
}

// The UART (a byte every 40 clocks: a ring write every 160) with light traffic elsewhere.
BOOST_AUTO_TEST_CASE(uart_input) {
  const Rates rates{150, 170, 10, 60, false};
  constexpr std::uint64_t kCycles = 100000;
  const auto counts =
      run("link_shared_ram_uart", test_seed("link_shared_ram.uart", 0x3ba0), rates, kCycles);
  check("link_shared_ram uart", counts, kCycles);
}
