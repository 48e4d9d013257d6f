#include "host/bench/bench_report.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "host/bench/bench_math.hpp"
#include "link_limits.hpp"

extern char** environ;

namespace ipsec_fpga::host::bench {

namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Mbit/s for people: one decimal below 1,000, none above.
std::string mbps(double value) { return fixed(value, value < 1000 ? 1 : 0); }
std::string mbps(const std::optional<double>& value) { return value ? mbps(*value) : "-"; }

std::string mhz(double hz) {
  const double m = hz / 1e6;
  return fixed(m, std::fabs(m - std::round(m)) < 1e-9 ? 0 : 1) + " MHz";
}

std::string slug(const std::string& text) {
  std::string s;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!s.empty() && s.back() != '_')
      s += '_';
  }
  while (!s.empty() && s.back() == '_') s.pop_back();
  return s;
}

std::string board_header(const BoardClock& b) {
  return b.name + " " + mhz(b.clock_hz) + (b.measured ? "" : "*");
}

std::vector<std::string> distinct_suites(const BenchReport& report) {
  std::vector<std::string> suites;
  for (const BenchRow& r : report.rows)
    if (std::find(suites.begin(), suites.end(), r.suite) == suites.end()) suites.push_back(r.suite);
  return suites;
}

std::vector<std::string> distinct_sizes(const BenchReport& report) {
  std::vector<std::string> sizes;
  for (const BenchRow& r : report.rows)
    if (std::find(sizes.begin(), sizes.end(), r.size) == sizes.end()) sizes.push_back(r.size);
  return sizes;
}

const BenchRow* find_row(const BenchReport& report, const std::string& suite,
                         const std::string& direction, const std::string& size) {
  for (const BenchRow& r : report.rows)
    if (r.suite == suite && r.direction == direction && r.size == size) return &r;
  return nullptr;
}

std::string notes(const BenchReport& report) {
  std::ostringstream out;
  out << "* target clocks, not measured Fmax (issue 7's board builds will measure them):";
  for (const BoardClock& b : board_clocks())
    out << "\n    " << b.name << " (" << b.part << ") " << mhz(b.clock_hz) << ": " << b.basis;
  out << "\n  '-': the suite is not in that board's configuration.";
  (void)report;
  return out.str();
}

}  // namespace

std::string model_speed(const BenchReport& report) {
  const double cycles = static_cast<double>(report.model_cycles);
  std::ostringstream out;
  out << "Engine model speed: " << report.model_cycles << " cycles simulated in "
      << fixed(report.model_seconds, 2) << " s of wall clock: "
      << fixed(report.model_seconds > 0 ? cycles / report.model_seconds / 1e6 : 0, 3)
      << " M simulated cycles per wall second ("
      << fixed(report.model_cpu_seconds > 0 ? cycles / report.model_cpu_seconds / 1e6 : 0, 3)
      << " M per CPU second; one thread, Verilator -O3, packets checked on the way).";
  return out.str();
}

std::vector<std::string> link_short_names() {
  std::vector<std::string> names;
  for (const driver::UsbLink& link : driver::usb_links()) {
    if (link.name.find("UART") != std::string::npos)
      names.push_back("UART " + fixed(link.bytes_per_second * 10 / 1e6, 0) + "M");
    else if (link.name.find("FIFO") != std::string::npos)
      names.push_back("FT245 FIFO");
    else if (link.name.find("USB 2.0") != std::string::npos)
      names.push_back("USB2 HS");
    else
      names.push_back(link.name);
  }
  return names;
}

void print_table(std::ostream& out, const BenchReport& report) {
  const auto& boards = board_clocks();
  const auto links = link_short_names();
  std::vector<std::string> header = {"suite", "dir", "size", "cycles/pkt", "B/clk"};
  for (const BoardClock& b : boards) header.push_back(b.name + "*");
  header.push_back(links.at(0));                        // the iCEBreaker's UART
  if (links.size() > 2) header.push_back(links.at(2));  // the FT245 FIFO
  header.push_back("OpenSSL");
  header.push_back("e2e pkt/s");
  std::vector<std::vector<std::string>> cells;
  for (const BenchRow& r : report.rows) {
    std::vector<std::string> row = {r.suite, r.direction, r.size, fixed(r.cycles_per_packet, 1),
                                    fixed(r.bytes_per_clock, 3)};
    for (const auto& m : r.board_mbps) row.push_back(mbps(m));
    row.push_back(r.link_mbps.empty() ? "-" : mbps(r.link_mbps.at(0)));
    if (links.size() > 2) row.push_back(r.link_mbps.size() > 2 ? mbps(r.link_mbps.at(2)) : "-");
    row.push_back(mbps(r.software_mbps));
    row.push_back(r.e2e_pps ? fixed(*r.e2e_pps, 0) : "-");
    cells.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : cells) width[c] = std::max(width[c], row[c].size());
  }
  const auto line = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::size_t pad = width[c] - row[c].size();
      if (c < 3)
        out << row[c] << std::string(pad, ' ');
      else
        out << std::string(pad, ' ') << row[c];
      out << (c + 1 < row.size() ? "  " : "\n");
    }
  };
  out << "Throughput in Mbit/s of inner IPv4 packets; cycles from the cycle-accurate engine "
         "model (exact).\n";
  line(header);
  for (const auto& row : cells) line(row);
  out << notes(report) << "\n  " << links.at(0)
      << (links.size() > 2 ? ", " + links.at(2) : std::string())
      << ": what that USB link carries with the host link's framing (any clock).\n"
      << "  OpenSSL: " << report.openssl << " EVP on one core of " << report.cpu
      << ", same packets (per CPU second of one thread).\n"
      << "  e2e pkt/s: through driver::Board on the simulated board (wall clock of this "
         "host's simulation, not a board figure).\n";
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void write_csv(std::ostream& out, const BenchReport& report) {
  const auto& boards = board_clocks();
  const auto links = link_short_names();
  out << "suite,direction,size,mean_packet_bytes,cycles_per_packet,bytes_per_clock,"
         "slowest_unit_cycles,first_packet_latency_cycles";
  for (const BoardClock& b : boards)
    out << ",mbps_" << slug(b.name) << "_" << slug(mhz(b.clock_hz))
        << (b.measured ? "" : "_target");
  out << ",wire_bytes_in,wire_bytes_out";
  for (const std::string& l : links) out << ",link_mbps_" << slug(l);
  out << ",openssl_mbps,openssl_packets_per_second,e2e_sim_packets_per_second,"
         "e2e_sim_board_cycles_per_packet\n";
  const auto opt = [](const std::optional<double>& v, int decimals) {
    return v ? fixed(*v, decimals) : std::string();
  };
  for (const BenchRow& r : report.rows) {
    out << csv_field(r.suite) << "," << r.direction << "," << csv_field(r.size) << ","
        << fixed(r.mean_bytes, 2) << "," << fixed(r.cycles_per_packet, 3) << ","
        << fixed(r.bytes_per_clock, 5) << "," << fixed(r.limit_cycles, 3) << "," << r.latency;
    for (const auto& m : r.board_mbps) out << "," << opt(m, 3);
    out << "," << fixed(r.wire_in, 2) << "," << fixed(r.wire_out, 2);
    for (std::size_t i = 0; i < links.size(); ++i)
      out << "," << (i < r.link_mbps.size() ? fixed(r.link_mbps[i], 3) : std::string());
    out << "," << opt(r.software_mbps, 3) << "," << opt(r.software_pps, 0) << ","
        << opt(r.e2e_pps, 1) << "," << opt(r.e2e_board_cycles, 1) << "\n";
  }
}

void write_markdown(std::ostream& out, const BenchReport& report, const std::string& command,
                    const std::string& png_name) {
  const auto& boards = board_clocks();
  const auto links = link_short_names();
  out << "# Throughput: the ESP engine against OpenSSL (generated)\n\n"
         "Generated by `"
      << command
      << "` (see [benchmarking.md](../benchmarking.md)); do not edit. "
         "Cycles per packet are exact (the cycle-accurate Verilated model of "
         "`rtl/esp/esp_engine.v`, every packet checked against the reference ESP); Mbit/s at a "
         "board's clock follow from them. The OpenSSL figures (CPU time of one core) and the "
         "end-to-end ones (wall clock) are measurements of the machine that ran this and change "
         "from run to run.\n\n"
         "- Sizes are inner IPv4 packet lengths (what ESP protects in tunnel mode); Mbit/s "
         "count those bytes. IMIX 7:4:1 is the Simple IMIX: 7 x 40, 4 x 576, 1 x 1500-byte IP "
         "packets (mean "
      << fixed(imix_mean_bytes(), 2)
      << " bytes), interleaved.\n"
         "- Engine: tunnel mode, bare ESP, 32-bit sequence numbers, back-to-back packets of one "
         "SA, steady state (between the statuses of the second and the last packet).\n"
         "- OpenSSL: "
      << report.openssl << ", EVP, one thread on one core of " << report.cpu
      << ", the same packets with the same keys and IVs (its ESP packets are checked equal to "
         "the engine's); packets per CPU second of the measuring thread, about "
      << fixed(report.software_seconds, 2)
      << " s of it per figure.\n"
         "- "
      << model_speed(report) << "\n\n";
  if (!png_name.empty())
    out << "![Throughput against packet size per suite, FPGA vs OpenSSL](" << png_name << ")\n\n";
  out << "## Board clocks\n\n| board | part | clock | measured? | basis | suites carried |\n"
         "|---|---|---|---|---|---|\n";
  for (const BoardClock& b : boards) {
    std::string carried = "every suite";
    if (!b.ciphers.empty()) {
      carried.clear();
      for (const auto& c : b.ciphers) carried += (carried.empty() ? "" : ", ") + c;
      carried += " with ";
      std::string integrities;
      for (const auto& i : b.integrities) integrities += (integrities.empty() ? "" : ", ") + i;
      carried += integrities;
    }
    out << "| " << b.name << " | " << b.part << " | " << mhz(b.clock_hz) << " | "
        << (b.measured ? "yes" : "no: target") << " | " << b.basis << " | " << carried << " |\n";
  }
  out << "\nThe small boards' figures use the full engine's cycle counts; their own "
         "configurations (issue 7: compact AES, fewer units) may take other cycle counts.\n\n"
         "## Engine and OpenSSL\n\nMbit/s of inner packets; `-`: not in that board's "
         "configuration.\n\n| suite | direction | packet bytes | cycles/packet | bytes/clock |";
  for (const BoardClock& b : boards) out << " " << board_header(b) << " |";
  out << " OpenSSL 1 core | OpenSSL / " << boards.back().name << " |\n|---|---|---|---|---|";
  for (std::size_t i = 0; i < boards.size(); ++i) out << "---|";
  out << "---|---|\n";
  for (const BenchRow& r : report.rows) {
    out << "| " << r.suite << " | " << r.direction << " | " << r.size << " | "
        << fixed(r.cycles_per_packet, 1) << " | " << fixed(r.bytes_per_clock, 3) << " |";
    for (const auto& m : r.board_mbps) out << " " << mbps(m) << " |";
    out << " " << mbps(r.software_mbps) << " | ";
    if (r.software_mbps && r.board_mbps.back())
      out << fixed(*r.software_mbps / *r.board_mbps.back(), 1) << "x";
    else
      out << "-";
    out << " |\n";
  }
  // Link limits: they hardly depend on the suite; one suite's rows.
  const std::vector<std::string> suites = distinct_suites(report);
  std::string link_suite = suites.empty() ? "" : suites.front();
  for (const std::string& s : suites)
    if (s == "aes128-cbc+hmac-sha1-96") link_suite = s;
  out << "\n## What the USB links carry\n\nMbit/s of inner packets each link carries with the "
         "host link's framing (COBS, header, CRC; exact wire bytes of the engine's packets), "
         "whatever the board's clock; a board delivers the smaller of this and its engine "
         "figure. Suite "
      << link_suite << " (the others differ by their ESP overhead only).\n\n";
  for (std::size_t i = 0; i < driver::usb_links().size(); ++i)
    out << "- " << links[i] << ": " << driver::usb_links()[i].name << ", "
        << fixed(driver::usb_links()[i].bytes_per_second / 1e6, 3) << " MB/s "
        << (driver::usb_links()[i].full_duplex ? "each way" : "in total") << " ("
        << driver::usb_links()[i].basis << ")\n";
  out << "\n| direction | packet bytes | wire bytes in | wire bytes out |";
  for (const std::string& l : links) out << " " << l << " |";
  out << " iCEBreaker* over " << links.at(0) << " |\n|---|---|---|---|";
  for (std::size_t i = 0; i <= links.size(); ++i) out << "---|";
  out << "\n";
  for (const BenchRow& r : report.rows) {
    if (r.suite != link_suite) continue;
    out << "| " << r.direction << " | " << r.size << " | " << fixed(r.wire_in, 1) << " | "
        << fixed(r.wire_out, 1) << " |";
    for (const double m : r.link_mbps) out << " " << mbps(m) << " |";
    const auto& board = r.board_mbps.front();
    out << " "
        << (board && !r.link_mbps.empty() ? mbps(std::min(*board, r.link_mbps.front())) : "-")
        << " |\n";
  }
  bool any_e2e = false;
  for (const BenchRow& r : report.rows) any_e2e = any_e2e || r.e2e_pps.has_value();
  if (any_e2e) {
    out << "\n## End to end through the driver\n\nPackets through `driver::Board` on `sim:` "
           "(the Verilated board core: host link framing, link RTL, ESP engine), pipelined up "
           "to the board's packet credits, "
        << report.e2e_packets
        << " packets per row, tunnel mode over UDP 4500. Packets/s is the wall clock of this "
           "host's simulation ("
        << fixed(report.e2e_sim_cycles_per_second / 1e6, 2)
        << " M board cycles/s), not a board figure; board cycles per packet are the simulated "
           "board's (its link carries one byte per cycle each way).\n\nBoard: "
        << report.sim_board << "\n\n| suite | direction | packet bytes | packets/s (wall) | board "
        << "cycles/packet | packets/s at " << mhz(report.sim_board_clock_hz)
        << " |\n|---|---|---|---|---|---|\n";
    for (const BenchRow& r : report.rows)
      if (r.e2e_pps)
        out << "| " << r.suite << " | " << r.direction << " | " << r.size << " | "
            << fixed(*r.e2e_pps, 0) << " | " << fixed(*r.e2e_board_cycles, 0) << " | "
            << fixed(report.sim_board_clock_hz / *r.e2e_board_cycles, 0) << " |\n";
  }
}

void write_plot_data(std::ostream& out, const BenchReport& report) {
  const std::vector<std::string> sizes = distinct_sizes(report);
  const auto value = [](const BenchRow* r, int what) -> std::string {
    if (r == nullptr) return "NaN";
    std::optional<double> v;
    if (what == 0) v = r->board_mbps.back();
    if (what == 1) v = r->board_mbps.front();
    if (what == 2) v = r->software_mbps;
    return v ? fixed(*v, 3) : "NaN";
  };
  // One block per suite: x, label, then large board / small board / OpenSSL, out and in.
  for (const std::string& suite : distinct_suites(report)) {
    out << "# " << suite << "\n";
    for (std::size_t x = 0; x < sizes.size(); ++x) {
      const BenchRow* o = find_row(report, suite, "out", sizes[x]);
      const BenchRow* i = find_row(report, suite, "in", sizes[x]);
      std::string label = sizes[x].rfind("IMIX", 0) == 0 ? "IMIX" : sizes[x];
      out << x << "\t" << label;
      for (int what = 0; what < 3; ++what) out << "\t" << value(o, what) << "\t" << value(i, what);
      out << "\n";
    }
    out << "\n\n";
  }
}

std::string plot_script(const BenchReport& report, const std::string& data_path,
                        const std::string& png_path) {
  const std::vector<std::string> suites = distinct_suites(report);
  const std::size_t n = std::max<std::size_t>(suites.size(), 1);
  const std::size_t cols = std::min<std::size_t>(n, n > 12 ? 5 : (n > 4 ? 4 : n));
  const std::size_t rows = (n + cols - 1) / cols;
  const std::size_t sizes = distinct_sizes(report).size();
  const BoardClock& large = board_clocks().back();
  const BoardClock& small = board_clocks().front();
  const auto quote = [](const std::string& s) {
    std::string q = "'";
    for (const char c : s) q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
  };
  // A double-quoted gnuplot string of `text` with no escapes in it.
  const auto title_quote = [](const std::string& text) {
    std::string q = "\"";
    for (const char c : text)
      if (c != '"' && c != '\\') q += c;
    return q + "\"";
  };
  std::ostringstream s;
  s << "set terminal pngcairo size " << 420 * cols << "," << 330 * rows + 90
    << " font 'sans,9'\nset output " << quote(png_path)
    << "\nset datafile separator tab\nset datafile missing 'NaN'\n"
    << "set multiplot layout " << rows << "," << cols << " title "
    << title_quote("ipsec-fpga ESP engine vs OpenSSL (" + report.openssl + ", one core of " +
                   report.cpu + "): throughput by packet size") +
           " . \"\\n\" . " +
           title_quote(
               "Mbit/s of inner IPv4 packets, log scale; * target clocks, not measured "
               "Fmax; solid: outbound, dashed: inbound")
    << " font 'sans,11'\n"
    << "set logscale y\nset grid xtics ytics mytics\nset xrange [-0.4:"
    << fixed(static_cast<double>(sizes) - 0.6, 1)
    << "]\nset yrange [1:*]\nset ylabel 'Mbit/s'\nset xlabel 'packet bytes'\n"
    << "set key bottom right font 'sans,8' spacing 0.9\n"
    << "set style line 1 lc rgb '#1f77b4' lw 2 pt 7 ps 0.6\n"
    << "set style line 2 lc rgb '#1f77b4' lw 2 pt 7 ps 0.6 dt 2\n"
    << "set style line 3 lc rgb '#2ca02c' lw 2 pt 5 ps 0.6\n"
    << "set style line 4 lc rgb '#2ca02c' lw 2 pt 5 ps 0.6 dt 2\n"
    << "set style line 5 lc rgb '#d62728' lw 2 pt 9 ps 0.6\n"
    << "set style line 6 lc rgb '#d62728' lw 2 pt 9 ps 0.6 dt 2\n";
  const std::string big = quote("FPGA " + board_header(large));
  const std::string little = quote("FPGA " + board_header(small));
  // Does the small board carry the suite? The key goes on the first panel that has every line.
  const auto on_small_board = [&](const std::string& suite) {
    for (const BenchRow& r : report.rows)
      if (r.suite == suite && r.board_mbps.front().has_value()) return true;
    return false;
  };
  std::size_t key_panel = 0;
  while (key_panel < suites.size() && !on_small_board(suites[key_panel])) ++key_panel;
  if (key_panel == suites.size()) key_panel = 0;
  for (std::size_t i = 0; i < suites.size(); ++i) {
    s << "set title " << quote(suites[i]) << "\n"
      << (i == key_panel ? "set key on\n" : "set key off\n");
    const std::string d = quote(data_path) + " index " + std::to_string(i);
    const bool small_board = on_small_board(suites[i]);
    s << "plot " << d << " using 1:3:xtic(2) with linespoints ls 1 title " << big << ", \\\n  " << d
      << " using 1:4 with linespoints ls 2 notitle, \\\n  ";
    if (small_board)
      s << d << " using 1:5 with linespoints ls 3 title " << little << ", \\\n  " << d
        << " using 1:6 with linespoints ls 4 notitle, \\\n  ";
    s << d << " using 1:7 with linespoints ls 5 title 'OpenSSL, 1 core', \\\n  " << d
      << " using 1:8 with linespoints ls 6 notitle\n";
  }
  s << "unset multiplot\n";
  return s.str();
}

namespace {

std::string find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::filesystem::path candidate =
        std::filesystem::path(dir.empty() ? "." : dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

}  // namespace

void draw_png(const BenchReport& report, const std::string& png_path) {
  const std::string gnuplot = find_on_path("gnuplot");
  if (gnuplot.empty())
    throw std::runtime_error(
        "--png needs gnuplot, which is not on PATH (Debian: apt install "
        "gnuplot-nox)");
  char dir_template[] = "/tmp/ipsec-fpga-bench-XXXXXX";
  if (::mkdtemp(dir_template) == nullptr)
    throw std::runtime_error(std::string("cannot make a temporary directory: ") +
                             std::strerror(errno));
  const std::filesystem::path dir(dir_template);
  const std::string data = (dir / "throughput.tsv").string();
  const std::string script = (dir / "throughput.gp").string();
  std::string error;
  {
    std::ofstream d(data);
    write_plot_data(d, report);
    std::ofstream g(script);
    g << plot_script(report, data, png_path);
    if (!d || !g) error = "cannot write the chart's data in " + dir.string();
  }
  if (error.empty()) {
    // gnuplot as a child process on the generated script (no shell).
    std::vector<char*> argv = {const_cast<char*>(gnuplot.c_str()),
                               const_cast<char*>(script.c_str()), nullptr};
    pid_t pid = 0;
    const int spawned =
        ::posix_spawn(&pid, gnuplot.c_str(), nullptr, nullptr, argv.data(), environ);
    if (spawned != 0) {
      error = "cannot start " + gnuplot + ": " + std::strerror(spawned);
    } else {
      int status = 0;
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        error = "gnuplot failed drawing " + png_path + " (script " + script + ")";
    }
  }
  if (!error.empty()) throw std::runtime_error(error);  // the script stays for a look
  std::filesystem::remove_all(dir);
}

}  // namespace ipsec_fpga::host::bench
