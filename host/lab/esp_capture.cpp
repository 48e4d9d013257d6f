#include "host/lab/esp_capture.hpp"

#include <openssl/crypto.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace ipsec_fpga::host::lab {
namespace fs = std::filesystem;

EspCapture::EspCapture(const std::string& netns, const std::string& interface, fs::path file)
    : file_(std::move(file)) {
  const fs::path log = fs::path(file_).concat(".dumpcap.log");
  fs::remove(file_);
  fs::remove(log);
  ProcessOptions options;
  options.argv = {"dumpcap", "-q", "-i", interface, "-f", "udp or esp", "-w", file_.string()};
  options.netns = netns;
  options.stdout_file = log;
  dumpcap_ = ChildProcess(options);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  for (;;) {
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    if (s.str().find("Capturing on") != std::string::npos && fs::exists(file_)) break;
    if (!dumpcap_.running() || std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("dumpcap did not start on " + interface + " in " + netns + ": " +
                               s.str());
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
}

EspCapture::~EspCapture() { stop(); }

void EspCapture::stop() {
  if (!dumpcap_.running()) return;
  std::this_thread::sleep_for(std::chrono::milliseconds{300});  // let the last packets land
  dumpcap_.signal(SIGINT);
  if (!dumpcap_.wait_for(std::chrono::seconds{5})) dumpcap_.stop();
}

namespace {

void zero(std::string& secret) {
  if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
}

std::string hex(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * bytes.size());
  for (const std::uint8_t b : bytes) {
    text.push_back(digits[b >> 4]);
    text.push_back(digits[b & 0x0f]);
  }
  return text;
}

}  // namespace

TsharkEspSa::~TsharkEspSa() {
  zero(encryption_key);
  zero(integrity_key);
}

TsharkEspSa tshark_esp_sa(const std::string& source, const std::string& destination,
                          std::uint32_t spi, const std::string& suite,
                          std::span<const std::uint8_t> encryption_key,
                          std::span<const std::uint8_t> integrity_key) {
  char spi_text[9];
  std::snprintf(spi_text, sizeof spi_text, "%08x", spi);
  return TsharkEspSa{source, destination, spi_text, suite, hex(encryption_key), hex(integrity_key)};
}

std::string capture_unavailable_reason() {
  if (!program_in_path("dumpcap")) return "no dumpcap (Debian package wireshark-common)";
  if (!program_in_path("tshark")) return "no tshark (Debian package tshark)";
  return {};
}

std::pair<std::string, std::string> tshark_algorithms(const std::string& suite) {
  if (suite == "aes-cbc-sha1") return {"AES-CBC [RFC3602]", "HMAC-SHA-1-96 [RFC2404]"};
  if (suite == "aes-cbc-sha256") return {"AES-CBC [RFC3602]", "HMAC-SHA-256-128 [RFC4868]"};
  if (suite == "3des-sha1") return {"TripleDES-CBC [RFC2451]", "HMAC-SHA-1-96 [RFC2404]"};
  if (suite == "aes-gcm") return {"AES-GCM with 16 octet ICV [RFC4106]", "NULL"};
  if (suite == "null") return {"NULL", "NULL"};
  throw std::invalid_argument("unknown suite for tshark: " + suite);
}

std::string EspCaptureReport::summary() const {
  std::ostringstream s;
  s << packets.size() << " ESP packets: " << good << " ICV good, " << bad << " ICV bad, "
    << unchecked << " unchecked, " << undecrypted << " not decrypted";
  for (const auto& [spi, n] : packets_per_spi) s << "; SPI " << spi << ": " << n;
  if (!error.empty()) s << "; tshark: " << error;
  return s.str();
}

EspCaptureReport check_esp_capture(const fs::path& capture, const std::vector<TsharkEspSa>& sas,
                                   std::chrono::milliseconds timeout) {
  EspCaptureReport report;
  std::string table;
  auto quoted = [](const std::string& v) { return "\"" + v + "\""; };
  auto with_0x = [](const std::string& v) {
    return v.rfind("0x", 0) == 0 || v.empty() ? v : "0x" + v;
  };
  for (const TsharkEspSa& sa : sas) {
    const auto [encryption, authentication] = tshark_algorithms(sa.suite);
    table += "uat:esp_sa:" + quoted("IPv4") + "," + quoted(sa.source) + "," +
             quoted(sa.destination) + "," + quoted(with_0x(sa.spi)) + "," + quoted(encryption) +
             "," + quoted(with_0x(sa.encryption_key)) + "," + quoted(authentication) + "," +
             quoted(with_0x(sa.integrity_key));
    table += '\n';
  }
  std::vector<std::string> argv{"tshark", "-n",
                                "-r",     capture.string(),
                                "-o",     "esp.enable_encryption_decode:TRUE",
                                "-o",     "esp.enable_authentication_check:TRUE",
                                "-Y",     "esp",
                                "-T",     "fields",
                                "-E",     "separator=|",
                                "-e",     "frame.number",
                                "-e",     "esp.spi",
                                "-e",     "esp.sequence",
                                "-e",     "esp.icv_good",
                                "-e",     "esp.icv_bad",
                                "-e",     "ip.src"};
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) {
    argv.push_back("-o");
    argv.push_back(line);
  }
  const CommandResult r = run_command(argv, timeout);
  // The esp_sa lines hold the keys.
  zero(table);
  for (std::string& a : argv) zero(a);
  if (!r.ok()) {
    report.error = "status " + std::to_string(r.status) + ": " + r.output.substr(0, 2000);
    return report;
  }
  std::istringstream out(r.output);
  for (std::string line; std::getline(out, line);) {
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string field; std::getline(ls, field, '|');) f.push_back(field);
    if (f.size() < 3 || f[0].empty() || f[1].empty()) continue;
    if (f[0].find_first_not_of("0123456789") != std::string::npos) continue;  // tshark warnings
    // A wrongly decrypted payload may show as a nested ESP: the outer one counts.
    for (std::size_t i = 1; i < f.size() && i < 5; ++i) f[i] = f[i].substr(0, f[i].find(','));
    EspPacketCheck p;
    p.frame = static_cast<std::uint32_t>(std::stoul(f[0]));
    p.spi = f[1];
    p.sequence = static_cast<std::uint32_t>(std::stoul(f[2].empty() ? "0" : f[2]));
    auto truthy = [](const std::string& v) { return v == "1" || v == "True" || v == "true"; };
    p.icv_good = f.size() > 3 && truthy(f[3]);
    p.icv_bad = f.size() > 4 && truthy(f[4]);
    // ip.src repeats for the inner packet when tshark decrypted it.
    p.decrypted = f.size() > 5 && f[5].find(',') != std::string::npos;
    report.packets_per_spi[p.spi]++;
    if (p.icv_good)
      ++report.good;
    else if (p.icv_bad)
      ++report.bad;
    else
      ++report.unchecked;
    if (!p.decrypted) ++report.undecrypted;
    report.packets.push_back(p);
  }
  return report;
}

}  // namespace ipsec_fpga::host::lab
