// ESP on the wire: a dumpcap capture on a WAN interface (UDP 4500 and
// protocol 50) and its decryption by tshark with given SA keys, which
// reports the ICV of every ESP packet as good or bad: an independent check
// of the ESP the board emits and accepts.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "host/lab/process.hpp"

namespace ipsec_fpga::host::lab {

class EspCapture {
 public:
  // Starts dumpcap on `interface` in `netns`, writing `file` (pcapng);
  // returns once dumpcap is capturing.
  EspCapture(const std::string& netns, const std::string& interface, std::filesystem::path file);
  ~EspCapture();
  // Stops dumpcap (SIGINT: it writes what it has) and waits for it.
  void stop();
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  ChildProcess dumpcap_;
};

// An ESP SA for tshark's esp_sa table. Suite names: "aes-cbc-sha1",
// "3des-sha1", "aes-gcm" (16-byte ICV), "aes-cbc-sha256", "null". The key
// strings are zeroed when a TsharkEspSa goes (each copy zeroes its own).
struct TsharkEspSa {
  std::string source, destination;
  std::string spi;  // hex, with or without 0x
  std::string suite;
  std::string encryption_key;  // hex (GCM: key + 4-byte salt)
  std::string integrity_key;   // hex
  ~TsharkEspSa();
};

// An SA whose keys the caller holds as bytes (manual keys a test wrote, or
// what a test's Gateway showed it): the SPI as 8 hex digits, keys in hex.
TsharkEspSa tshark_esp_sa(const std::string& source, const std::string& destination,
                          std::uint32_t spi, const std::string& suite,
                          std::span<const std::uint8_t> encryption_key,
                          std::span<const std::uint8_t> integrity_key);

struct EspPacketCheck {
  std::uint32_t frame = 0;
  std::string spi;  // 0x........
  std::uint32_t sequence = 0;
  bool icv_good = false;
  bool icv_bad = false;
  bool decrypted = false;  // tshark found an inner IPv4 packet
};

struct EspCaptureReport {
  std::vector<EspPacketCheck> packets;
  std::map<std::string, std::uint64_t> packets_per_spi;
  std::uint64_t good = 0, bad = 0, unchecked = 0, undecrypted = 0;
  std::string error;  // tshark failed
  bool all_good() const {
    return error.empty() && !packets.empty() && bad == 0 && unchecked == 0 && undecrypted == 0;
  }
  std::string summary() const;
};

// Why captures cannot be checked here (no dumpcap or tshark), or empty.
std::string capture_unavailable_reason();

// tshark's name for the suite's encryption and authentication algorithms
// (throws std::invalid_argument for an unknown suite).
std::pair<std::string, std::string> tshark_algorithms(const std::string& suite);

// Decrypts `capture` with `sas` (UDP 4500 is decoded as RFC 3948) and checks
// every ESP packet's ICV.
EspCaptureReport check_esp_capture(const std::filesystem::path& capture,
                                   const std::vector<TsharkEspSa>& sas,
                                   std::chrono::milliseconds timeout = std::chrono::seconds{60});

}  // namespace ipsec_fpga::host::lab
