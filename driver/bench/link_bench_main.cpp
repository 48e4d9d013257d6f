// ipsec-fpga-link-bench: packets through the whole host path (driver, host
// link framing, the simulated board's link RTL and ESP engine) on the `sim`
// transport: packets/s and simulated cycles per wall-clock second, the
// link's framing overhead per packet, and what that overhead leaves of the
// USB links a real board uses. --markdown FILE writes the figures page
// (docs/figures/host-link-bench.md); --quick runs fewer packets.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_traffic.hpp"
#include "board/board.hpp"
#include "link_limits.hpp"
#include "sim/open_sim_transport.hpp"

using namespace ipsec_fpga::driver;
using Clock = std::chrono::steady_clock;

namespace {

struct Row {
  std::string suite;
  std::string direction;
  std::string sizes;
  unsigned packets = 0;
  double packets_per_second = 0;   // wall clock, through the driver
  double cycles_per_second = 0;    // simulated cycles per wall-clock second
  double cycles_per_packet = 0;    // board time, link at one byte per cycle
  double wire_in_per_packet = 0;   // host -> board bytes on the wire
  double wire_out_per_packet = 0;  // board -> host
  double packet_in_bytes = 0;      // the packets' own bytes, per packet
  double packet_out_bytes = 0;
};

struct BenchSuite {
  std::string name;
  Cipher cipher;
  Integrity integrity;
};

class Bench {
 public:
  explicit Bench(bool quick) : quick_(quick) {
    auto transport = sim::open_sim_transport("");
    sim_ = transport.get();
    board_ = std::make_unique<Board>(std::move(transport));
  }

  const Capabilities& capabilities() const { return board_->capabilities(); }

  // Sends the packets pipelined (as many in flight as the credits allow)
  // and measures one direction; returns the outputs for the other.
  std::vector<std::vector<std::uint8_t>> run(const std::string& suite, Direction direction,
                                             const SaHandle& sa, const std::string& sizes,
                                             const std::vector<std::vector<std::uint8_t>>& packets,
                                             std::vector<Row>& rows) {
    const std::uint64_t cycles0 = sim_->cycles(), in0 = sim_->bytes_in(), out0 = sim_->bytes_out();
    const auto t0 = Clock::now();
    const auto outputs = run_pipelined(*board_, direction, sa, packets, suite);
    double packet_in = 0, packet_out = 0;
    for (const auto& packet : packets) packet_in += static_cast<double>(packet.size());
    for (const auto& output : outputs) packet_out += static_cast<double>(output.size());
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cycles = static_cast<double>(sim_->cycles() - cycles0);
    const double n = static_cast<double>(packets.size());
    rows.push_back({suite, direction == Direction::outbound ? "outbound" : "inbound", sizes,
                    static_cast<unsigned>(packets.size()), n / seconds, cycles / seconds,
                    cycles / n, static_cast<double>(sim_->bytes_in() - in0) / n,
                    static_cast<double>(sim_->bytes_out() - out0) / n, packet_in / n,
                    packet_out / n});
    return outputs;
  }

  void measure(const BenchSuite& suite, const std::string& sizes,
               const std::vector<std::size_t>& pattern, std::vector<Row>& rows) {
    const auto [out, in] = install_bench_sa_pair(*board_, suite.cipher, suite.integrity);
    const std::size_t count = quick_ ? 24 : 240;
    std::vector<std::vector<std::uint8_t>> packets;
    for (std::size_t i = 0; i < count; ++i)
      packets.push_back(bench_inner_packet(pattern[i % pattern.size()], static_cast<unsigned>(i)));
    const auto esp = run(suite.name, Direction::outbound, out, sizes, packets, rows);
    run(suite.name, Direction::inbound, in, sizes, esp, rows);
    board_->remove_sa(out);
    board_->remove_sa(in);
  }

 private:
  bool quick_;
  sim::SimTransport* sim_ = nullptr;
  std::unique_ptr<Board> board_;
};

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

void print_table(std::ostream& out, const std::vector<Row>& rows, bool markdown) {
  const char* sep = markdown ? " | " : "  ";
  if (!markdown)
    out << "suite  direction  packet bytes  packets  packets/s (wall)  sim cycles/s  board "
           "cycles/packet  wire bytes in/packet  out/packet  framing bytes/packet\n";
  if (markdown) {
    out << "| suite | direction | packet bytes | packets | packets/s (wall) | sim cycles/s "
           "| board cycles/packet | wire bytes in/packet | wire bytes out/packet | framing "
           "bytes/packet (in + out) |\n|---|---|---|---|---|---|---|---|---|---|\n";
  }
  for (const Row& r : rows) {
    const double framing =
        r.wire_in_per_packet - r.packet_in_bytes + r.wire_out_per_packet - r.packet_out_bytes;
    if (markdown) out << "| ";
    out << r.suite << sep << r.direction << sep << r.sizes << sep << r.packets << sep
        << fixed(r.packets_per_second, 0) << sep << fixed(r.cycles_per_second / 1e6, 2) << " M"
        << sep << fixed(r.cycles_per_packet, 0) << sep << fixed(r.wire_in_per_packet, 1) << sep
        << fixed(r.wire_out_per_packet, 1) << sep << fixed(framing, 1);
    out << (markdown ? " |\n" : "\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string markdown_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      quick = true;
    } else if (arg == "--markdown" && i + 1 < argc) {
      markdown_path = argv[++i];
    } else {
      std::cerr << "usage: ipsec-fpga-link-bench [--quick] [--markdown FILE]\n"
                << "unknown argument: " << arg << "\n";
      return 2;
    }
  }
  try {
    Bench bench(quick);
    const Capabilities& c = bench.capabilities();
    std::cout << "board: " << c.summary() << "\n";
    const std::vector<BenchSuite> suites = {
        {"AES-128-CBC + HMAC-SHA1-96", Cipher::aes128_cbc, Integrity::hmac_sha1_96},
        {"AES-128-GCM", Cipher::aes128_gcm, Integrity::none}};
    const std::vector<std::pair<std::string, std::vector<std::size_t>>> sizes = {
        {"64", {64}},
        {"512", {512}},
        {"1400", {1400}},
        {"IMIX 7:4:1", {40, 576, 40, 40, 576, 40, 1500, 40, 576, 40, 40, 576}}};
    std::vector<Row> rows;
    for (const BenchSuite& suite : suites)
      for (const auto& [name, pattern] : sizes) bench.measure(suite, name, pattern, rows);
    std::cout << "\nPackets through driver + link + engine on sim: (clock " << c.clock_hz
              << " Hz; the simulated link carries one byte per cycle each way)\n";
    print_table(std::cout, rows, false);
    std::vector<PacketWire> wire;
    for (const Row& r : rows)  // framing hardly depends on the suite: the first one's
      if (r.suite == suites.front().name)
        wire.push_back({r.suite + " " + r.direction + " " + r.sizes, r.packet_in_bytes,
                        r.wire_in_per_packet, r.wire_out_per_packet});
    std::cout << "\n";
    print_link_limits(std::cout, wire, false);
    if (!markdown_path.empty()) {
      std::ofstream md(markdown_path);
      md << "# Host link benchmark\n\nGenerated by `ipsec-fpga-link-bench --markdown` (target "
            "`figures`); do not edit. Packets go through the driver, the host link framing, "
            "the simulated board's link RTL and the ESP engine (`sim:` transport, Verilator), "
            "pipelined up to the board's packet credits, in tunnel mode over UDP 4500.\n\n"
            "Wall-clock figures (packets/s, simulated cycles/s) depend on the machine that ran "
            "this; board cycles and wire bytes are exact.\n\nBoard: "
         << c.summary() << "\n\n";
      print_table(md, rows, true);
      md << "\n## What the framing leaves of the USB links\n\n";
      print_link_limits(md, wire, true);
    }
  } catch (const std::exception& e) {
    std::cerr << "ipsec-fpga-link-bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
