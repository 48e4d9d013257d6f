// ipsec-fpga-esp-bench: cycles per packet of the whole ESP engine, for every
// suite it offers, both directions, at the payload sizes and an IMIX
// mix, measured on the cycle-accurate Verilated model (never wall clock).
// Every packet is checked against the reference ESP on the way, so the
// figures are of correct packets only. Prints a Markdown table; --markdown
// writes it with a header to a file (docs/figures/esp-engine-bench.md).
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "Vesp_engine.h"
#include "engine_sa_pairs.hpp"
#include "esp_cycle_bound.hpp"
#include "esp_engine_driver.hpp"
#include "sa_pair.hpp"

namespace po = boost::program_options;
using namespace ipsec_fpga::verif;
using namespace ipsec_fpga::verif::esp_rtl;
using Engine = EspEngineDriver<Vesp_engine>;

namespace {

constexpr unsigned entry_bits = 6;
constexpr unsigned repeats = 8;  // packets per measurement; the first two warm up

struct Row {
  std::string suite, direction, size;
  double cycles_per_packet = 0, bytes_per_cycle = 0, limit = 0, overhead = 0;
  std::uint64_t latency = 0;
};

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string suite_name(const esp::Suite& suite) {
  std::string name(esp::to_string(suite.cipher));
  if (suite.integrity != esp::Integrity::none)
    name += " + " + std::string(esp::to_string(suite.integrity));
  return name;
}

// Steady-state cycles per packet: between the statuses of packets 2 and the last.
double steady_cycles(const std::vector<EngineResult>& results) {
  return static_cast<double>(results.back().status_cycle - results[1].status_cycle) /
         static_cast<double>(results.size() - 2);
}

std::vector<EngineResult> drain(std::deque<EngineResult>& queue) {
  std::vector<EngineResult> results(queue.begin(), queue.end());
  queue.clear();
  return results;
}

void fail(const std::string& what) { throw std::runtime_error("self-test failed: " + what); }

// Measures one suite on `sizes` (each size `repeats` times; a mix is one
// list of sizes repeated); appends an outbound and an inbound row.
void measure(Engine& engine, EngineSaPair& pair, esp::SaTable& reference,
             const std::string& size_label, const std::vector<std::size_t>& sizes,
             std::vector<Row>& rows) {
  const esp::Suite suite = pair.sender->sa.suite;
  std::vector<Bytes> inners, expected;
  std::size_t bytes = 0;
  double limit_out = 0, limit_in = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    inners.push_back(esp::test::sample_inner(sizes[i] - 28));
    const esp::OutboundResult result = reference_outbound(pair, inners.back());
    if (result.status != esp::EspStatus::ok) fail("reference refused a packet");
    expected.push_back(result.packet);
    engine.submit(OutboundJob{pair.out_index, inners.back(), {}, {}});
    if (i >= 2) {
      bytes += sizes[i];
      limit_out += static_cast<double>(cycle_bound(suite, sizes[i], false, true).limit());
      limit_in += static_cast<double>(cycle_bound(suite, sizes[i], false, false).limit());
    }
  }
  engine.run(50'000'000);
  const std::vector<EngineResult> out = drain(engine.outbound_results);
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i].code != 0 || out[i].packet != expected[i])
      fail(suite_name(suite) + " outbound packet");
  for (const Bytes& packet : expected)
    engine.submit(InboundJob{packet, static_cast<unsigned>(pair.receiver->sa.encapsulation)});
  engine.run(50'000'000);
  const std::vector<EngineResult> in = drain(engine.inbound_results);
  for (std::size_t i = 0; i < in.size(); ++i) {
    const esp::InboundResult ref =
        esp::process_inbound(reference, expected[i], pair.receiver->sa.encapsulation);
    if (in[i].code != 0 || in[i].packet != inners[i] || ref.inner != inners[i])
      fail(suite_name(suite) + " inbound packet");
  }
  const double measured = static_cast<double>(sizes.size() - 2);
  for (const auto& [direction, results, limit] :
       {std::tuple{"out", &out, limit_out}, std::tuple{"in", &in, limit_in}}) {
    Row row{suite_name(suite), direction, size_label};
    row.cycles_per_packet = steady_cycles(*results);
    row.bytes_per_cycle = static_cast<double>(bytes) / (row.cycles_per_packet * measured);
    row.limit = limit / measured;
    row.overhead = row.cycles_per_packet - row.limit;
    row.latency = results->front().status_cycle - results->front().command_cycle;
    rows.push_back(row);
  }
}

std::string table(const std::vector<Row>& rows) {
  std::ostringstream out;
  out << "| suite | direction | inner packet bytes | cycles/packet | bytes/cycle | slowest unit's "
         "limit (cycles) | of the limit | overhead (cycles) | first-packet latency |\n"
         "|---|---|---|---|---|---|---|---|---|\n";
  for (const Row& r : rows)
    out << "| " << r.suite << " | " << r.direction << " | " << r.size << " | "
        << fixed(r.cycles_per_packet, 1) << " | " << fixed(r.bytes_per_cycle, 3) << " | "
        << fixed(r.limit, 1) << " | " << fixed(100.0 * r.limit / r.cycles_per_packet, 1) << "% | "
        << fixed(r.overhead, 1) << " | " << r.latency << " |\n";
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description options("ipsec-fpga-esp-bench options");
  std::string markdown_path;
  bool quick = false;
  options.add_options()("help,h", "show this help")(
      "quick", po::bool_switch(&quick),
      "two sizes and AES-128-CBC + HMAC-SHA1-96 only (self-test)")(
      "markdown", po::value(&markdown_path), "also write the table, with a header, to this file");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "ipsec-fpga-esp-bench: " << e.what() << "\n" << options;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << options;
    return 0;
  }
  try {
    std::vector<std::size_t> sizes = {64, 128, 256, 512, 1024, 1280, 1400, 1500};
    std::vector<esp::Suite> suites = esp::engine_suites();
    if (quick) {
      sizes = {64, 1400};
      suites = {{esp::Cipher::aes128_cbc, esp::Integrity::hmac_sha1_96}};
    }
    // Simple IMIX (7 x 40, 4 x 576, 1 x 1500 bytes), interleaved as a stream would be.
    const std::vector<std::size_t> imix = {40, 576, 40, 40, 576, 40, 1500, 40, 576, 40, 40, 576};
    std::vector<Row> rows;
    std::mt19937_64 rng(1);
    std::uint64_t simulated = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const esp::Suite& suite : suites) {
      Engine engine("esp_bench", 1, 0);
      EngineSaPairs pairs(entry_bits);
      EngineSaPair pair =
          pairs.install(engine, suite, esp::Mode::tunnel, esp::Encapsulation::bare_esp, false, rng);
      for (const std::size_t size : sizes)
        measure(engine, pair, pairs.reference, std::to_string(size),
                std::vector<std::size_t>(repeats, size), rows);
      if (!quick) {
        std::vector<std::size_t> mix = {40, 40};  // warm-up
        mix.insert(mix.end(), imix.begin(), imix.end());
        measure(engine, pair, pairs.reference, "IMIX 7:4:1", mix, rows);
      }
      simulated += engine.cycle();
      std::cerr << "." << std::flush;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "\n";
    const std::string text = table(rows);
    std::cout << text << "\nSimulated " << simulated << " cycles in " << fixed(seconds, 1)
              << " s of wall clock (" << fixed(static_cast<double>(simulated) / seconds / 1e6, 2)
              << " M simulated cycles/s, the Verilated model's own speed).\n";
    if (!markdown_path.empty()) {
      std::ofstream file(markdown_path);
      file << "# ESP engine: cycles per packet (generated)\n\n"
              "Generated by `ipsec-fpga-esp-bench --markdown` (target `figures`) from the "
              "cycle-accurate Verilated model of `rtl/esp/esp_engine.v`; every packet is "
              "checked against the reference ESP. Tunnel mode, bare ESP, 32-bit sequence "
              "numbers, back-to-back packets of one SA with no back-pressure. *Cycles/packet* "
              "is the steady state (between the statuses of packets 2 and 8), *slowest unit's "
              "limit* the cycles the slowest unit in the path needs for the packet by its "
              "documented timing (verif/esp_engine/esp_cycle_bound.hpp), *overhead* the "
              "difference. *Latency*: command to status of the first packet (SA read, key "
              "load included).\n\n"
           << text;
      if (!file) throw std::runtime_error("cannot write " + markdown_path);
    }
  } catch (const std::exception& e) {
    std::cerr << "ipsec-fpga-esp-bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
